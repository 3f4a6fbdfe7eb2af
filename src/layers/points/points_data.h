// PointsData: the coordinates and features of a points layer, held column-wise.
//
// Conventions: coordinates are data coordinates, numpy-ordered (slowest axis
// first), one float64 column per axis, so slicing reads only the columns of the
// axes it slices. Features are napari's per-point table (the extra columns of its
// points CSV): a column whose every value reads as a number is numeric
// (continuous), any other is categorical text. Coordinates are finite: NaN and
// infinities are rejected where the data is read, naming where they came from.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nd/array.h"
#include "nd/status.h"

namespace stackshot {

struct PointsFeature {
  std::string name;
  bool numeric = true;
  std::vector<double> numbers;       // numeric: one value per point
  std::vector<std::string> strings;  // categorical: one value per point
};

struct PointsData {
  int ndim = 0;
  std::vector<std::vector<double>> columns;  // columns[axis][point]
  std::vector<PointsFeature> features;

  int64_t size() const { return columns.empty() ? 0 : static_cast<int64_t>(columns[0].size()); }
  const PointsFeature* FindFeature(const std::string& name) const;
  size_t nbytes() const;
};

// Inline rows (N rows of D numbers). `where` prefixes messages ("scene.json#/layers/1/data").
// Fails on ragged rows, fewer than 2 columns, or a coordinate that is not finite.
Result<PointsData> PointsFromRows(const std::vector<std::vector<double>>& rows, const std::string& where);

// An N×D array of any numeric dtype (an HDF5 dataset), `where` naming it.
Result<PointsData> PointsFromArray(const Array& array, const std::string& where);

// An empty layer of `ndim` dims (an empty file).
PointsData EmptyPoints(int ndim);

}  // namespace stackshot
