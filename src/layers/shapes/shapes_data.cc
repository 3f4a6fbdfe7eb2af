#include "layers/shapes/shapes_data.h"

#include <algorithm>
#include <cmath>

#include "nd/nearest_names.h"

namespace stackshot {
namespace {

constexpr ShapeType kAllTypes[] = {ShapeType::kRectangle, ShapeType::kEllipse, ShapeType::kPolygon,
                                   ShapeType::kPath, ShapeType::kLine};

std::string Vertices(int64_t count) { return std::to_string(count) + (count == 1 ? " vertex" : " vertices"); }

}  // namespace

const char* ShapeTypeName(ShapeType type) {
  switch (type) {
    case ShapeType::kRectangle: return "rectangle";
    case ShapeType::kEllipse: return "ellipse";
    case ShapeType::kPolygon: return "polygon";
    case ShapeType::kPath: return "path";
    case ShapeType::kLine: return "line";
  }
  return "unknown";
}

Result<ShapeType> ParseShapeType(const std::string& name) {
  std::vector<std::string> names;
  for (ShapeType type : kAllTypes) {
    if (name == ShapeTypeName(type)) return type;
    names.emplace_back(ShapeTypeName(type));
  }
  return InvalidArgumentError("unknown shape type '" + name + "' (" + SuggestNames(name, names) + ")");
}

size_t ShapesData::nbytes() const {
  size_t bytes = types.size() * sizeof(ShapeType) + offsets.size() * sizeof(int64_t);
  for (const auto& column : columns) bytes += column.size() * sizeof(double);
  return bytes;
}

ShapesData EmptyShapes(int ndim) {
  ShapesData data;
  data.ndim = ndim;
  data.columns.assign(static_cast<size_t>(ndim), {});
  return data;
}

Status AddShape(ShapesData& data, ShapeType type, std::span<const double> rows) {
  const size_t ndim = static_cast<size_t>(data.ndim);
  if (data.columns.size() != ndim) data.columns.resize(ndim);
  if (ndim < 2 || rows.size() % ndim != 0) {
    return InvalidArgumentError("a shape's vertices need " + std::to_string(ndim) + " coordinates each");
  }
  for (double value : rows) {
    if (!std::isfinite(value)) return InvalidArgumentError("coordinate " + std::to_string(value) + " is not finite");
  }
  const int64_t count = static_cast<int64_t>(rows.size() / ndim);
  std::vector<double> vertices(rows.begin(), rows.end());
  const char* name = ShapeTypeName(type);
  switch (type) {
    case ShapeType::kRectangle:
    case ShapeType::kEllipse:
      if (count == 2 && ndim == 2) {
        const double a0 = rows[0], a1 = rows[1], b0 = rows[2], b1 = rows[3];
        if (type == ShapeType::kRectangle) {
          // napari's find_corners: the bounding box of the two points, clockwise
          // from the minimum corner.
          const double lo0 = std::min(a0, b0), hi0 = std::max(a0, b0);
          const double lo1 = std::min(a1, b1), hi1 = std::max(a1, b1);
          vertices = {lo0, lo1, hi0, lo1, hi0, hi1, lo0, hi1};
        } else {
          // napari's center_radii_to_corners: centre ± radii, then find_corners.
          const double p0 = a0 + b0, p1 = a1 + b1, m0 = a0 - b0, m1 = a1 - b1;
          const double lo0 = std::min(p0, m0), hi0 = std::max(p0, m0);
          const double lo1 = std::min(p1, m1), hi1 = std::max(p1, m1);
          vertices = {lo0, lo1, hi0, lo1, hi0, hi1, lo0, hi1};
        }
      } else if (count != 4) {
        return InvalidArgumentError(std::string(type == ShapeType::kEllipse ? "an " : "a ") + name + " needs 4 corners" +
                                    (ndim == 2 ? (type == ShapeType::kRectangle ? " (or 2 opposite corners)"
                                                                                 : " (or a centre and radii)")
                                               : "") +
                                    ", got " + Vertices(count));
      }
      break;
    case ShapeType::kLine:
      if (count != 2) return InvalidArgumentError("a line needs 2 vertices, got " + std::to_string(count));
      break;
    case ShapeType::kPath:
      if (count < 2) return InvalidArgumentError("a path needs at least 2 vertices, got " + std::to_string(count));
      break;
    case ShapeType::kPolygon:
      // napari accepts two: no area to fill, the edge out and back.
      if (count < 2) return InvalidArgumentError("a polygon needs at least 2 vertices, got " + std::to_string(count));
      break;
  }
  const size_t n = vertices.size() / ndim;
  for (size_t v = 0; v < n; ++v) {
    for (size_t axis = 0; axis < ndim; ++axis) data.columns[axis].push_back(vertices[v * ndim + axis]);
  }
  data.types.push_back(type);
  data.offsets.push_back(data.offsets.back() + static_cast<int64_t>(n));
  return Status::Ok();
}

}  // namespace stackshot
