#include "viewer/viewer_model.h"

#include <algorithm>
#include <limits>

#include "viewer/draw_items.h"

namespace stackshot {

ViewerModel::ViewerModel(MainLoop& loop, SlicerOptions slicer_options) : slicer_(loop, std::move(slicer_options)) {
  slicer_.slice_ready.Connect([this](const SliceReadyEvent& event) { OnSliceReady(event); });
}

void ViewerModel::AddLayer(std::shared_ptr<Layer> layer) {
  layers_.push_back(std::move(layer));
  UpdateDimsRange();
}

void ViewerModel::UpdateDimsRange() {
  int world_ndim = 0;
  std::vector<WorldExtent> extents;
  for (const auto& layer : layers_) {
    world_ndim = std::max(world_ndim, layer->ndim());
    extents.push_back(layer->world_extent());
  }
  const bool new_axes = dims_.ndim() != world_ndim;
  if (new_axes) dims_ = Dims(world_ndim);
  dims_.SetRange(ComputeDimsRange(extents, world_ndim));
  // Open new axes at napari's centre step (24 planes at plane 11).
  if (new_axes) dims_.GoToCenterStep();
}

Status ViewerModel::SetDims(Dims dims, bool refresh) {
  if (dims.ndim() != dims_.ndim()) {
    return InvalidArgumentError("dims have " + std::to_string(dims.ndim()) + " axes, the layers need " +
                                std::to_string(dims_.ndim()));
  }
  dims.SetRange(dims_.range());
  dims_ = std::move(dims);
  return refresh ? Refresh() : Status::Ok();
}

Status ViewerModel::SetPoint(std::vector<double> point) {
  RETURN_IF_ERROR(dims_.SetPoint(std::move(point)));
  return Refresh();
}

Status ViewerModel::Refresh() {
  std::vector<std::shared_ptr<Layer>> visible;
  for (const auto& layer : layers_) {
    if (layer->visible()) visible.push_back(layer);
  }
  return Submit(std::move(visible));
}

Result<ViewerModel::SlicedAt> ViewerModel::RequestNow(const Layer& layer, const SliceView& view) const {
  auto request = layer.MakeSliceRequest(dims_, view, 0);
  if (!request.ok()) return request.status().WithContext("layer '" + layer.name() + "'");
  SlicedAt at;
  at.key = (*request)->CacheKey();
  at.request = std::move(*request);
  return at;
}

Status ViewerModel::Submit(std::vector<std::shared_ptr<Layer>> layers) {
  const SliceView view = CurrentView();
  std::vector<SlicedAt> keys;
  for (const auto& layer : layers) {
    ASSIGN_OR_RETURN(SlicedAt at, RequestNow(*layer, view));
    keys.push_back(std::move(at));
  }
  auto submitted = slicer_.Submit(layers, dims_, view);
  if (submitted.ok()) {
    for (size_t i = 0; i < layers.size(); ++i) sliced_at_[layers[i].get()] = std::move(keys[i]);
  }
  NoteLoading();
  return submitted.ok() ? Status::Ok() : submitted.status();
}

Result<std::vector<std::shared_ptr<Layer>>> ViewerModel::LayersToSlice() const {
  const SliceView view = CurrentView();
  std::vector<std::shared_ptr<Layer>> stale;
  for (const auto& layer : layers_) {
    if (!layer->visible()) continue;
    auto last = sliced_at_.find(layer.get());
    if (last == sliced_at_.end()) {
      stale.push_back(layer);
      continue;
    }
    ASSIGN_OR_RETURN(SlicedAt now, RequestNow(*layer, view));
    // A request without a key (never cached) cannot be compared: slice it again.
    if (now.key.empty() || now.key != last->second.key) stale.push_back(layer);
  }
  return stale;
}

Status ViewerModel::EnsureSliced() {
  ASSIGN_OR_RETURN(std::vector<std::shared_ptr<Layer>> stale, LayersToSlice());
  if (stale.empty()) return Status::Ok();
  return Submit(std::move(stale));
}

void ViewerModel::SetCanvasSize(int width, int height) {
  canvas_width_ = width;
  canvas_height_ = height;
}

SliceView ViewerModel::CurrentView() const {
  const Camera2D camera = CameraFor(canvas_width_, canvas_height_);
  SliceView view;
  view.canvas_size = {canvas_height_, canvas_width_};
  view.world_min = {camera.center_y - canvas_height_ / (2 * camera.zoom),
                    camera.center_x - canvas_width_ / (2 * camera.zoom)};
  view.world_max = {camera.center_y + canvas_height_ / (2 * camera.zoom),
                    camera.center_x + canvas_width_ / (2 * camera.zoom)};
  return view;
}

void ViewerModel::OnSliceReady(const SliceReadyEvent& event) {
  for (const auto& result : event.results) {
    Layer& layer = *result.layer;
    // A stale task that was cancelled has nothing to show.
    if (result.status.code() == StatusCode::kCancelled) continue;
    // Tasks of one lane arrive in order, but lanes race: never let an older answer
    // replace a newer one.
    if (result.request_id < layer.applied_request_id()) continue;
    if (!result.status.ok()) {
      failures_.Record(layer.name(), result.point, result.status);
      if (result.request_id == layer.last_request_id()) layer_errors_[&layer] = result.status;
      continue;
    }
    layer.ApplyResponse(result.response, result.request_id);
    layer_errors_.erase(&layer);
    if (!result.cache_hit) bytes_sliced_ += result.response->bytes_read;
  }
  NoteLoading();
}

void ViewerModel::NoteLoading() {
  for (const auto& layer : layers_) {
    const bool loading = layer->visible() && !layer->loaded() && !layer_errors_.count(layer.get());
    bool& was = loading_[layer.get()];
    if (was != loading) {
      was = loading;
      loading_changed.Emit(*layer, loading);
    }
  }
}

std::vector<std::string> ViewerModel::LoadingLayers() const {
  std::vector<std::string> names;
  for (const auto& layer : layers_) {
    auto it = loading_.find(layer.get());
    if (it != loading_.end() && it->second) names.push_back(layer->name());
  }
  return names;
}

Camera2D ViewerModel::CameraFor(int width, int height) const {
  if (camera_) return *camera_;
  // napari's reset_view: fit the pixel-edge extent of the visible layers.
  const std::vector<int> displayed = dims_.displayed();
  std::array<double, 2> lo = {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
  std::array<double, 2> hi = {-lo[0], -lo[1]};
  for (const auto& layer : layers_) {
    if (!layer->visible()) continue;
    const WorldExtent extent = layer->pixel_edge_extent();
    const int offset = dims_.ndim() - layer->ndim();
    for (int i = 0; i < 2 && i < static_cast<int>(displayed.size()); ++i) {
      const int axis = displayed[i] - offset;
      if (axis < 0) continue;
      lo[i] = std::min(lo[i], extent.min[axis]);
      hi[i] = std::max(hi[i], extent.max[axis]);
    }
  }
  if (!(lo[0] <= hi[0]) || !(lo[1] <= hi[1])) return FitCamera({-0.5, -0.5}, {0.5, 0.5}, width, height);
  return FitCamera(lo, hi, width, height);
}

Result<std::vector<DrawItem>> ViewerModel::DrawItemsAtBarrier(std::chrono::milliseconds timeout) {
  RETURN_IF_ERROR(EnsureSliced());
  // The sync barrier: every submitted slice is applied before anything is drawn.
  RETURN_IF_ERROR(slicer_.WaitUntilIdle(timeout));
  std::vector<DrawItem> items;
  for (const auto& layer : layers_) {
    if (!layer->visible()) continue;
    if (auto error = layer_errors_.find(layer.get()); error != layer_errors_.end()) {
      return error->second.WithContext("layer '" + layer->name() + "' at " + FormatPoint(dims_.point()));
    }
    if (!layer->loaded()) {
      return InternalError("layer '" + layer->name() + "' is not loaded after the sync barrier");
    }
    ASSIGN_OR_RETURN(std::optional<DrawItem> item, MakeDrawItem(*layer));
    if (item) items.push_back(std::move(*item));
  }
  return items;
}

Result<RgbaImage> ViewerModel::Screenshot(const ScreenshotOptions& options) {
  // Slices follow what the canvas shows (multiscale levels and tiles).
  SetCanvasSize(options.width, options.height);
  ASSIGN_OR_RETURN(std::vector<DrawItem> items, DrawItemsAtBarrier(options.timeout));
  FrameSpec frame;
  frame.width = options.width;
  frame.height = options.height;
  frame.background = options.background;
  frame.antialiasing = options.antialiasing;
  frame.camera = CameraFor(options.width, options.height);
  return Rasterize(frame, items, options.threads);
}

}  // namespace stackshot
