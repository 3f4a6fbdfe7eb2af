#include "layers/labels/labels_layer.h"

#include <algorithm>

namespace stackshot {

Result<std::shared_ptr<LabelsLayer>> LabelsLayer::Create(std::string name, std::shared_ptr<const Source> data,
                                                         Affine data_to_world) {
  if (!data) return InternalError("labels layer '" + name + "' without data");
  if (IsFloat(data->dtype())) {
    return InvalidArgumentError(data->Describe() + ": labels need integer data, this one is " +
                                DTypeName(data->dtype()) + " (napari rejects float labels too)");
  }
  const int ndim = static_cast<int>(data->shape().size());
  if (ndim < 2) {
    return InvalidArgumentError(data->Describe() + ": labels need at least 2 dims, this data has shape " +
                                ShapeToString(data->shape()));
  }
  if (data_to_world.ndim() != ndim) {
    return InternalError("transform has " + std::to_string(data_to_world.ndim()) + " dims, data has " +
                         std::to_string(ndim));
  }
  ASSIGN_OR_RETURN(Affine world_to_data, data_to_world.Inverse());
  return std::shared_ptr<LabelsLayer>(
      new LabelsLayer(std::move(name), std::move(data), std::move(data_to_world), std::move(world_to_data)));
}

LabelsLayer::LabelsLayer(std::string name, std::shared_ptr<const Source> data, Affine data_to_world,
                         Affine world_to_data)
    : Layer(std::move(name), std::move(data_to_world), std::move(world_to_data)), data_(std::move(data)) {
  set_opacity(0.7);  // napari's default for labels
}

Status LabelsLayer::SetStyle(LabelsAppearance style) {
  if (style.contour < 0) return InvalidArgumentError("contour must be 0 or more, got " + std::to_string(style.contour));
  style_ = std::move(style);
  return Status::Ok();
}

LabelsAppearance LabelsLayer::appearance() const {
  LabelsAppearance a = style_;
  a.opacity = opacity();
  a.blending = blending();
  return a;
}

WorldExtent LabelsLayer::world_extent() const { return ComputeWorldExtent(data_->shape(), data_to_world()); }

WorldExtent LabelsLayer::pixel_edge_extent() const { return ComputePixelEdgeExtent(data_->shape(), data_to_world()); }

Result<std::shared_ptr<const SliceRequest>> LabelsLayer::MakeSliceRequest(const Dims& dims, const SliceView& view,
                                                                          uint64_t request_id) const {
  ASSIGN_OR_RETURN(LayerAxes axes, AlignDimsToLayer(dims, ndim()));
  auto request = std::make_shared<LabelsSliceRequest>();
  request->id = request_id;
  request->layer_name = name();
  request->data = data_;
  request->world_to_data = world_to_data();
  request->data_to_world = data_to_world();
  request->view = view;
  request->threads = slice_threads_;
  request->point = std::move(axes.point);
  request->displayed = std::move(axes.displayed);
  request->not_displayed = std::move(axes.not_displayed);
  return std::shared_ptr<const SliceRequest>(std::move(request));
}

}  // namespace stackshot
