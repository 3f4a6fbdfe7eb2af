// Helpers for the points drawer tests: a 2D layer's slice built by hand.
#pragma once

#include <memory>
#include <vector>

#include "render/draw_item.h"

namespace stackshot::testing {

// Points at (row, col) data = world coordinates, every one visible with `size`.
inline PointsDrawItem PointsItem(const std::vector<std::vector<double>>& rows, float size = 10) {
  auto data = std::make_shared<PointsData>(*PointsFromRows(rows, "test"));
  auto response = std::make_shared<PointsSliceResponse>();
  for (size_t i = 0; i < rows.size(); ++i) {
    response->indices.push_back(static_cast<int64_t>(i));
    response->rows.push_back(rows[i][0]);
    response->cols.push_back(rows[i][1]);
    response->sizes.push_back(size);
  }
  response->displayed_to_world = Affine::Identity(2);
  PointsDrawItem item;
  item.response = response;
  item.appearance.data = data;
  return item;
}

}  // namespace stackshot::testing
