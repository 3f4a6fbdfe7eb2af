#include "render/spatial_filters.h"

#include <array>
#include <cstring>
#include <vector>

#include "render/spatial_filter_tables.h"

namespace stackshot {
namespace {

using Weights = std::array<double, kSpatialFilterSize + 2>;

struct UnpackedFilters {
  std::array<Weights, kPackedSpatialFilterCount> weights;
  UnpackedFilters() {
    for (int k = 0; k < kPackedSpatialFilterCount; ++k) {
      for (int i = 0; i < kSpatialFilterSize; ++i) {
        weights[k][i] = UnpackSpatialFilterEntry(kPackedSpatialFilters[k].entries[i]);
      }
      weights[k][kSpatialFilterSize] = weights[k][kSpatialFilterSize - 1];
      weights[k][kSpatialFilterSize + 1] = weights[k][kSpatialFilterSize - 1];
    }
  }
};

const UnpackedFilters& Unpacked() {
  static const UnpackedFilters filters;
  return filters;
}

}  // namespace

double UnpackSpatialFilterEntry(uint32_t packed) {
  const double bias = static_cast<float>(kSpatialFilterBias);
  const double scale = static_cast<float>(kSpatialFilterScale);
  return static_cast<double>(packed) / (255.0 * 16777216.0) * scale + bias;
}

SpatialFilter FindSpatialFilter(Interpolation interpolation) {
  if (interpolation == Interpolation::kNearest || interpolation == Interpolation::kLinear) return {};
  const char* name = InterpolationName(interpolation);
  for (int k = 0; k < kPackedSpatialFilterCount; ++k) {
    if (std::strcmp(kPackedSpatialFilters[k].name, name) == 0) {
      return SpatialFilter{kPackedSpatialFilters[k].radius, Unpacked().weights[k].data()};
    }
  }
  return {};
}

}  // namespace stackshot
