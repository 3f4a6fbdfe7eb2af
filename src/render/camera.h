// The 2D camera: which world point is at the canvas centre and how many screen
// pixels one world unit spans (scene-format.md).
//
// Conventions: world coordinates here are the two displayed axes, (y, x): y is the
// first displayed axis (screen rows, downwards), x the second (screen columns).
// The centre of screen pixel (col, row) is at world
//   x = center_x + ((col + 0.5) - width / 2) / zoom,
//   y = center_y + ((row + 0.5) - height / 2) / zoom.
#pragma once

#include <array>

namespace stackshot {

struct Camera2D {
  double center_y = 0;
  double center_x = 0;
  double zoom = 1;
};

// napari's reset_view: centres the world box [min, max] (pixel-edge extent of the
// visible layers, per displayed axis) and fits it with a 5% margin.
Camera2D FitCamera(std::array<double, 2> min_yx, std::array<double, 2> max_yx, int width, int height);

// World (y, x) of the centre of screen pixel (col, row).
std::array<double, 2> ScreenToWorld(const Camera2D& camera, int width, int height, double col, double row);

}  // namespace stackshot
