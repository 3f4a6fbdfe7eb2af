// The labels layer's slice request and response, and its pure GetSlice (NAP-4).
//
// Conventions: as image_slice.h, without projection or multiscale: the index on each
// sliced axis is round_half_even(world → data of the point), out of bounds gives an
// empty response. The plane keeps the data's integer dtype exactly (int64 and
// uint64 included, never converted to float), rows along the first displayed axis.
#pragma once

#include <memory>
#include <vector>

#include "io/source.h"
#include "layers/layer.h"
#include "nd/affine.h"

namespace stackshot {

struct LabelsSliceRequest final : SliceRequest {
  std::shared_ptr<const Source> data;  // held by reference, never copied
  Affine world_to_data;
  Affine data_to_world;
  std::vector<double> point;           // world point, in the layer's axes
  std::vector<int> displayed;          // layer axes shown, rows then columns
  std::vector<int> not_displayed;      // layer axes sliced
  SliceView view;
  int threads = Source::kPlainRead;  // for decoding HDF5 gzip chunks in parallel (same values)

  Result<std::shared_ptr<const SliceResponse>> Run(const CancelToken& cancel) const override;
  std::string CacheKey() const override;
};

struct LabelsSliceResponse final : SliceResponse {
  Array plane;            // [rows, cols] in the data's integer dtype; empty() when nothing to show
  Affine plane_to_world;  // 2D: (row, col) → (world displayed axis 0, axis 1)
  size_t nbytes() const override { return plane.empty() ? 0 : plane.nbytes(); }
};

// Pure: reads only the request (and, through it, the data source).
Result<std::shared_ptr<const LabelsSliceResponse>> GetLabelsSlice(const LabelsSliceRequest& request,
                                                                  const CancelToken& cancel = CancelToken::Never());

}  // namespace stackshot
