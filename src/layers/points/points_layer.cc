#include "layers/points/points_layer.h"

#include <algorithm>
#include <cmath>

namespace stackshot {

Result<std::shared_ptr<PointsLayer>> PointsLayer::Create(std::string name, std::shared_ptr<const PointsData> data,
                                                         Affine data_to_world) {
  if (!data) return InternalError("points layer '" + name + "' without data");
  ASSIGN_OR_RETURN(Affine world_to_data, CheckedInverse(data_to_world, data->ndim, "points"));
  if (static_cast<int>(data->columns.size()) != data->ndim) {
    return InternalError("points data columns do not match ndim");
  }
  return std::shared_ptr<PointsLayer>(
      new PointsLayer(std::move(name), std::move(data), std::move(data_to_world), std::move(world_to_data)));
}

PointsLayer::PointsLayer(std::string name, std::shared_ptr<const PointsData> data, Affine data_to_world,
                         Affine world_to_data)
    : Layer(std::move(name), std::move(data_to_world), std::move(world_to_data)), data_(std::move(data)) {
  style_.data = data_;
}

Status PointsLayer::SetSize(double size) {
  if (!(size >= 0) || !std::isfinite(size)) return InvalidArgumentError("size must be a number ≥ 0");
  size_ = size;
  sizes_.reset();
  return Status::Ok();
}

Status PointsLayer::SetSizes(std::vector<double> sizes) {
  if (static_cast<int64_t>(sizes.size()) != data_->size()) {
    return InvalidArgumentError(std::to_string(sizes.size()) + " sizes for " + std::to_string(data_->size()) +
                                " points");
  }
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (!(sizes[i] >= 0) || !std::isfinite(sizes[i])) {
      return InvalidArgumentError("size of point " + std::to_string(i) + " must be a number ≥ 0");
    }
  }
  sizes_ = std::make_shared<const std::vector<double>>(std::move(sizes));
  return Status::Ok();
}

Status PointsLayer::SetShown(std::vector<uint8_t> shown) {
  if (static_cast<int64_t>(shown.size()) != data_->size()) {
    return InvalidArgumentError(std::to_string(shown.size()) + " shown flags for " + std::to_string(data_->size()) +
                                " points");
  }
  shown_ = std::make_shared<const std::vector<uint8_t>>(std::move(shown));
  return Status::Ok();
}

Status PointsLayer::SetStyle(PointsAppearance style) {
  RETURN_IF_ERROR(CheckPointColor(style.face_color, *data_, "face_color"));
  RETURN_IF_ERROR(CheckPointColor(style.border_color, *data_, "border_color"));
  RETURN_IF_ERROR(CheckPerPointCounts(style, data_->size()));
  auto check_width = [&style](double width) -> Status {
    if (!(width >= 0)) return InvalidArgumentError("border_width must be 0 or more");
    if (style.border_width_is_relative && width > 1) {
      return InvalidArgumentError("a relative border_width must be between 0 and 1 (napari's rule)");
    }
    return Status::Ok();
  };
  for (double width : style.border_widths) RETURN_IF_ERROR(check_width(width));
  RETURN_IF_ERROR(check_width(style.border_width));
  style.data = data_;
  style_ = std::move(style);
  return Status::Ok();
}

PointsAppearance PointsLayer::appearance() const {
  PointsAppearance a = style_;
  a.opacity = opacity();
  a.blending = blending();
  return a;
}

WorldExtent PointsLayer::world_extent() const { return ComputeColumnsExtent(data_->columns, 0.0, data_to_world()); }

WorldExtent PointsLayer::pixel_edge_extent() const {
  double max_size = size_;
  if (sizes_ && !sizes_->empty()) max_size = *std::max_element(sizes_->begin(), sizes_->end());
  return ComputeColumnsExtent(data_->columns, max_size / 2.0, data_to_world());
}

Result<std::shared_ptr<const SliceRequest>> PointsLayer::MakeSliceRequest(const Dims& dims, const SliceView& view,
                                                                          uint64_t request_id) const {
  (void)view;
  ASSIGN_OR_RETURN(LayerAxes axes, AlignDimsToLayer(dims, ndim()));
  auto request = std::make_shared<PointsSliceRequest>();
  request->id = request_id;
  request->layer_name = name();
  request->data = data_;
  request->sizes = sizes_;
  request->size = size_;
  request->shown = shown_;
  request->out_of_slice_display = out_of_slice_display_;
  request->projection_mode = projection_mode_;
  request->world_to_data = world_to_data();
  request->data_to_world = data_to_world();
  request->point = std::move(axes.point);
  request->margin_left = std::move(axes.margin_left);
  request->margin_right = std::move(axes.margin_right);
  request->displayed = std::move(axes.displayed);
  request->not_displayed = std::move(axes.not_displayed);
  request->threads = slice_threads_;
  return std::shared_ptr<const SliceRequest>(std::move(request));
}

}  // namespace stackshot
