// Rasterizer: draws the applied slice responses of all visible layers onto a canvas,
// bottom to top, over the background.
#pragma once

#include <memory>
#include <variant>
#include <vector>

#include "layers/image/image_appearance.h"
#include "layers/image/image_slice.h"
#include "layers/labels/labels_appearance.h"
#include "layers/labels/labels_slice.h"
#include "render/camera.h"
#include "render/canvas.h"

namespace stackshot {

struct ImageDrawItem {
  std::shared_ptr<const ImageSliceResponse> response;
  ImageAppearance appearance;
};

struct LabelsDrawItem {
  std::shared_ptr<const LabelsSliceResponse> response;
  LabelsAppearance appearance;
};

// One variant alternative per layer type.
using DrawItem = std::variant<ImageDrawItem, LabelsDrawItem>;

struct FrameSpec {
  int width = 0;
  int height = 0;
  Rgba background = {0, 0, 0, 1};
  Camera2D camera;
};

// Draws `items` in order (the first at the bottom). Fails on an appearance that
// cannot be resolved (e.g. an unknown colormap).
Result<RgbaImage> Rasterize(const FrameSpec& frame, const std::vector<DrawItem>& items, int threads);

}  // namespace stackshot
