#include "viewer/viewer_model.h"

#include <algorithm>
#include <limits>

#include "layers/image/image_layer.h"

namespace stackshot {

ViewerModel::ViewerModel(MainLoop& loop) : slicer_(loop) {
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
  if (new_axes) {
    // Start in the middle of every axis, as napari shows a new stack.
    std::vector<double> middle;
    for (const AxisRange& r : dims_.range()) middle.push_back(r.start + static_cast<double>(r.nsteps() / 2) * r.step);
    (void)dims_.SetPoint(std::move(middle));
  }
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
  auto submitted = slicer_.Submit(layers_, dims_);
  return submitted.ok() ? Status::Ok() : submitted.status();
}

void ViewerModel::OnSliceReady(const SliceReadyEvent& event) {
  for (const auto& result : event.results) {
    if (!result.status.ok()) {
      if (slice_error_.ok()) slice_error_ = result.status;
      continue;
    }
    // Tasks arrive in submission order, so an older response never replaces a newer one.
    const auto& applied = result.layer->applied_response();
    if (applied && applied->request_id > result.response->request_id) continue;
    result.layer->ApplyResponse(result.response);
    if (const auto* image = dynamic_cast<const ImageSliceResponse*>(result.response.get())) {
      bytes_sliced_ += image->bytes_read;
    }
  }
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

Result<std::vector<DrawItem>> ViewerModel::CollectDrawItems() const {
  std::vector<DrawItem> items;
  for (const auto& layer : layers_) {
    if (!layer->visible() || !layer->applied_response()) continue;
    if (const auto* image = dynamic_cast<const ImageLayer*>(layer.get())) {
      auto response = std::dynamic_pointer_cast<const ImageSliceResponse>(layer->applied_response());
      if (!response) return InternalError("layer '" + layer->name() + "': response of another layer type");
      items.push_back(ImageDrawItem{std::move(response), image->appearance()});
    }
  }
  return items;
}

Result<RgbaImage> ViewerModel::Screenshot(const ScreenshotOptions& options) {
  // The sync barrier: every submitted slice is applied before anything is drawn.
  RETURN_IF_ERROR(slicer_.WaitUntilIdle(options.timeout));
  if (!slice_error_.ok()) {
    Status error = slice_error_;
    slice_error_ = Status::Ok();
    return error;
  }
  for (const auto& layer : layers_) {
    if (layer->visible() && !layer->loaded()) {
      return InternalError("layer '" + layer->name() + "' is not loaded after the sync barrier");
    }
  }
  ASSIGN_OR_RETURN(std::vector<DrawItem> items, CollectDrawItems());
  FrameSpec frame;
  frame.width = options.width;
  frame.height = options.height;
  frame.background = options.background;
  frame.camera = CameraFor(options.width, options.height);
  return Rasterize(frame, items, options.threads);
}

}  // namespace stackshot
