// How a vectors layer looks: everything the drawer needs besides the slice.
//
// Conventions (napari's Vectors): a vector runs from its position to position +
// length × projection, in data units; edge_width is in data units too (it scales
// with the layer and the zoom). vector_style: "line" (a bar edge_width wide),
// "triangle" (napari's default: base edge_width wide at the position, apex at the
// end) or "arrow" (a bar over the first three quarters of the drawn vector, to
// position + 0.75 × length × projection, then a head twice as wide ending at the
// tip, as napari draws it). The colour is edge_color (one, or
// one per vector), or colour by a numeric feature through a colormap and contrast
// limits; its alpha is multiplied by the slice's out-of-slice alpha and the
// layer's opacity. Defaults are napari's: red, width 1, length 1, opacity 0.7.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "layers/image/image_appearance.h"
#include "layers/layer.h"

namespace stackshot {

enum class VectorStyle { kLine, kTriangle, kArrow };
const char* VectorStyleName(VectorStyle style);
Result<VectorStyle> ParseVectorStyle(const std::string& name);

struct VectorsAppearance {
  std::vector<Rgba> edge_color = {Rgba{1, 0, 0, 1}};  // one, or one per vector
  // Colour by feature: when `color_values` is not empty (one per vector) it is
  // mapped through `colormap` with `contrast_limits` instead of edge_color.
  std::vector<double> color_values;
  ColormapSpec colormap{"viridis", {}, {}};
  std::array<double, 2> contrast_limits = {0.0, 1.0};
  double edge_width = 1.0;
  double length = 1.0;
  VectorStyle vector_style = VectorStyle::kTriangle;
  double opacity = 0.7;
  Blending blending = Blending::kTranslucent;
};

// Fails on a colour list of another length than 1 or `count`, values of another
// length than `count`, a negative width or non-finite length.
Status CheckVectorsAppearance(const VectorsAppearance& appearance, int64_t count);

}  // namespace stackshot
