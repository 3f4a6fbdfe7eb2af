// ShapesData: the shapes of a shapes layer, their types and vertices, column-wise.
//
// Conventions (napari's Shapes): types are rectangle, ellipse, polygon, path and
// line. Vertices are data coordinates, numpy-ordered, one float64 column per axis
// (columns[axis][vertex]); shape i owns vertices [offsets[i], offsets[i+1]), so
// slicing reads only the columns of the axes it slices. Vertex counts follow
// napari's constructors: a rectangle has 4 corners, or 2 opposite corners in 2D
// (expanded to 4 as napari's find_corners does); an ellipse has the 4 corners of
// its bounding box, or in 2D a centre and radii (expanded as center_radii_to_corners
// does); a line has 2 vertices; a path and a polygon at least 2 (as napari).
// Coordinates are finite: NaN and infinities are rejected.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "nd/status.h"

namespace stackshot {

enum class ShapeType { kRectangle, kEllipse, kPolygon, kPath, kLine };
const char* ShapeTypeName(ShapeType type);
// Fails naming the nearest napari shape types.
Result<ShapeType> ParseShapeType(const std::string& name);
// Closed shapes have a face (filled) and a closed outline.
inline bool IsClosedShape(ShapeType type) { return type != ShapeType::kPath && type != ShapeType::kLine; }

struct ShapesData {
  int ndim = 2;
  std::vector<ShapeType> types;
  std::vector<int64_t> offsets = {0};        // size() + 1 entries
  std::vector<std::vector<double>> columns;  // ndim columns of all vertices

  int64_t size() const { return static_cast<int64_t>(types.size()); }
  int64_t vertex_count(int64_t shape) const { return offsets[shape + 1] - offsets[shape]; }
  size_t nbytes() const;
};

// An empty layer of `ndim` dims.
ShapesData EmptyShapes(int ndim);

// Appends one shape given as `rows` (count × ndim numbers, row-major). Fails with a
// one-line message (no location: the caller adds it) on a vertex count the type
// cannot have, a row of another length, or a coordinate that is not finite.
Status AddShape(ShapesData& data, ShapeType type, std::span<const double> rows);

}  // namespace stackshot
