#include "layers/points/points_slice.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "exec/parallel.h"
#include "nd/nearest_names.h"

namespace stackshot {
namespace {

constexpr int64_t kScanGrain = 1 << 16;    // points per chunk of the scan
constexpr int64_t kGatherGrain = 1 << 14;  // visible points per chunk of the gather

// Bounds of the slab on one sliced axis, in data coordinates.
struct Slab {
  int column = 0;  // the layer axis
  double low = 0;
  double high = 0;
};

// numpy's isclose(a, b) with its default tolerances.
bool IsClose(double a, double b) { return std::fabs(a - b) <= 1e-8 + 1e-5 * std::fabs(b); }

std::vector<Slab> MakeSlabs(const PointsSliceRequest& request) {
  const Affine sub = request.world_to_data.SubAxes(request.not_displayed);
  std::vector<double> point, left, right;
  for (int axis : request.not_displayed) {
    point.push_back(request.point[axis]);
    const bool all = request.projection_mode == PointsProjection::kAll;
    left.push_back(all && !request.margin_left.empty() ? request.margin_left[axis] : 0.0);
    right.push_back(all && !request.margin_right.empty() ? request.margin_right[axis] : 0.0);
  }
  const std::vector<double> p = sub.Apply(point);
  const std::vector<double> l = sub.ApplyLinear(left);
  const std::vector<double> r = sub.ApplyLinear(right);
  std::vector<Slab> slabs;
  for (size_t i = 0; i < p.size(); ++i) {
    Slab slab{request.not_displayed[i], p[i] - l[i], p[i] + r[i]};
    if (slab.low > slab.high) std::swap(slab.low, slab.high);  // a negative scale flips them
    if (IsClose(slab.high, slab.low)) {
      slab.low -= 0.5;
      slab.high += 0.5;
    }
    slabs.push_back(slab);
  }
  return slabs;
}

// One chunk's visible points and their size scale (empty when every scale is 1).
struct ChunkHits {
  std::vector<int64_t> indices;
  std::vector<double> scales;
};

// Whether x lies in [low, high], without a branch (NaN is outside).
inline int InSlab(double x, double low, double high) {
  return static_cast<int>(x >= low) & static_cast<int>(x <= high);
}

// The scan streams the first sliced column in blocks: a branch-free (vectorised)
// test says whether a block holds any visible point, and only such blocks (rare:
// a slab holds a thin fraction of the points) are tested point by point.
constexpr int64_t kBlock = 64;

// Whether any of the block's values lies in [low, high]: two doubles per SSE2
// compare (GCC keeps scalar comisd for the plain loop because of trapping math).
bool AnyInSlab(const double* x, double low, double high) {
#if defined(__SSE2__)
  const __m128d lo = _mm_set1_pd(low);
  const __m128d hi = _mm_set1_pd(high);
  __m128d any = _mm_setzero_pd();
  for (int64_t j = 0; j < kBlock; j += 2) {
    const __m128d v = _mm_loadu_pd(x + j);
    any = _mm_or_pd(any, _mm_and_pd(_mm_cmpge_pd(v, lo), _mm_cmple_pd(v, hi)));
  }
  return _mm_movemask_pd(any) != 0;
#else
  int any = 0;
  for (int64_t j = 0; j < kBlock; ++j) any |= InSlab(x[j], low, high);
  return any != 0;
#endif
}

void ScanInSlice(const PointsSliceRequest& request, const std::vector<Slab>& slabs, int64_t begin, int64_t end,
                 ChunkHits& hits) {
  const uint8_t* shown = request.shown ? request.shown->data() : nullptr;
  const double* x = request.data->columns[slabs[0].column].data();
  const double low = slabs[0].low;
  const double high = slabs[0].high;
  for (int64_t block = begin; block < end; block += kBlock) {
    const int64_t stop = std::min(block + kBlock, end);
    if (stop - block == kBlock && !AnyInSlab(x + block, low, high)) continue;
    for (int64_t i = block; i < stop; ++i) {
      int inside = InSlab(x[i], low, high) & static_cast<int>(!shown || shown[i]);
      for (size_t a = 1; a < slabs.size() && inside; ++a) {
        inside = InSlab(request.data->columns[slabs[a].column][i], slabs[a].low, slabs[a].high);
      }
      if (inside) hits.indices.push_back(i);
    }
  }
}

void ScanOutOfSlice(const PointsSliceRequest& request, const std::vector<Slab>& slabs, int64_t begin, int64_t end,
                    ChunkHits& hits) {
  const uint8_t* shown = request.shown ? request.shown->data() : nullptr;
  const double* sizes = request.sizes ? request.sizes->data() : nullptr;
  for (int64_t i = begin; i < end; ++i) {
    if (shown && !shown[i]) continue;
    const double r = (sizes ? sizes[i] : request.size) / 2.0;
    double scale = 1.0;
    bool inside = true;
    for (size_t a = 0; a < slabs.size() && inside; ++a) {
      const double x = request.data->columns[slabs[a].column][i];
      const double dist = std::max({slabs[a].low - x, x - slabs[a].high, 0.0});
      inside = dist <= r;
      if (inside && dist > 0.0) scale *= (r - dist) / r;
    }
    if (!inside) continue;
    hits.indices.push_back(i);
    hits.scales.push_back(scale);
  }
}

void AppendNumbers(std::string& out, const std::vector<double>& values) {
  char text[32];
  for (double v : values) {
    std::snprintf(text, sizeof text, "%a,", v);
    out += text;
  }
}

}  // namespace

const char* PointsProjectionName(PointsProjection mode) {
  return mode == PointsProjection::kAll ? "all" : "none";
}

Result<PointsProjection> ParsePointsProjection(const std::string& name) {
  if (name == "none") return PointsProjection::kNone;
  if (name == "all") return PointsProjection::kAll;
  return InvalidArgumentError("unknown points projection_mode '" + name + "' (" +
                              SuggestNames(name, {"none", "all"}) + ")");
}

Result<std::shared_ptr<const SliceResponse>> PointsSliceRequest::Run(const CancelToken& cancel) const {
  ASSIGN_OR_RETURN(auto response, GetPointsSlice(*this, cancel));
  return std::shared_ptr<const SliceResponse>(std::move(response));
}

std::string PointsSliceRequest::CacheKey() const {
  char identity[96];
  std::snprintf(identity, sizeof identity, "points|%p|%p|%p|%a|%d|%d|", static_cast<const void*>(data.get()),
                static_cast<const void*>(sizes.get()), static_cast<const void*>(shown.get()), size,
                out_of_slice_display ? 1 : 0, static_cast<int>(projection_mode));
  std::string key = identity;
  for (const Slab& slab : MakeSlabs(*this)) AppendNumbers(key, {static_cast<double>(slab.column), slab.low, slab.high});
  key += "|";
  for (int axis : displayed) key += std::to_string(axis) + ",";
  key += "|";
  AppendNumbers(key, data_to_world.linear_row_major());
  AppendNumbers(key, data_to_world.translation_vector());
  return key;
}

Result<std::shared_ptr<const PointsSliceResponse>> GetPointsSlice(const PointsSliceRequest& request,
                                                                  const CancelToken& cancel) {
  if (!request.data) return InternalError("points slice request without data");
  const PointsData& data = *request.data;
  const size_t ndim = static_cast<size_t>(data.ndim);
  if (request.displayed.size() != 2 || request.displayed.size() + request.not_displayed.size() != ndim ||
      request.point.size() != ndim || data.columns.size() != ndim) {
    return InternalError("points slice request does not match the data's " + std::to_string(ndim) + " dims");
  }
  const int64_t n = data.size();
  if ((request.sizes && static_cast<int64_t>(request.sizes->size()) != n) ||
      (request.shown && static_cast<int64_t>(request.shown->size()) != n)) {
    return InternalError("points slice request: sizes or shown do not match " + std::to_string(n) + " points");
  }
  auto response = std::make_shared<PointsSliceResponse>();
  response->request_id = request.id;
  response->displayed_to_world = request.data_to_world.SubAxes(request.displayed);

  // Find the visible points, chunk by chunk in a fixed split; chunks are joined in order.
  const std::vector<Slab> slabs = MakeSlabs(request);
  const bool out_of_slice = request.out_of_slice_display && ndim > 2 && !slabs.empty();
  const int64_t chunks = ChunkCount(n, kScanGrain);
  std::vector<ChunkHits> hits(static_cast<size_t>(chunks));
  ParallelForChunks(n, kScanGrain, request.threads, [&](int64_t chunk, int64_t begin, int64_t end) {
    if (cancel.cancelled()) return;
    ChunkHits& out = hits[static_cast<size_t>(chunk)];
    if (slabs.empty()) {
      const uint8_t* shown = request.shown ? request.shown->data() : nullptr;
      for (int64_t i = begin; i < end; ++i) {
        if (!shown || shown[i]) out.indices.push_back(i);
      }
    } else if (out_of_slice) {
      ScanOutOfSlice(request, slabs, begin, end, out);
    } else {
      ScanInSlice(request, slabs, begin, end, out);
    }
  });
  if (cancel.cancelled()) return CancelledError("points layer '" + request.layer_name + "': slice cancelled");
  std::vector<size_t> offsets(hits.size() + 1, 0);
  for (size_t k = 0; k < hits.size(); ++k) offsets[k + 1] = offsets[k] + hits[k].indices.size();
  const size_t visible = offsets.back();
  response->indices.resize(visible);
  std::vector<double> scales(out_of_slice ? visible : 0);
  for (size_t k = 0; k < hits.size(); ++k) {
    std::copy(hits[k].indices.begin(), hits[k].indices.end(), response->indices.begin() + offsets[k]);
    if (out_of_slice) std::copy(hits[k].scales.begin(), hits[k].scales.end(), scales.begin() + offsets[k]);
  }
  hits.clear();

  // Gather what the drawer needs for the visible points.
  response->rows.resize(visible);
  response->cols.resize(visible);
  response->sizes.resize(visible);
  const double* row_column = data.columns[request.displayed[0]].data();
  const double* col_column = data.columns[request.displayed[1]].data();
  const double* sizes = request.sizes ? request.sizes->data() : nullptr;
  ParallelFor(static_cast<int64_t>(visible), kGatherGrain, request.threads, [&](int64_t begin, int64_t end) {
    for (int64_t k = begin; k < end; ++k) {
      const int64_t i = response->indices[k];
      response->rows[k] = row_column[i];
      response->cols[k] = col_column[i];
      const double size = sizes ? sizes[i] : request.size;
      response->sizes[k] = static_cast<float>(out_of_slice ? size * scales[k] : size);
    }
  });
  return std::shared_ptr<const PointsSliceResponse>(std::move(response));
}

}  // namespace stackshot
