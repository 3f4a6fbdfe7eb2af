#include "render/points_colors.h"

#include <algorithm>
#include <cmath>

#include "render/colormap.h"

namespace stackshot {
namespace {

// napari's CategoricalColormap: the feature's distinct values in sorted order take
// the cycle's colours in turn.
template <typename T>
std::vector<Rgba> CycleColors(const std::vector<T>& values, const std::vector<Rgba>& cycle,
                              const std::vector<int64_t>& indices) {
  std::vector<T> distinct = values;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<Rgba> colors(indices.size());
  for (size_t k = 0; k < indices.size(); ++k) {
    const T& value = values[static_cast<size_t>(indices[k])];
    const size_t rank = static_cast<size_t>(std::lower_bound(distinct.begin(), distinct.end(), value) - distinct.begin());
    colors[k] = cycle[rank % cycle.size()];
  }
  return colors;
}

}  // namespace

Result<std::vector<Rgba>> ResolvePointColors(const PointColor& color, const PointsData& data,
                                             const std::vector<int64_t>& indices, const std::string& what) {
  RETURN_IF_ERROR(CheckPointColor(color, data, what));
  if (color.mode == PointColor::Mode::kDirect) {
    if (color.per_point.empty()) return std::vector<Rgba>(indices.size(), color.color);
    std::vector<Rgba> colors(indices.size());
    for (size_t k = 0; k < indices.size(); ++k) colors[k] = color.per_point[static_cast<size_t>(indices[k])];
    return colors;
  }
  const PointsFeature& feature = *data.FindFeature(color.feature);
  if (color.mode == PointColor::Mode::kCycle) {
    if (feature.numeric) {
      // NaN sorts nowhere; give it the last rank's neighbour deterministically by
      // treating it as the largest value.
      std::vector<double> values = feature.numbers;
      for (double& v : values) v = std::isnan(v) ? INFINITY : v;
      return CycleColors(values, color.cycle, indices);
    }
    return CycleColors(feature.strings, color.cycle, indices);
  }
  ASSIGN_OR_RETURN(Colormap colormap, ResolveColormap(color.colormap));
  double lo = 0;
  double hi = 1;
  if (color.contrast_limits) {
    lo = (*color.contrast_limits)[0];
    hi = (*color.contrast_limits)[1];
  } else if (!feature.numbers.empty()) {
    lo = INFINITY;
    hi = -INFINITY;
    for (double v : feature.numbers) {
      if (std::isnan(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    if (!(lo <= hi)) lo = hi = 0;
  }
  std::vector<Rgba> colors(indices.size());
  for (size_t k = 0; k < indices.size(); ++k) {
    const double v = feature.numbers[static_cast<size_t>(indices[k])];
    const double t = hi > lo ? (v - lo) / (hi - lo) : 0.0;
    colors[k] = colormap.Map(static_cast<float>(std::clamp(std::isnan(t) ? 0.0 : t, 0.0, 1.0)));
  }
  return colors;
}

Result<VisiblePointColors> ResolveVisiblePointColors(const PointColor& color, const PointsData& data,
                                                     const std::vector<int64_t>& indices, const std::string& what) {
  VisiblePointColors colors;
  if (color.mode == PointColor::Mode::kDirect && color.per_point.empty()) {
    RETURN_IF_ERROR(CheckPointColor(color, data, what));
    colors.uniform = color.color;
    return colors;
  }
  ASSIGN_OR_RETURN(colors.per_point, ResolvePointColors(color, data, indices, what));
  return colors;
}

}  // namespace stackshot
