// How an image layer looks: everything the drawer needs besides the slice.
//
// Conventions: values are napari's. Value v maps to
// t = clamp((v - lo) / (hi - lo), 0, 1) ^ gamma, then to the colormap at t.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "layers/layer.h"

namespace stackshot {

using Rgba = std::array<float, 4>;  // straight (not premultiplied) colour, 0–1

// A colormap by napari name ("viridis", "gray_r") or as a list of colours with
// optional control points (evenly spaced when empty). render/ resolves it.
struct ColormapSpec {
  std::string name = "gray";
  std::vector<Rgba> colors;
  std::vector<float> controls;
  bool is_custom() const { return !colors.empty(); }
};

// nearest; linear (bilinear between pixel centres); cubic (Keys' bicubic, a = -0.5,
// the Catmull-Rom spline), both clamped to the edge pixels.
enum class Interpolation { kNearest, kLinear, kCubic };
const char* InterpolationName(Interpolation interpolation);
Result<Interpolation> ParseInterpolation(const std::string& name);

struct ImageAppearance {
  ColormapSpec colormap;
  std::array<double, 2> contrast_limits = {0.0, 1.0};
  double gamma = 1.0;
  double opacity = 1.0;
  Blending blending = Blending::kTranslucent;
  Interpolation interpolation = Interpolation::kNearest;
};

}  // namespace stackshot
