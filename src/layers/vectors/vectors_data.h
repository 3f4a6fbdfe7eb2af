// VectorsData: the vectors of a vectors layer (napari's Vectors), column-wise.
//
// Conventions: napari's data is N×2×D: for each vector its position and its
// projection (direction × magnitude), in data coordinates, numpy-ordered. Here each
// is held as one float64 column per axis (position[axis][i], projection[axis][i]),
// so slicing reads only the columns of the axes it slices. Values are finite.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "nd/array.h"
#include "nd/status.h"

namespace stackshot {

// A per-vector feature column (napari's features table): numeric or text.
struct VectorsFeature {
  std::string name;
  bool numeric = true;
  std::vector<double> numbers;
  std::vector<std::string> strings;
};

struct VectorsData {
  int ndim = 2;
  std::vector<std::vector<double>> position;    // [axis][vector]
  std::vector<std::vector<double>> projection;  // [axis][vector]
  std::vector<VectorsFeature> features;

  int64_t size() const { return position.empty() ? 0 : static_cast<int64_t>(position[0].size()); }
  const VectorsFeature* FindFeature(const std::string& name) const;
  size_t nbytes() const;
};

VectorsData EmptyVectors(int ndim);

// N rows of [[position...], [projection...]] (inline scene data); `where` prefixes
// messages. Fails unless the data is N×2×D with D ≥ 2 and every value finite.
Result<VectorsData> VectorsFromRows(const std::vector<std::vector<std::vector<double>>>& rows,
                                    const std::string& where);

// An N×2×D array of any numeric dtype (an HDF5 dataset); `where` names it. An array
// with N = 0 is an empty layer of D dims.
Result<VectorsData> VectorsFromArray(const Array& array, const std::string& where);

}  // namespace stackshot
