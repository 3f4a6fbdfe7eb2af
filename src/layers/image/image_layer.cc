#include "layers/image/image_layer.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "layers/image/multiscale.h"

namespace stackshot {

bool GuessRgb(const Shape& shape) {
  const size_t ndim = shape.size();
  if (ndim <= 2) return false;
  const int64_t last = shape[ndim - 1];
  return (last == 3 || last == 4) && shape[ndim - 2] > 30 && shape[ndim - 3] > 30;
}

Result<std::shared_ptr<ImageLayer>> ImageLayer::Create(std::string name, std::shared_ptr<const Source> data,
                                                       Affine data_to_world) {
  return Create(std::move(name), std::vector<std::shared_ptr<const Source>>{std::move(data)},
                std::move(data_to_world), /*rgb=*/false);
}

Result<std::shared_ptr<ImageLayer>> ImageLayer::Create(std::string name,
                                                       std::vector<std::shared_ptr<const Source>> levels,
                                                       Affine data_to_world, bool rgb) {
  if (levels.empty() || !levels[0]) return InternalError("image layer '" + name + "' without data");
  const Source& data = *levels[0];
  const Shape& shape = data.shape();
  const int ndim = static_cast<int>(shape.size());
  if (rgb) {
    if (ndim < 3) {
      return InvalidArgumentError(data.Describe() + ": an rgb image needs at least 3 dims (rows, cols, channels), "
                                  "this one has shape " + ShapeToString(shape));
    }
    if (shape.back() != 3 && shape.back() != 4) {
      return InvalidArgumentError(data.Describe() + ": rgb needs a last axis of 3 or 4 channels, this data has " +
                                  std::to_string(shape.back()) + " (shape " + ShapeToString(shape) + ")");
    }
  } else if (ndim < 2) {
    return InvalidArgumentError(data.Describe() + ": an image needs at least 2 dims, this one has shape " +
                                ShapeToString(shape));
  }
  const int layer_ndim = ndim - (rgb ? 1 : 0);
  if (data_to_world.ndim() != layer_ndim) {
    return InternalError("transform has " + std::to_string(data_to_world.ndim()) + " dims, the layer has " +
                         std::to_string(layer_ndim));
  }
  if (levels.size() > 1) {
    std::vector<Shape> shapes;
    for (const auto& level : levels) shapes.push_back(level->shape());
    RETURN_IF_ERROR(CheckLevelsShrink(shapes));
    for (size_t i = 1; i < levels.size(); ++i) {
      if (rgb && shapes[i].back() != shape.back()) {
        return InvalidArgumentError("level " + std::to_string(i) + " (" + levels[i]->Describe() + ") has " +
                                    std::to_string(shapes[i].back()) + " channels, level 0 has " +
                                    std::to_string(shape.back()));
      }
    }
  }
  ASSIGN_OR_RETURN(Affine world_to_data, data_to_world.Inverse());
  return std::shared_ptr<ImageLayer>(
      new ImageLayer(std::move(name), std::move(levels), rgb, std::move(data_to_world), std::move(world_to_data)));
}

ImageLayer::ImageLayer(std::string name, std::vector<std::shared_ptr<const Source>> levels, bool rgb,
                       Affine data_to_world, Affine world_to_data)
    : Layer(std::move(name), std::move(data_to_world), std::move(world_to_data)), data_(levels[0]),
      levels_(std::move(levels)), rgb_(rgb) {}

Status ImageLayer::SetContrastLimits(std::array<double, 2> limits) {
  if (!(limits[0] < limits[1])) {
    return InvalidArgumentError("contrast limits [" + std::to_string(limits[0]) + ", " + std::to_string(limits[1]) +
                                "]: lo must be less than hi");
  }
  contrast_limits_ = limits;
  return Status::Ok();
}

Status ImageLayer::SetGamma(double gamma) {
  if (!(gamma > 0)) return InvalidArgumentError("gamma must be greater than 0");
  gamma_ = gamma;
  return Status::Ok();
}

ImageAppearance ImageLayer::appearance() const {
  ImageAppearance a;
  a.colormap = colormap_;
  a.contrast_limits = contrast_limits_;
  a.gamma = gamma_;
  a.opacity = opacity();
  a.blending = blending();
  a.interpolation = interpolation_;
  return a;
}

Shape ImageLayer::LayerShape() const {
  Shape shape = data_->shape();
  if (rgb_) shape.pop_back();
  return shape;
}

bool ImageLayer::slicing_is_fast() const {
  return std::all_of(levels_.begin(), levels_.end(), [](const auto& level) { return level->in_memory(); });
}

WorldExtent ImageLayer::world_extent() const { return ComputeWorldExtent(LayerShape(), data_to_world()); }

WorldExtent ImageLayer::pixel_edge_extent() const { return ComputePixelEdgeExtent(LayerShape(), data_to_world()); }

Result<std::shared_ptr<const SliceRequest>> ImageLayer::MakeSliceRequest(const Dims& dims, const SliceView& view,
                                                                         uint64_t request_id) const {
  ASSIGN_OR_RETURN(LayerAxes axes, AlignDimsToLayer(dims, ndim()));
  auto request = std::make_shared<ImageSliceRequest>();
  request->id = request_id;
  request->layer_name = name();
  request->data = data_;
  if (levels_.size() > 1) request->levels = levels_;
  request->world_to_data = world_to_data();
  request->data_to_world = data_to_world();
  request->view = view;
  request->projection_mode = projection_mode_;
  request->rgb = rgb_;
  request->threads = slice_threads_;
  request->point = std::move(axes.point);
  request->margin_left = std::move(axes.margin_left);
  request->margin_right = std::move(axes.margin_right);
  request->displayed = std::move(axes.displayed);
  request->not_displayed = std::move(axes.not_displayed);
  return std::shared_ptr<const SliceRequest>(std::move(request));
}

namespace {

// Min and max over an array, ignoring NaN.
std::array<double, 2> MinMax(const Array& array) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  VisitDType(array.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* p = array.data<T>();
    const int64_t n = array.size();
    for (int64_t i = 0; i < n; ++i) {
      const double v = static_cast<double>(p[i]);
      if (std::isnan(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  });
  return {lo, hi};
}

}  // namespace

Result<std::array<double, 2>> EstimateContrastLimits(const Source& data, bool rgb) {
  // napari's calc_data_range: uint8 data always spans its type.
  if (data.dtype() == DType::kUInt8) return std::array<double, 2>{0.0, 255.0};
  const Shape& shape = data.shape();
  std::vector<Box> boxes;
  if (ShapeElementCount(shape) <= 10'000'000 || shape.size() < (rgb ? 4u : 3u)) {
    boxes.push_back(FullBox(shape));
  } else {
    for (int64_t plane : {int64_t{0}, shape[0] / 2, shape[0] - 1}) {
      Box box = FullBox(shape);
      box.start[0] = plane;
      box.count[0] = 1;
      boxes.push_back(box);
    }
  }
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (const Box& box : boxes) {
    ASSIGN_OR_RETURN(Array values, data.Read(box));
    const auto [a, b] = MinMax(values);
    lo = std::min(lo, a);
    hi = std::max(hi, b);
  }
  if (!std::isfinite(lo) || !std::isfinite(hi)) return std::array<double, 2>{0.0, 1.0};
  if (lo == hi) hi = lo + 1;
  return std::array<double, 2>{lo, hi};
}

}  // namespace stackshot
