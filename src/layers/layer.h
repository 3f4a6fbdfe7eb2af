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

#include <cstdint>
#include <memory>
#include <string>

#include "nd/affine.h"
#include "nd/dims.h"
#include "nd/status.h"

namespace stackshot {

enum class Blending { kOpaque, kTranslucent, kTranslucentNoDepth, kAdditive, kMinimum };
const char* BlendingName(Blending blending);
Result<Blending> ParseBlending(const std::string& name);

struct SliceResponse {
  virtual ~SliceResponse() = default;
  uint64_t request_id = 0;
  // Nothing to show at this position (out of the layer's bounds on a sliced axis).
  bool empty = false;
};

struct SliceRequest {
  virtual ~SliceRequest() = default;
  uint64_t id = 0;
  std::string layer_name;
  // Runs the layer type's pure GetSlice on this request.
  virtual Result<std::shared_ptr<const SliceResponse>> Run() const = 0;
};

class Layer {
 public:
  Layer(std::string name, Affine data_to_world);
  virtual ~Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  virtual const char* type_name() const = 0;
  const std::string& name() const { return name_; }
  int ndim() const { return data_to_world_.ndim(); }
  const Affine& data_to_world() const { return data_to_world_; }

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
  // trailing axes). Main thread only.
  virtual Result<std::shared_ptr<const SliceRequest>> MakeSliceRequest(const Dims& dims,
                                                                       uint64_t request_id) const = 0;

  // The last response applied on the main loop, or null before the first.
  const std::shared_ptr<const SliceResponse>& applied_response() const { return applied_; }
  void ApplyResponse(std::shared_ptr<const SliceResponse> response) { applied_ = std::move(response); }
  // Id of the newest request made for this layer; the layer is loaded when the
  // applied response carries it.
  uint64_t last_request_id() const { return last_request_id_; }
  void set_last_request_id(uint64_t id) { last_request_id_ = id; }
  bool loaded() const { return applied_ && applied_->request_id == last_request_id_; }

 private:
  std::string name_;
  Affine data_to_world_;
  bool visible_ = true;
  double opacity_ = 1.0;
  Blending blending_ = Blending::kTranslucent;
  std::shared_ptr<const SliceResponse> applied_;
  uint64_t last_request_id_ = 0;
};

}  // namespace stackshot
