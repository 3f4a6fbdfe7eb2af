// The image layer's slice request and response, and its pure GetSlice (NAP-4).
//
// Conventions:
// - The response plane is float32 [rows, cols], or [rows, cols, channels] for RGB(A)
//   data, rows along the first displayed world axis and columns along the second,
//   whatever the data's axis order.
// - plane_to_world maps (row, col) in plane pixels to the two displayed world axes;
//   pixel (r, c) covers plane coordinates [r-0.5, r+0.5] × [c-0.5, c+0.5].
// - Slicing follows napari (napari-semantics.md, "Image and labels slicing"): the
//   point, margin_left and margin_right go to data coordinates (margins by the
//   linear part only); with projection none the index is round_half_even(point) and
//   an index outside [0, shape-1] gives an empty response (never clamped); other
//   modes project data[low:high] with napari's bounds.
// - Multiscale: the level and tile come from the request's view (multiscale.h);
//   only that tile of that level is read. Single-scale data is read whole per plane.
// - An RGB(A) image's last data axis (3 or 4 long) is colour, not a dim: the request
//   and transform have one axis fewer than the data.
#pragma once

#include <memory>
#include <vector>

#include "io/source.h"
#include "layers/image/projection.h"
#include "layers/layer.h"
#include "nd/affine.h"

namespace stackshot {

struct ImageSliceRequest final : SliceRequest {
  std::shared_ptr<const Source> data;  // level 0, held by reference, never copied
  // Every pyramid level, level 0 first, when the data is multiscale; else empty.
  std::vector<std::shared_ptr<const Source>> levels;
  Affine world_to_data;                // the layer's full inverse transform
  Affine data_to_world;
  std::vector<double> point;           // world point, in the layer's axes
  std::vector<double> margin_left;     // world units, in the layer's axes; empty: 0
  std::vector<double> margin_right;
  std::vector<int> displayed;          // layer axes shown, rows then columns
  std::vector<int> not_displayed;      // layer axes sliced
  ProjectionMode projection_mode = ProjectionMode::kNone;
  bool rgb = false;                    // the data's last axis is colour
  int threads = 0;                     // projection and HDF5 chunk decoding; 0: all cores

  SliceView view;

  Result<std::shared_ptr<const SliceResponse>> Run(const CancelToken& cancel) const override;
  std::string CacheKey() const override;
};

struct ImageSliceResponse final : SliceResponse {
  Array plane;            // float32 [rows, cols(, channels)]; empty() when nothing to show
  Affine plane_to_world;  // 2D: (row, col) → (world displayed axis 0, axis 1)
  int level = 0;          // the pyramid level read
  // The alpha value of full opacity in RGBA data: 255 for uint8 (a normalised GL
  // texture), the type's maximum for other integers, 1 for floats.
  float alpha_max = 1.0f;
  // When every value of a one-channel plane is an integer in [0, integer_values)
  // (uint8 / uint16 data, shown as is or by a max / min projection), the drawer may
  // colour it through a table; 0 when not known.
  int64_t integer_values = 0;
  size_t nbytes() const override { return plane.empty() ? 0 : plane.nbytes(); }
  int data_level() const override { return level; }
  bool rgb() const { return plane.ndim() == 3; }
};

// What a request reads: for the cache key and for GetImageSlice.
struct ImageSlicePlan {
  bool empty = false;     // out of bounds on a sliced axis
  int level = 0;
  Box box;                // at `level`, in the data's axes (the colour axis included)
  Affine plane_to_world;  // level pixels of the tile → displayed world axes
};
Result<ImageSlicePlan> PlanImageSlice(const ImageSliceRequest& request);

// Pure: reads only the request (and, through it, the data source).
Result<std::shared_ptr<const ImageSliceResponse>> GetImageSlice(const ImageSliceRequest& request,
                                                                const CancelToken& cancel = CancelToken::Never());

}  // namespace stackshot
