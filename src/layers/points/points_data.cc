#include "layers/points/points_data.h"

#include <cmath>
#include <type_traits>

#include "nd/dtype.h"

namespace stackshot {

const PointsFeature* PointsData::FindFeature(const std::string& name) const {
  for (const PointsFeature& feature : features) {
    if (feature.name == name) return &feature;
  }
  return nullptr;
}

size_t PointsData::nbytes() const {
  size_t bytes = 0;
  for (const auto& column : columns) bytes += column.size() * sizeof(double);
  for (const auto& feature : features) {
    bytes += feature.numbers.size() * sizeof(double);
    for (const auto& text : feature.strings) bytes += text.size();
  }
  return bytes;
}

PointsData EmptyPoints(int ndim) {
  PointsData data;
  data.ndim = ndim;
  data.columns.assign(static_cast<size_t>(ndim), {});
  return data;
}

Result<PointsData> PointsFromRows(const std::vector<std::vector<double>>& rows, const std::string& where) {
  if (rows.empty()) return InvalidArgumentError(where + ": no points (give at least one, or an empty file)");
  const size_t ndim = rows[0].size();
  if (ndim < 2) return InvalidArgumentError(where + ": points need at least 2 coordinates, row 0 has " +
                                            std::to_string(ndim));
  PointsData data = EmptyPoints(static_cast<int>(ndim));
  for (auto& column : data.columns) column.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != ndim) {
      return InvalidArgumentError(where + "/" + std::to_string(i) + ": has " + std::to_string(rows[i].size()) +
                                  " coordinates, row 0 has " + std::to_string(ndim));
    }
    for (size_t axis = 0; axis < ndim; ++axis) {
      const double value = rows[i][axis];
      if (!std::isfinite(value)) {
        return InvalidArgumentError(where + "/" + std::to_string(i) + "/" + std::to_string(axis) +
                                    ": coordinate is not a finite number");
      }
      data.columns[axis].push_back(value);
    }
  }
  return data;
}

Result<PointsData> PointsFromArray(const Array& array, const std::string& where) {
  if (array.ndim() != 2 || array.shape()[1] < 2) {
    return InvalidArgumentError(where + ": points need an N×D array with D ≥ 2, got shape " +
                                ShapeToString(array.shape()));
  }
  const int64_t n = array.shape()[0];
  const int64_t ndim = array.shape()[1];
  PointsData data = EmptyPoints(static_cast<int>(ndim));
  for (auto& column : data.columns) column.resize(static_cast<size_t>(n));
  Status status = Status::Ok();
  VisitDType(array.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* values = array.data<T>();
    for (int64_t i = 0; i < n && status.ok(); ++i) {
      for (int64_t axis = 0; axis < ndim; ++axis) {
        const double value = static_cast<double>(values[i * ndim + axis]);
        if (!std::isfinite(value)) {
          status = InvalidArgumentError(where + ": point " + std::to_string(i) + " axis " + std::to_string(axis) +
                                        ": coordinate is not a finite number");
          break;
        }
        data.columns[static_cast<size_t>(axis)][static_cast<size_t>(i)] = value;
      }
    }
  });
  RETURN_IF_ERROR(status);
  return data;
}

}  // namespace stackshot
