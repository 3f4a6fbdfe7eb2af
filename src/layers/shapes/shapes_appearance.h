// How a shapes layer looks: everything the drawer needs besides the slice.
//
// Conventions (napari's Shapes): each per-shape list holds one value for every
// shape, or a single value for all. Defaults are napari's: face white, edge
// #777777, edge_width 1 (data units, so it scales with the layer and the zoom),
// z_index 0, opacity 0.7. Shapes are drawn in ascending z_index, ties in data
// order (later on top); each shape's face first, then its edge centred on the
// outline with napari's miter joins (limit 3) and butt caps. A polygon's face
// follows the even-odd rule (napari keeps the triangles whose centre passes
// skimage's points_in_poly crossing test), so a self-crossing polygon has holes
// where its loops overlap. An ellipse is napari's 99-sided polygon.
#pragma once

#include <cstdint>
#include <vector>

#include "layers/image/image_appearance.h"
#include "layers/layer.h"

namespace stackshot {

struct ShapesAppearance {
  std::vector<Rgba> face_color = {Rgba{1, 1, 1, 1}};
  std::vector<Rgba> edge_color = {Rgba{0x77 / 255.0f, 0x77 / 255.0f, 0x77 / 255.0f, 1}};
  std::vector<double> edge_width = {1.0};
  std::vector<int> z_index = {0};
  double opacity = 0.7;
  Blending blending = Blending::kTranslucent;
};

// The value for shape i of a per-shape list (one value applies to all).
template <typename T>
const T& PerShape(const std::vector<T>& values, int64_t i) {
  return values.size() == 1 ? values[0] : values[static_cast<size_t>(i)];
}

// Fails unless every list has 1 or `count` entries and widths are ≥ 0.
Status CheckShapesAppearance(const ShapesAppearance& appearance, int64_t count);

}  // namespace stackshot
