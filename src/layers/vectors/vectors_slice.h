// The vectors layer's slice request and response, and its pure GetSlice (NAP-4).
//
// napari's rule (layers/vectors/_slice.py), on the sliced axes in data units: the
// slab is [p - 0.5, p + 0.5] when the margins are equal, else [p - margin_left,
// p + margin_right]; a vector shows when its position is inside the slab on every
// sliced axis (inclusive). With out_of_slice_display (and more than 2 dims) a
// vector also shows when, on every sliced axis, the distance of its position to
// the slab is at most proj = |projection × length| there; its alpha is then
// Π (proj - dist) / proj over the sliced axes, a zero proj counting as 1. Only the
// columns of the sliced axes are read.
#pragma once

#include <memory>
#include <vector>

#include "layers/layer.h"
#include "layers/vectors/vectors_data.h"
#include "nd/affine.h"

namespace stackshot {

struct VectorsSliceRequest final : SliceRequest {
  std::shared_ptr<const VectorsData> data;  // held by reference, never copied
  Affine world_to_data;
  Affine data_to_world;
  std::vector<double> point;         // world point, in the layer's axes
  std::vector<double> margin_left;   // world units, in the layer's axes (empty: 0)
  std::vector<double> margin_right;
  std::vector<int> displayed;        // layer axes shown, rows then columns
  std::vector<int> not_displayed;    // layer axes sliced
  double length = 1.0;
  bool out_of_slice_display = false;

  Result<std::shared_ptr<const SliceResponse>> Run(const CancelToken& cancel) const override;
  std::string CacheKey() const override;
};

struct VectorsSliceResponse final : SliceResponse {
  std::shared_ptr<const VectorsData> data;
  std::vector<int64_t> indices;  // vectors shown, ascending
  std::vector<float> alphas;     // one per index (out-of-slice fading); empty: all 1
  std::vector<int> displayed;    // data axes drawn as (rows, columns)
  Affine plane_to_world;         // 2D: (row, col) data → (world displayed axis 0, axis 1)
  size_t nbytes() const override { return indices.size() * (sizeof(int64_t) + sizeof(float)); }
};

// Pure: reads only the request.
Result<std::shared_ptr<const VectorsSliceResponse>> GetVectorsSlice(const VectorsSliceRequest& request,
                                                                    const CancelToken& cancel = CancelToken::Never());

}  // namespace stackshot
