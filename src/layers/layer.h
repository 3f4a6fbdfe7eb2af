// Layer: the model of one layer of the viewer, and the slice request / response
// contract every layer type follows (NAP-4).
//
// Conventions for layers/:
// - A layer lives on the main thread. MakeSliceRequest() runs there and is cheap:
//   small fields are copied, data is held by shared reference.
// - A SliceRequest is immutable. Run() calls the type's pure static GetSlice(request),
//   which reads nothing but the request, so it may run on any thread.
// - A layer keeps no slice output except the last response applied on the main loop.
// - A layer does not know who slices or draws it (no slicing/ or render/ here).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nd/affine.h"
#include "nd/cancel.h"
#include "nd/dims.h"
#include "nd/status.h"

namespace stackshot {

enum class Blending { kOpaque, kTranslucent, kTranslucentNoDepth, kAdditive, kMinimum };
const char* BlendingName(Blending blending);
Result<Blending> ParseBlending(const std::string& name);

// What the canvas shows, for layers that read only the visible part (multiscale).
struct SliceView {
  // The world box the canvas covers on the two displayed axes (rows, columns).
  std::array<double, 2> world_min = {0, 0};
  std::array<double, 2> world_max = {0, 0};
  std::array<int, 2> canvas_size = {0, 0};  // (height, width) in pixels; 0: unknown
  bool known() const { return canvas_size[0] > 0 && canvas_size[1] > 0; }
};

struct SliceResponse {
  virtual ~SliceResponse() = default;
  uint64_t request_id = 0;
  // Nothing to show at this position (out of the layer's bounds on a sliced axis).
  bool empty = false;
  uint64_t bytes_read = 0;  // from the data source by GetSlice
  // Memory the response holds, for the slice cache's budget.
  virtual size_t nbytes() const { return 0; }
  // The resolution level read (multiscale data), for the latency log.
  virtual int data_level() const { return 0; }
};

struct SliceRequest {
  virtual ~SliceRequest() = default;
  uint64_t id = 0;
  std::string layer_name;
  // Runs the layer type's pure GetSlice on this request. GetSlice polls `cancel` at
  // its read boundaries and returns a kCancelled Status once it is set.
  virtual Result<std::shared_ptr<const SliceResponse>> Run(const CancelToken& cancel) const = 0;
  // Identifies the response this request produces (data identity and everything
  // that changes the output), for the slice cache; empty: never cached.
  virtual std::string CacheKey() const { return {}; }
};

// A layer's share of the world dims: its axes are the trailing world axes.
struct LayerAxes {
  std::vector<double> point;         // world point on the layer's axes
  std::vector<double> margin_left;   // thick-slice margins on the layer's axes
  std::vector<double> margin_right;
  std::vector<int> displayed;        // layer axes shown, rows then columns
  std::vector<int> not_displayed;    // layer axes sliced
};

// Fails when the world has fewer axes than the layer or a displayed world axis is
// not one of the layer's (only 2D display is supported).
Result<LayerAxes> AlignDimsToLayer(const Dims& dims, int layer_ndim);

// The checks a geometry layer's Create makes on its data's rank and its transform:
// returns data_to_world's inverse, or fails on fewer than 2 dims, a transform of
// another rank, or a singular transform. `what` names the data ("points").
Result<Affine> CheckedInverse(const Affine& data_to_world, int ndim, std::string_view what);

class Layer {
 public:
  // `world_to_data` is data_to_world's inverse (the type's Create checked it exists).
  Layer(std::string name, Affine data_to_world, Affine world_to_data);
  virtual ~Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  virtual const char* type_name() const = 0;
  const std::string& name() const { return name_; }
  int ndim() const { return data_to_world_.ndim(); }
  const Affine& data_to_world() const { return data_to_world_; }
  const Affine& world_to_data() const { return world_to_data_; }
  // Replaces the transform (an animation moves layers). Fails when it is singular or
  // of another ndim; the viewer must then update its dims range and slice again
  // (extents and slice requests read the new transform, nothing caches the old one).
  Status SetTransform(Affine data_to_world);

  bool visible() const { return visible_; }
  void set_visible(bool visible) { visible_ = visible; }
  double opacity() const { return opacity_; }
  void set_opacity(double opacity) { opacity_ = opacity; }
  Blending blending() const { return blending_; }
  void set_blending(Blending blending) { blending_ = blending; }

  // In the layer's own world axes (its ndim); the viewer aligns them to the
  // trailing world axes.
  virtual WorldExtent world_extent() const = 0;
  virtual WorldExtent pixel_edge_extent() const = 0;

  // Builds the immutable request for `dims` (world-dimensional; the layer takes its
  // trailing axes) and the canvas `view`. Main thread only.
  virtual Result<std::shared_ptr<const SliceRequest>> MakeSliceRequest(const Dims& dims, const SliceView& view,
                                                                       uint64_t request_id) const = 0;

  // False for a layer that must be sliced synchronously when requested (napari's
  // layers that are not async-capable); those never wait behind slow ones.
  virtual bool slices_async() const { return true; }
  // True when slicing is known to be fast (data in memory): no debounce delay.
  virtual bool slicing_is_fast() const { return false; }

  // The last response applied on the main loop, or null before the first, and the
  // id of the request it answered (a cached response answers a newer request).
  const std::shared_ptr<const SliceResponse>& applied_response() const { return applied_; }
  uint64_t applied_request_id() const { return applied_request_id_; }
  void ApplyResponse(std::shared_ptr<const SliceResponse> response, uint64_t request_id) {
    applied_ = std::move(response);
    applied_request_id_ = request_id;
  }
  // Id of the newest request made for this layer; the layer is loaded when the
  // applied response answers it, and loading until then.
  uint64_t last_request_id() const { return last_request_id_; }
  void set_last_request_id(uint64_t id) { last_request_id_ = id; }
  bool loaded() const { return applied_ && applied_request_id_ == last_request_id_; }

 private:
  std::string name_;
  Affine data_to_world_;
  Affine world_to_data_;  // always data_to_world_'s inverse
  bool visible_ = true;
  double opacity_ = 1.0;
  Blending blending_ = Blending::kTranslucent;
  std::shared_ptr<const SliceResponse> applied_;
  uint64_t applied_request_id_ = 0;
  uint64_t last_request_id_ = 0;
};

}  // namespace stackshot
