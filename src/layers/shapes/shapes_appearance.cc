#include "layers/shapes/shapes_appearance.h"

#include <cmath>
#include <string>

namespace stackshot {

Status CheckShapesAppearance(const ShapesAppearance& a, int64_t count) {
  auto check = [&](size_t size, const char* name) -> Status {
    if (size == 1 || static_cast<int64_t>(size) == count) return Status::Ok();
    return InvalidArgumentError(std::string(name) + " has " + std::to_string(size) + " values for " +
                                std::to_string(count) + " shapes (give 1 or one per shape)");
  };
  RETURN_IF_ERROR(check(a.face_color.size(), "face_color"));
  RETURN_IF_ERROR(check(a.edge_color.size(), "edge_color"));
  RETURN_IF_ERROR(check(a.edge_width.size(), "edge_width"));
  RETURN_IF_ERROR(check(a.z_index.size(), "z_index"));
  for (double width : a.edge_width) {
    if (!(width >= 0) || !std::isfinite(width)) {
      return InvalidArgumentError("edge_width must be 0 or more, got " + std::to_string(width));
    }
  }
  return Status::Ok();
}

}  // namespace stackshot
