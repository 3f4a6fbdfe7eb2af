#include "layers/vectors/vectors_layer.h"

#include <algorithm>

#include "layers/shapes/shapes_layer.h"

namespace stackshot {

Result<std::shared_ptr<VectorsLayer>> VectorsLayer::Create(std::string name, std::shared_ptr<const VectorsData> data,
                                                           Affine data_to_world) {
  if (!data) return InternalError("vectors layer '" + name + "' without data");
  ASSIGN_OR_RETURN(Affine world_to_data, CheckedInverse(data_to_world, data->ndim, "vectors"));
  return std::shared_ptr<VectorsLayer>(
      new VectorsLayer(std::move(name), std::move(data), std::move(data_to_world), std::move(world_to_data)));
}

VectorsLayer::VectorsLayer(std::string name, std::shared_ptr<const VectorsData> data, Affine data_to_world,
                           Affine world_to_data)
    : Layer(std::move(name), std::move(data_to_world), std::move(world_to_data)), data_(std::move(data)) {
  set_opacity(0.7);  // napari's default for vectors
}

Status VectorsLayer::SetStyle(VectorsAppearance style) {
  RETURN_IF_ERROR(CheckVectorsAppearance(style, data_->size()));
  style_ = std::move(style);
  return Status::Ok();
}

VectorsAppearance VectorsLayer::appearance() const {
  VectorsAppearance a = style_;
  a.opacity = opacity();
  a.blending = blending();
  return a;
}

WorldExtent VectorsLayer::world_extent() const {
  std::vector<double> lo, hi;
  const int64_t n = data_->size();
  if (n > 0) {
    for (int axis = 0; axis < data_->ndim; ++axis) {
      double min = data_->position[axis][0];
      double max = min;
      for (int64_t i = 0; i < n; ++i) {
        const double start = data_->position[axis][static_cast<size_t>(i)];
        const double end = start + style_.length * data_->projection[axis][static_cast<size_t>(i)];
        min = std::min({min, start, end});
        max = std::max({max, start, end});
      }
      lo.push_back(min);
      hi.push_back(max);
    }
  }
  return BoxWorldExtent(lo, hi, data_to_world());
}

Result<std::shared_ptr<const SliceRequest>> VectorsLayer::MakeSliceRequest(const Dims& dims, const SliceView&,
                                                                           uint64_t request_id) const {
  ASSIGN_OR_RETURN(LayerAxes axes, AlignDimsToLayer(dims, ndim()));
  auto request = std::make_shared<VectorsSliceRequest>();
  request->id = request_id;
  request->layer_name = name();
  request->data = data_;
  request->world_to_data = world_to_data();
  request->data_to_world = data_to_world();
  request->point = std::move(axes.point);
  request->margin_left = std::move(axes.margin_left);
  request->margin_right = std::move(axes.margin_right);
  request->displayed = std::move(axes.displayed);
  request->not_displayed = std::move(axes.not_displayed);
  request->length = style_.length;
  request->out_of_slice_display = out_of_slice_display_;
  return std::shared_ptr<const SliceRequest>(std::move(request));
}

}  // namespace stackshot
