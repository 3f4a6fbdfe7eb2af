// The image layer's slice request and response, and its pure GetSlice (NAP-4).
//
// Conventions:
// - The response plane is 2D float32, rows along the first displayed world axis and
//   columns along the second, whatever the data's axis order.
// - plane_to_world maps (row, col) in plane pixels to the two displayed world axes;
//   pixel (r, c) covers plane coordinates [r-0.5, r+0.5] × [c-0.5, c+0.5].
// - A non-displayed axis whose data index (round half to even of world→data) falls
//   outside [0, shape-1] gives an empty response: napari does not clamp.
#pragma once

#include <memory>
#include <vector>

#include "io/source.h"
#include "layers/layer.h"
#include "nd/affine.h"

namespace stackshot {

struct ImageSliceRequest final : SliceRequest {
  std::shared_ptr<const Source> data;  // held by reference, never copied
  Affine world_to_data;                // the layer's full inverse transform
  Affine data_to_world;
  std::vector<double> point;           // world point, in the layer's axes
  std::vector<int> displayed;          // layer axes shown, rows then columns
  std::vector<int> not_displayed;      // layer axes sliced

  Result<std::shared_ptr<const SliceResponse>> Run() const override;
};

struct ImageSliceResponse final : SliceResponse {
  Array plane;            // float32 [rows, cols]; empty() when nothing to show
  Affine plane_to_world;  // 2D: (row, col) → (world displayed axis 0, axis 1)
  uint64_t bytes_read = 0;
};

// Pure: reads only the request (and, through it, the data source).
Result<std::shared_ptr<const ImageSliceResponse>> GetImageSlice(const ImageSliceRequest& request);

}  // namespace stackshot
