#include "layers/image/image_slice.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "layers/image/multiscale.h"
#include "nd/dims.h"

namespace stackshot {
namespace {

std::vector<std::shared_ptr<const Source>> Levels(const ImageSliceRequest& request) {
  if (!request.levels.empty()) return request.levels;
  return {request.data};
}

// numpy's isclose with its defaults (rtol 1e-5, atol 1e-8).
bool IsClose(double a, double b) { return std::fabs(a - b) <= 1e-8 + 1e-5 * std::fabs(b); }

// The thick slice on one sliced axis, in level-0 data units.
struct AxisSlice {
  double point = 0;
  double left = 0;
  double right = 0;
};

// napari's _SliceInput.data_slice: world → data restricted to the sliced axes, the
// point as a point and the margins by the linear part only; NaN becomes 0.
std::vector<AxisSlice> DataSlice(const ImageSliceRequest& request) {
  const Affine sub = request.world_to_data.SubAxes(request.not_displayed);
  std::vector<double> point, left, right;
  for (int axis : request.not_displayed) {
    point.push_back(request.point[axis]);
    left.push_back(request.margin_left.empty() ? 0.0 : request.margin_left[axis]);
    right.push_back(request.margin_right.empty() ? 0.0 : request.margin_right[axis]);
  }
  const std::vector<double> p = sub.Apply(point);
  const std::vector<double> l = sub.ApplyLinear(left);
  const std::vector<double> r = sub.ApplyLinear(right);
  std::vector<AxisSlice> slices;
  for (size_t i = 0; i < p.size(); ++i) {
    AxisSlice s{std::isnan(p[i]) ? 0.0 : p[i], std::isnan(l[i]) ? 0.0 : l[i], std::isnan(r[i]) ? 0.0 : r[i]};
    // A negative scale flips the margins; keep low below high.
    const double low = s.point - s.left;
    const double high = s.point + s.right;
    if (low > high) {
      s.left = s.point - high;
      s.right = low - s.point;
    }
    slices.push_back(s);
  }
  return slices;
}

// An index as int64, saturating (the checks around it make huge values harmless).
int64_t ToIndex(double value) {
  if (!(value > -9e18)) return std::numeric_limits<int64_t>::min() / 2;
  if (!(value < 9e18)) return std::numeric_limits<int64_t>::max() / 2;
  return static_cast<int64_t>(value);
}

Status CheckRequest(const ImageSliceRequest& request, const Shape& shape) {
  const size_t layer_ndim = request.point.size();
  if (request.displayed.size() != 2) return InvalidArgumentError("only 2D display is supported");
  if (request.displayed.size() + request.not_displayed.size() != layer_ndim ||
      shape.size() != layer_ndim + (request.rgb ? 1 : 0)) {
    return InternalError("image slice request of " + std::to_string(layer_ndim) + " axes does not match data shape " +
                         ShapeToString(shape) + (request.rgb ? " (rgb)" : ""));
  }
  if ((!request.margin_left.empty() && request.margin_left.size() != layer_ndim) ||
      (!request.margin_right.empty() && request.margin_right.size() != layer_ndim)) {
    return InternalError("image slice request margins do not match its " + std::to_string(layer_ndim) + " axes");
  }
  return Status::Ok();
}

// Copies `array` (shape `counts`) so that the axes in `outer` come first (in data
// order), then the rest (in data order): the planes to project, one after another.
Array GatherPlanes(const Array& array, const Shape& counts, const std::vector<int>& outer) {
  const int n = static_cast<int>(counts.size());
  std::vector<int> order = outer;
  for (int axis = 0; axis < n; ++axis) {
    if (std::find(outer.begin(), outer.end(), axis) == outer.end()) order.push_back(axis);
  }
  std::vector<int64_t> strides(n, 1);  // in elements, of the input
  for (int axis = n - 2; axis >= 0; --axis) strides[axis] = strides[axis + 1] * counts[axis + 1];
  Shape permuted;
  for (int axis : order) permuted.push_back(counts[axis]);
  Array out = Array::Uninitialized(array.dtype(), permuted);
  const size_t item = DTypeSize(array.dtype());
  std::vector<int64_t> index(n, 0);  // over `permuted`
  const int64_t total = out.size();
  for (int64_t i = 0; i < total; ++i) {
    int64_t offset = 0;
    for (int k = 0; k < n; ++k) offset += index[k] * strides[order[k]];
    std::memcpy(out.mutable_bytes() + static_cast<size_t>(i) * item,
                array.bytes() + static_cast<size_t>(offset) * item, item);
    for (int k = n - 1; k >= 0; --k) {
      if (++index[k] < permuted[k]) break;
      index[k] = 0;
    }
  }
  return out;
}

// Swaps the first two axes of a float32 [a, b, channels] plane.
Array SwapRowsAndColumns(const Array& plane) {
  const int64_t a = plane.shape()[0];
  const int64_t b = plane.shape()[1];
  const int64_t channels = plane.ndim() == 3 ? plane.shape()[2] : 1;
  Shape shape = plane.shape();
  std::swap(shape[0], shape[1]);
  Array out = Array::Uninitialized(DType::kFloat32, shape);
  const float* in = plane.data<float>();
  float* dst = out.mutable_data<float>();
  for (int64_t r = 0; r < b; ++r) {
    for (int64_t c = 0; c < a; ++c) {
      for (int64_t ch = 0; ch < channels; ++ch) dst[(r * a + c) * channels + ch] = in[(c * b + r) * channels + ch];
    }
  }
  return out;
}

// The read box as the display plane: projected over the sliced axes (or just
// converted), rows along displayed[0] and columns along displayed[1].
Array ToDisplayPlane(const Array& read, const Shape& counts, const ImageSliceRequest& request) {
  const int row_axis = request.displayed[0];
  const int col_axis = request.displayed[1];
  int64_t planes = 1;
  std::vector<int> thick;  // sliced axes holding more than one index
  bool contiguous = true;
  for (int axis : request.not_displayed) {
    planes *= counts[axis];
    if (counts[axis] > 1) {
      thick.push_back(axis);
      contiguous = contiguous && axis < std::min(row_axis, col_axis);
    }
  }
  std::sort(thick.begin(), thick.end());
  const Array stack = contiguous ? read : GatherPlanes(read, counts, thick);
  const int64_t rows = counts[row_axis];
  const int64_t cols = counts[col_axis];
  const bool transpose = row_axis > col_axis;
  Shape shape = transpose ? Shape{cols, rows} : Shape{rows, cols};
  if (request.rgb) shape.push_back(counts.back());
  Array plane = ProjectPlanes(stack, planes, shape, request.projection_mode, request.threads);
  return transpose ? SwapRowsAndColumns(plane) : plane;
}

void AppendNumbers(std::string& out, const std::vector<double>& values) {
  char text[32];
  for (double v : values) {
    std::snprintf(text, sizeof text, "%a,", v);  // exact: two transforms differ in the key iff they differ
    out += text;
  }
}

}  // namespace

Result<ImageSlicePlan> PlanImageSlice(const ImageSliceRequest& request) {
  if (!request.data) return InternalError("image slice request without data");
  const auto levels = Levels(request);
  std::vector<Shape> shapes;
  for (const auto& level : levels) shapes.push_back(level->shape());
  RETURN_IF_ERROR(CheckRequest(request, shapes[0]));

  ImageSlicePlan plan;
  const Affine displayed_to_world = request.data_to_world.SubAxes(request.displayed);
  plan.plane_to_world = displayed_to_world;
  const std::vector<AxisSlice> slices = DataSlice(request);
  const bool project = request.projection_mode != ProjectionMode::kNone;

  // Out of bounds at level 0 shows nothing (napari's _slice_out_of_bounds).
  for (size_t i = 0; i < slices.size(); ++i) {
    const double max_index = static_cast<double>(shapes[0][request.not_displayed[i]] - 1);
    const AxisSlice& s = slices[i];
    if (!project) {
      const double index = RoundHalfEven(s.point);
      if (!(index >= 0 && index <= max_index)) plan.empty = true;
    } else {
      const double low = RoundHalfEven(s.point - s.left);
      const double high = RoundHalfEven(s.point + s.right);
      if (!(high >= 0 && low <= max_index)) plan.empty = true;
    }
  }
  if (plan.empty) return plan;

  const bool multiscale = shapes.size() > 1;
  LevelTile tile;
  if (multiscale) {
    tile = ChooseLevelAndTile(shapes, {request.displayed[0], request.displayed[1]}, displayed_to_world, request.view);
  } else {
    for (int i = 0; i < 2; ++i) tile.count[i] = shapes[0][request.displayed[i]];
  }
  plan.level = tile.level;
  const Shape& shape = shapes[tile.level];
  const std::vector<double> factors = DownsampleFactors(shapes)[tile.level];
  plan.box = FullBox(shape);
  for (int i = 0; i < 2; ++i) {
    plan.box.start[request.displayed[i]] = tile.start[i];
    plan.box.count[request.displayed[i]] = tile.count[i];
  }

  // The thick slice at the level (napari's _thick_slice_at_level and
  // _data_slice_to_slices).
  for (size_t i = 0; i < slices.size(); ++i) {
    const int axis = request.not_displayed[i];
    const int64_t size = shape[axis];
    double point = slices[i].point / factors[axis];
    const double left = slices[i].left / factors[axis];
    const double right = slices[i].right / factors[axis];
    if (multiscale) point = std::clamp(point, 0.0, static_cast<double>(size - 1));
    int64_t low, high;
    if (!project) {
      low = std::clamp<int64_t>(ToIndex(RoundHalfEven(point)), 0, size - 1);
      high = low + 1;
    } else {
      low = std::max<int64_t>(ToIndex(RoundHalfEven(point - left)), 0);
      high = std::max<int64_t>(ToIndex(RoundHalfEven(point + right)), 0);
      // A stop exactly at p + margin is exclusive; include it.
      if (IsClose(static_cast<double>(high), point + right)) high += 1;
      if (low == high) high += 1;
      low = std::min(low, size - 1);
      high = std::clamp(high, low + 1, size);
    }
    plan.box.start[axis] = low;
    plan.box.count[axis] = high - low;
  }

  if (multiscale) {
    // A level pixel is centred on the block of level-0 pixels it covers.
    const Affine tile_to_data =
        LevelTileToData(tile, {factors[request.displayed[0]], factors[request.displayed[1]]});
    plan.plane_to_world = displayed_to_world.Compose(tile_to_data);
  }
  return plan;
}

Result<std::shared_ptr<const SliceResponse>> ImageSliceRequest::Run(const CancelToken& cancel) const {
  ASSIGN_OR_RETURN(auto response, GetImageSlice(*this, cancel));
  return std::shared_ptr<const SliceResponse>(std::move(response));
}

std::string ImageSliceRequest::CacheKey() const {
  // The data by identity (the level's source object), the box it reads and how,
  // and what places the plane in the world.
  Result<ImageSlicePlan> plan = PlanImageSlice(*this);
  if (!plan.ok()) return {};
  const auto all_levels = Levels(*this);
  char identity[96];
  std::snprintf(identity, sizeof identity, "image|%p|L%d|%s|%s|",
                static_cast<const void*>(all_levels[plan->level].get()),
                plan->level, ProjectionModeName(projection_mode), rgb ? "rgb" : "scalar");
  std::string key = identity;
  if (plan->empty) {
    key += "empty|";
  } else {
    for (size_t axis = 0; axis < plan->box.start.size(); ++axis) {
      key += std::to_string(plan->box.start[axis]) + "+" + std::to_string(plan->box.count[axis]) + ",";
    }
  }
  key += "|";
  for (int axis : displayed) key += std::to_string(axis) + ",";
  key += "|";
  AppendNumbers(key, plan->plane_to_world.linear_row_major());
  AppendNumbers(key, plan->plane_to_world.translation_vector());
  return key;
}

Result<std::shared_ptr<const ImageSliceResponse>> GetImageSlice(const ImageSliceRequest& request,
                                                                const CancelToken& cancel) {
  ASSIGN_OR_RETURN(ImageSlicePlan plan, PlanImageSlice(request));
  auto response = std::make_shared<ImageSliceResponse>();
  response->request_id = request.id;
  response->plane_to_world = plan.plane_to_world;
  response->level = plan.level;
  if (plan.empty) {
    response->empty = true;
    return std::shared_ptr<const ImageSliceResponse>(std::move(response));
  }
  const auto levels = Levels(request);
  const Source& source = *levels[plan.level];
  if (cancel.cancelled()) return CancelledError(source.Describe() + ": slice cancelled before reading");
  // request.threads also lets HDF5 decode the chunks in parallel (same values).
  ASSIGN_OR_RETURN(Array read, source.Read(plan.box, cancel, request.threads));
  if (cancel.cancelled()) return CancelledError(source.Describe() + ": slice cancelled after reading");
  response->bytes_read = read.nbytes();
  response->plane = ToDisplayPlane(read, plan.box.count, request);
  const bool keeps_values = request.projection_mode == ProjectionMode::kNone ||
                            request.projection_mode == ProjectionMode::kMax ||
                            request.projection_mode == ProjectionMode::kMin;
  if (!request.rgb && keeps_values && source.dtype() == DType::kUInt8) response->integer_values = int64_t{1} << 8;
  if (!request.rgb && keeps_values && source.dtype() == DType::kUInt16) response->integer_values = int64_t{1} << 16;
  if (request.rgb && !IsFloat(source.dtype())) {
    // Integer colour data is a normalised texture: alpha 255 (uint8) is opaque.
    response->alpha_max = VisitDType(source.dtype(), [](auto zero) {
      return static_cast<float>(std::numeric_limits<decltype(zero)>::max());
    });
  }
  return std::shared_ptr<const ImageSliceResponse>(std::move(response));
}

}  // namespace stackshot
