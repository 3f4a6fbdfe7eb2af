// Helpers for the layer tests: dims at a point, and slicing a layer through its
// request as the slicer would.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "layers/image/image_layer.h"
#include "nd/dims.h"

namespace stackshot::testing {

// Dims over a generous range at `point`, with optional margins and order.
inline Dims DimsAt(std::vector<double> point, std::vector<double> margin_left = {},
                   std::vector<double> margin_right = {}, std::vector<int> order = {}) {
  Dims dims(static_cast<int>(point.size()));
  dims.SetRange(std::vector<AxisRange>(point.size(), AxisRange{-100, 100, 0.1}));
  if (!order.empty()) {
    EXPECT_TRUE(dims.SetOrder(order).ok());
  }
  EXPECT_TRUE(dims.SetPoint(point).ok());
  if (margin_left.empty()) margin_left.assign(point.size(), 0.0);
  if (margin_right.empty()) margin_right.assign(point.size(), 0.0);
  EXPECT_TRUE(dims.SetMargins(margin_left, margin_right).ok());
  return dims;
}

inline std::shared_ptr<const ImageSliceResponse> SliceImage(const ImageLayer& layer, const Dims& dims,
                                                            const SliceView& view = {}) {
  auto request = layer.MakeSliceRequest(dims, view, 1);
  EXPECT_TRUE(request.ok()) << request.status().message();
  if (!request.ok()) return nullptr;
  auto response = GetImageSlice(static_cast<const ImageSliceRequest&>(**request));
  EXPECT_TRUE(response.ok()) << response.status().message();
  return response.ok() ? *response : nullptr;
}

inline std::string KeyOf(const ImageLayer& layer, const Dims& dims, const SliceView& view = {}) {
  auto request = layer.MakeSliceRequest(dims, view, 1);
  EXPECT_TRUE(request.ok());
  return (*request)->CacheKey();
}

}  // namespace stackshot::testing
