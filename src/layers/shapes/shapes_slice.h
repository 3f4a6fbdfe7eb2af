// The shapes layer's slice request and response, and its pure GetSlice (NAP-4).
//
// napari's rule (ShapeList._update_displayed): on every sliced axis a shape's key
// is round_half_even of the minimum and of the maximum of its vertices there; the
// shape shows when both keys are closer than 0.5 to the data point (strictly). So
// a shape spanning several planes shows on none, and a point of 0.5 shows a shape
// at 0 on neither plane 0 nor 1. There is no out-of-slice display. Only the columns
// of the sliced axes are read.
#pragma once

#include <memory>
#include <vector>

#include "layers/layer.h"
#include "layers/shapes/shapes_data.h"
#include "nd/affine.h"

namespace stackshot {

struct ShapesSliceRequest final : SliceRequest {
  std::shared_ptr<const ShapesData> data;  // held by reference, never copied
  Affine world_to_data;
  Affine data_to_world;
  std::vector<double> point;       // world point, in the layer's axes
  std::vector<int> displayed;      // layer axes shown, rows then columns
  std::vector<int> not_displayed;  // layer axes sliced

  Result<std::shared_ptr<const SliceResponse>> Run(const CancelToken& cancel) const override;
  std::string CacheKey() const override;
};

struct ShapesSliceResponse final : SliceResponse {
  std::shared_ptr<const ShapesData> data;
  std::vector<int64_t> indices;  // shapes shown, ascending
  std::vector<int> displayed;    // data axes drawn as (rows, columns)
  Affine plane_to_world;         // 2D: (row, col) data → (world displayed axis 0, axis 1)
  size_t nbytes() const override { return indices.size() * sizeof(int64_t); }
};

// Pure: reads only the request.
Result<std::shared_ptr<const ShapesSliceResponse>> GetShapesSlice(const ShapesSliceRequest& request,
                                                                  const CancelToken& cancel = CancelToken::Never());

}  // namespace stackshot
