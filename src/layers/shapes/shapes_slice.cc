#include "layers/shapes/shapes_slice.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "nd/dims.h"

namespace stackshot {
namespace {

constexpr int64_t kCancelCheckShapes = 1 << 16;

// The data point on the sliced axes (world → data restricted to them, as napari).
std::vector<double> DataPoint(const ShapesSliceRequest& request) {
  const Affine sub = request.world_to_data.SubAxes(request.not_displayed);
  std::vector<double> world_point;
  for (int axis : request.not_displayed) world_point.push_back(request.point[axis]);
  return sub.Apply(world_point);
}

}  // namespace

Result<std::shared_ptr<const SliceResponse>> ShapesSliceRequest::Run(const CancelToken& cancel) const {
  ASSIGN_OR_RETURN(auto response, GetShapesSlice(*this, cancel));
  return std::shared_ptr<const SliceResponse>(std::move(response));
}

std::string ShapesSliceRequest::CacheKey() const {
  char text[64];
  std::snprintf(text, sizeof text, "shapes|%p|", static_cast<const void*>(data.get()));
  std::string key = text;
  for (double v : DataPoint(*this)) {
    std::snprintf(text, sizeof text, "%a,", v);
    key += text;
  }
  key += "|";
  for (int axis : displayed) key += std::to_string(axis) + ",";
  key += "|";
  for (double v : data_to_world.linear_row_major()) {
    std::snprintf(text, sizeof text, "%a,", v);
    key += text;
  }
  for (double v : data_to_world.translation_vector()) {
    std::snprintf(text, sizeof text, "%a,", v);
    key += text;
  }
  return key;
}

Result<std::shared_ptr<const ShapesSliceResponse>> GetShapesSlice(const ShapesSliceRequest& request,
                                                                  const CancelToken& cancel) {
  if (!request.data) return InternalError("shapes slice request without data");
  const ShapesData& data = *request.data;
  if (request.displayed.size() != 2 ||
      static_cast<int>(request.displayed.size() + request.not_displayed.size()) != data.ndim ||
      static_cast<int>(request.point.size()) != data.ndim) {
    return InternalError("shapes slice request does not match the layer's " + std::to_string(data.ndim) + " dims");
  }
  auto response = std::make_shared<ShapesSliceResponse>();
  response->request_id = request.id;
  response->data = request.data;
  response->displayed = request.displayed;
  response->plane_to_world = request.data_to_world.SubAxes(request.displayed);
  const std::vector<double> point = DataPoint(request);
  for (int64_t shape = 0; shape < data.size(); ++shape) {
    if (shape % kCancelCheckShapes == 0 && cancel.cancelled()) return CancelledError("shapes slice cancelled");
    const int64_t begin = data.offsets[shape];
    const int64_t end = data.offsets[shape + 1];
    bool shown = true;
    for (size_t k = 0; k < request.not_displayed.size() && shown; ++k) {
      const std::vector<double>& column = data.columns[request.not_displayed[k]];
      const auto [lo, hi] = std::minmax_element(column.begin() + begin, column.begin() + end);
      shown = std::abs(RoundHalfEven(*lo) - point[k]) < 0.5 && std::abs(RoundHalfEven(*hi) - point[k]) < 0.5;
    }
    if (shown) response->indices.push_back(shape);
  }
  return std::shared_ptr<const ShapesSliceResponse>(std::move(response));
}

}  // namespace stackshot
