#include "layers/vectors/vectors_appearance.h"

#include <cmath>

#include "nd/nearest_names.h"

namespace stackshot {

const char* VectorStyleName(VectorStyle style) {
  switch (style) {
    case VectorStyle::kLine: return "line";
    case VectorStyle::kTriangle: return "triangle";
    case VectorStyle::kArrow: return "arrow";
  }
  return "unknown";
}

Result<VectorStyle> ParseVectorStyle(const std::string& name) {
  std::vector<std::string> names;
  for (VectorStyle style : {VectorStyle::kLine, VectorStyle::kTriangle, VectorStyle::kArrow}) {
    if (name == VectorStyleName(style)) return style;
    names.emplace_back(VectorStyleName(style));
  }
  return InvalidArgumentError("unknown vector_style '" + name + "' (" + SuggestNames(name, names) + ")");
}

Status CheckVectorsAppearance(const VectorsAppearance& a, int64_t count) {
  if (a.edge_color.size() != 1 && static_cast<int64_t>(a.edge_color.size()) != count) {
    return InvalidArgumentError("edge_color has " + std::to_string(a.edge_color.size()) + " colours for " +
                                std::to_string(count) + " vectors (give 1 or one per vector)");
  }
  if (!a.color_values.empty() && static_cast<int64_t>(a.color_values.size()) != count) {
    return InvalidArgumentError("colour values have " + std::to_string(a.color_values.size()) + " entries for " +
                                std::to_string(count) + " vectors");
  }
  if (!(a.edge_width >= 0) || !std::isfinite(a.edge_width)) {
    return InvalidArgumentError("edge_width must be 0 or more, got " + std::to_string(a.edge_width));
  }
  if (!std::isfinite(a.length)) return InvalidArgumentError("length must be finite");
  return Status::Ok();
}

}  // namespace stackshot
