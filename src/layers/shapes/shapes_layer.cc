#include "layers/shapes/shapes_layer.h"

#include <limits>

namespace stackshot {

WorldExtent BoxWorldExtent(const std::vector<double>& lo, const std::vector<double>& hi, const Affine& data_to_world) {
  const int ndim = data_to_world.ndim();
  WorldExtent extent;
  extent.step = data_to_world.ColumnScales();
  if (lo.empty()) {
    extent.min.assign(ndim, std::numeric_limits<double>::quiet_NaN());
    extent.max.assign(ndim, std::numeric_limits<double>::quiet_NaN());
    return extent;
  }
  return ComputeBoxExtent(lo, hi, data_to_world);
}

Result<std::shared_ptr<ShapesLayer>> ShapesLayer::Create(std::string name, std::shared_ptr<const ShapesData> data,
                                                         Affine data_to_world) {
  if (!data) return InternalError("shapes layer '" + name + "' without data");
  ASSIGN_OR_RETURN(Affine world_to_data, CheckedInverse(data_to_world, data->ndim, "shapes"));
  return std::shared_ptr<ShapesLayer>(
      new ShapesLayer(std::move(name), std::move(data), std::move(data_to_world), std::move(world_to_data)));
}

ShapesLayer::ShapesLayer(std::string name, std::shared_ptr<const ShapesData> data, Affine data_to_world,
                         Affine world_to_data)
    : Layer(std::move(name), std::move(data_to_world), std::move(world_to_data)), data_(std::move(data)) {
  set_opacity(0.7);  // napari's default for shapes
}

Status ShapesLayer::SetStyle(ShapesAppearance style) {
  RETURN_IF_ERROR(CheckShapesAppearance(style, data_->size()));
  style_ = std::move(style);
  return Status::Ok();
}

ShapesAppearance ShapesLayer::appearance() const {
  ShapesAppearance a = style_;
  a.opacity = opacity();
  a.blending = blending();
  return a;
}

WorldExtent ShapesLayer::world_extent() const {
  if (data_->offsets.back() == 0) return BoxWorldExtent({}, {}, data_to_world());  // no vertices: no extent
  return ComputeColumnsExtent(data_->columns, 0.0, data_to_world());
}

Result<std::shared_ptr<const SliceRequest>> ShapesLayer::MakeSliceRequest(const Dims& dims, const SliceView&,
                                                                          uint64_t request_id) const {
  ASSIGN_OR_RETURN(LayerAxes axes, AlignDimsToLayer(dims, ndim()));
  auto request = std::make_shared<ShapesSliceRequest>();
  request->id = request_id;
  request->layer_name = name();
  request->data = data_;
  request->world_to_data = world_to_data();
  request->data_to_world = data_to_world();
  request->point = std::move(axes.point);
  request->displayed = std::move(axes.displayed);
  request->not_displayed = std::move(axes.not_displayed);
  return std::shared_ptr<const SliceRequest>(std::move(request));
}

}  // namespace stackshot
