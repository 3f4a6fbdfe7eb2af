// Helpers for the image drawer tests: a float plane built by hand, drawn over one
// background colour.
#pragma once

#include <algorithm>
#include <memory>
#include <vector>

#include "layers/image/image_slice.h"
#include "render/canvas.h"

namespace stackshot::testing {

inline constexpr Rgba kBackground = {0.1f, 0.2f, 0.3f, 1.0f};

// A rows × cols float32 plane of `values` (row-major), data = world coordinates.
inline std::shared_ptr<ImageSliceResponse> Plane(int rows, int cols, const std::vector<float>& values) {
  auto response = std::make_shared<ImageSliceResponse>();
  response->plane = Array::Zeros(DType::kFloat32, {rows, cols});
  std::copy(values.begin(), values.end(), response->plane.mutable_data<float>());
  response->plane_to_world = Affine::Identity(2);
  return response;
}

}  // namespace stackshot::testing
