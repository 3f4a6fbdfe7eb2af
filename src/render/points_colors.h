// Private to render/: the colour of each visible point from a PointColor (direct,
// a cycle over a categorical feature, or a colormap over a numeric one), by
// napari's rules (layers/points/points_appearance.h).
#pragma once

#include <cstdint>
#include <vector>

#include "layers/points/points_appearance.h"

namespace stackshot {

// One colour per entry of `indices` (points of `data`). Fails on a colour that
// does not fit the data or an unknown colormap; `what` names it in messages.
Result<std::vector<Rgba>> ResolvePointColors(const PointColor& color, const PointsData& data,
                                             const std::vector<int64_t>& indices, const std::string& what);

// The colours of the visible points, without a copy per point where one colour
// serves them all (direct colour, no per-point list).
struct VisiblePointColors {
  Rgba uniform{};
  std::vector<Rgba> per_point;  // empty: `uniform` for every point
  const Rgba& At(size_t k) const { return per_point.empty() ? uniform : per_point[k]; }
};

Result<VisiblePointColors> ResolveVisiblePointColors(const PointColor& color, const PointsData& data,
                                                     const std::vector<int64_t>& indices, const std::string& what);

}  // namespace stackshot
