#include "layers/vectors/vectors_slice.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace stackshot {
namespace {

constexpr int64_t kCancelCheckVectors = 1 << 18;

struct Slab {
  std::vector<double> low;
  std::vector<double> high;
};

// The slab on the sliced axes in data units (world → data restricted to them).
Slab DataSlab(const VectorsSliceRequest& request) {
  const Affine sub = request.world_to_data.SubAxes(request.not_displayed);
  std::vector<double> point, left, right;
  for (int axis : request.not_displayed) {
    point.push_back(request.point[axis]);
    left.push_back(request.margin_left.empty() ? 0.0 : request.margin_left[axis]);
    right.push_back(request.margin_right.empty() ? 0.0 : request.margin_right[axis]);
  }
  const std::vector<double> p = sub.Apply(point);
  const std::vector<double> ml = sub.ApplyLinear(left);
  const std::vector<double> mr = sub.ApplyLinear(right);
  Slab slab;
  for (size_t k = 0; k < p.size(); ++k) {
    const double l = std::abs(ml[k]);
    const double r = std::abs(mr[k]);
    // Equal bounds mean a slice one data unit thick (napari's isclose(high, low)).
    if (std::abs(l + r) <= 1e-8) {
      slab.low.push_back(p[k] - 0.5);
      slab.high.push_back(p[k] + 0.5);
    } else {
      slab.low.push_back(p[k] - l);
      slab.high.push_back(p[k] + r);
    }
  }
  return slab;
}

void AppendHex(std::string& key, double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%a,", value);
  key += text;
}

}  // namespace

Result<std::shared_ptr<const SliceResponse>> VectorsSliceRequest::Run(const CancelToken& cancel) const {
  ASSIGN_OR_RETURN(auto response, GetVectorsSlice(*this, cancel));
  return std::shared_ptr<const SliceResponse>(std::move(response));
}

std::string VectorsSliceRequest::CacheKey() const {
  char text[64];
  std::snprintf(text, sizeof text, "vectors|%p|", static_cast<const void*>(data.get()));
  std::string key = text;
  const Slab slab = DataSlab(*this);
  for (size_t k = 0; k < slab.low.size(); ++k) {
    AppendHex(key, slab.low[k]);
    AppendHex(key, slab.high[k]);
  }
  key += out_of_slice_display ? "|oos|" : "|in|";
  AppendHex(key, length);
  for (int axis : displayed) key += std::to_string(axis) + ",";
  key += "|";
  for (double v : data_to_world.linear_row_major()) AppendHex(key, v);
  for (double v : data_to_world.translation_vector()) AppendHex(key, v);
  return key;
}

Result<std::shared_ptr<const VectorsSliceResponse>> GetVectorsSlice(const VectorsSliceRequest& request,
                                                                    const CancelToken& cancel) {
  if (!request.data) return InternalError("vectors slice request without data");
  const VectorsData& data = *request.data;
  if (request.displayed.size() != 2 ||
      static_cast<int>(request.displayed.size() + request.not_displayed.size()) != data.ndim ||
      static_cast<int>(request.point.size()) != data.ndim) {
    return InternalError("vectors slice request does not match the layer's " + std::to_string(data.ndim) + " dims");
  }
  auto response = std::make_shared<VectorsSliceResponse>();
  response->request_id = request.id;
  response->data = request.data;
  response->displayed = request.displayed;
  response->plane_to_world = request.data_to_world.SubAxes(request.displayed);
  const int64_t n = data.size();
  if (request.not_displayed.empty()) {
    response->indices.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) response->indices[static_cast<size_t>(i)] = i;
    return std::shared_ptr<const VectorsSliceResponse>(std::move(response));
  }
  const Slab slab = DataSlab(request);
  const bool fade = request.out_of_slice_display && data.ndim > 2;
  bool any_faded = false;
  for (int64_t i = 0; i < n; ++i) {
    if (i % kCancelCheckVectors == 0 && cancel.cancelled()) return CancelledError("vectors slice cancelled");
    bool shown = true;
    double alpha = 1.0;
    for (size_t k = 0; k < request.not_displayed.size() && shown; ++k) {
      const int axis = request.not_displayed[k];
      const double x = data.position[axis][static_cast<size_t>(i)];
      const bool inside = x >= slab.low[k] && x <= slab.high[k];
      if (!fade) {
        shown = inside;
        continue;
      }
      const double dist = inside ? 0.0 : std::min(std::abs(x - slab.low[k]), std::abs(x - slab.high[k]));
      const double proj = std::abs(data.projection[axis][static_cast<size_t>(i)] * request.length);
      shown = dist <= proj;
      const double reach = proj == 0 ? 1.0 : proj;
      alpha *= (reach - dist) / reach;
    }
    if (!shown) continue;
    response->indices.push_back(i);
    response->alphas.push_back(static_cast<float>(alpha));
    any_faded = any_faded || alpha != 1.0;
  }
  if (!any_faded) response->alphas.clear();
  return std::shared_ptr<const VectorsSliceResponse>(std::move(response));
}

}  // namespace stackshot
