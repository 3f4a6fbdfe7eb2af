// DrawItem: what the rasterizer draws for one layer — its applied slice response and
// its appearance — and FrameSpec, the frame it is drawn into. One struct per layer
// type; the variant lists them all.
#pragma once

#include <memory>
#include <variant>

#include "layers/image/image_appearance.h"
#include "layers/image/image_slice.h"
#include "layers/labels/labels_appearance.h"
#include "layers/labels/labels_slice.h"
#include "layers/points/points_appearance.h"
#include "layers/points/points_slice.h"
#include "layers/shapes/shapes_appearance.h"
#include "layers/shapes/shapes_slice.h"
#include "layers/vectors/vectors_appearance.h"
#include "layers/vectors/vectors_slice.h"
#include "render/camera.h"

namespace stackshot {

struct ImageDrawItem {
  std::shared_ptr<const ImageSliceResponse> response;
  ImageAppearance appearance;
};

struct LabelsDrawItem {
  std::shared_ptr<const LabelsSliceResponse> response;
  LabelsAppearance appearance;
};

struct PointsDrawItem {
  std::shared_ptr<const PointsSliceResponse> response;
  PointsAppearance appearance;
};

struct ShapesDrawItem {
  std::shared_ptr<const ShapesSliceResponse> response;
  ShapesAppearance appearance;
};

struct VectorsDrawItem {
  std::shared_ptr<const VectorsSliceResponse> response;
  VectorsAppearance appearance;
};

// One variant alternative per layer type.
using DrawItem = std::variant<ImageDrawItem, LabelsDrawItem, PointsDrawItem, ShapesDrawItem, VectorsDrawItem>;

struct FrameSpec {
  int width = 0;
  int height = 0;
  Rgba background = {0, 0, 0, 1};
  Camera2D camera;
  // Shapes and vectors with anti-aliased edges; off, they are hard-edged as napari's
  // triangle meshes on a canvas without anti-aliasing (points are always smooth).
  bool antialiasing = false;
};

}  // namespace stackshot
