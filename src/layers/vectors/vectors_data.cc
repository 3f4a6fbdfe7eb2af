#include "layers/vectors/vectors_data.h"

#include <cmath>
#include <type_traits>

namespace stackshot {
namespace {

Status NotFinite(const std::string& where, int64_t vector, int part, int axis, double value) {
  return InvalidArgumentError(where + ": vector " + std::to_string(vector) + (part == 0 ? " position" : " projection") +
                              " axis " + std::to_string(axis) + " is " + std::to_string(value) +
                              ": values must be finite");
}

}  // namespace

const VectorsFeature* VectorsData::FindFeature(const std::string& name) const {
  for (const VectorsFeature& feature : features) {
    if (feature.name == name) return &feature;
  }
  return nullptr;
}

size_t VectorsData::nbytes() const {
  return static_cast<size_t>(size()) * static_cast<size_t>(ndim) * 2 * sizeof(double);
}

VectorsData EmptyVectors(int ndim) {
  VectorsData data;
  data.ndim = ndim;
  data.position.assign(static_cast<size_t>(ndim), {});
  data.projection.assign(static_cast<size_t>(ndim), {});
  return data;
}

Result<VectorsData> VectorsFromRows(const std::vector<std::vector<std::vector<double>>>& rows,
                                    const std::string& where) {
  if (rows.empty()) return EmptyVectors(2);
  const size_t ndim = rows[0].empty() ? 0 : rows[0][0].size();
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (row.size() != 2 || row[0].size() != ndim || row[1].size() != ndim) {
      std::string got = std::to_string(row.size()) + "×";
      for (size_t p = 0; p < row.size(); ++p) got += (p ? "/" : "") + std::to_string(row[p].size());
      return InvalidArgumentError(where + ": vectors must be N×2×D ([[position], [projection]] per vector); vector " +
                                  std::to_string(i) + " is " + got);
    }
  }
  if (ndim < 2) return InvalidArgumentError(where + ": vectors need at least 2 dims, got " + std::to_string(ndim));
  VectorsData data = EmptyVectors(static_cast<int>(ndim));
  for (size_t i = 0; i < rows.size(); ++i) {
    for (int part = 0; part < 2; ++part) {
      for (size_t axis = 0; axis < ndim; ++axis) {
        const double value = rows[i][part][axis];
        if (!std::isfinite(value)) return NotFinite(where, static_cast<int64_t>(i), part, static_cast<int>(axis), value);
        (part == 0 ? data.position : data.projection)[axis].push_back(value);
      }
    }
  }
  return data;
}

Result<VectorsData> VectorsFromArray(const Array& array, const std::string& where) {
  const Shape& shape = array.shape();
  if (shape.size() != 3 || shape[1] != 2 || shape[2] < 2) {
    return InvalidArgumentError(where + ": vectors must be N×2×D with D ≥ 2, this dataset has shape " +
                                ShapeToString(shape));
  }
  const int64_t n = shape[0];
  const int ndim = static_cast<int>(shape[2]);
  VectorsData data = EmptyVectors(ndim);
  Status status = Status::Ok();
  VisitDType(array.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* values = array.data<T>();
    for (int part = 0; part < 2 && status.ok(); ++part) {
      auto& columns = part == 0 ? data.position : data.projection;
      for (int axis = 0; axis < ndim && status.ok(); ++axis) {
        columns[axis].resize(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
          const double value = static_cast<double>(values[(i * 2 + part) * ndim + axis]);
          if (!std::isfinite(value)) {
            status = NotFinite(where, i, part, axis, value);
            break;
          }
          columns[axis][static_cast<size_t>(i)] = value;
        }
      }
    }
  });
  RETURN_IF_ERROR(status);
  return data;
}

}  // namespace stackshot
