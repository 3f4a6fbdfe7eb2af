// The points layer's slice request and response, and its pure GetSlice (NAP-4).
//
// Conventions (napari-semantics.md, "Points slicing"):
// - The world point and margins go to data coordinates on the sliced axes (the
//   point by world→data restricted to those axes, margins by its linear part).
// - Slab per sliced axis: projection none → low = high = point; all → low = point −
//   margin_left, high = point + margin_right; where high is close to low (numpy's
//   isclose) low −= 0.5 and high += 0.5. A point is visible when low ≤ x ≤ high on
//   every sliced axis.
// - out_of_slice_display (ndim > 2): r = size / 2, dist = distance to the slab;
//   visible when dist ≤ r on every sliced axis, drawn at size × Π (r − dist) / r.
// - Hidden points (`shown` false) never appear. Indices are in data order.
// - The scan reads only the sliced axes' columns, split in fixed chunks (exec/), so
//   the result is the same for any thread count.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "layers/layer.h"
#include "layers/points/points_data.h"
#include "nd/affine.h"

namespace stackshot {

enum class PointsProjection { kNone, kAll };
const char* PointsProjectionName(PointsProjection mode);
Result<PointsProjection> ParsePointsProjection(const std::string& name);

struct PointsSliceRequest final : SliceRequest {
  std::shared_ptr<const PointsData> data;         // held by reference, never copied
  std::shared_ptr<const std::vector<double>> sizes;  // per point; null: `size` for all
  double size = 10;
  std::shared_ptr<const std::vector<uint8_t>> shown;  // per point; null: all shown
  bool out_of_slice_display = false;
  PointsProjection projection_mode = PointsProjection::kNone;
  Affine world_to_data;
  Affine data_to_world;
  std::vector<double> point;         // world point, in the layer's axes
  std::vector<double> margin_left;   // world units, in the layer's axes; empty: 0
  std::vector<double> margin_right;
  std::vector<int> displayed;        // layer axes shown, rows then columns
  std::vector<int> not_displayed;    // layer axes sliced
  int threads = 0;                   // for the scan; 0: all cores

  Result<std::shared_ptr<const SliceResponse>> Run(const CancelToken& cancel) const override;
  std::string CacheKey() const override;
};

struct PointsSliceResponse final : SliceResponse {
  std::vector<int64_t> indices;  // visible points, data order
  // Per visible point: data coordinates on the displayed axes and drawn size
  // (world units, out-of-slice scaling applied).
  std::vector<double> rows;
  std::vector<double> cols;
  std::vector<float> sizes;
  Affine displayed_to_world;     // 2D: (row, col) data → displayed world axes
  size_t nbytes() const override {
    return indices.size() * (sizeof(int64_t) + 2 * sizeof(double) + sizeof(float));
  }
};

// Pure: reads only the request.
Result<std::shared_ptr<const PointsSliceResponse>> GetPointsSlice(const PointsSliceRequest& request,
                                                                  const CancelToken& cancel = CancelToken::Never());

}  // namespace stackshot
