#include "layers/labels/labels_slice.h"

#include <cstdio>
#include <cstring>
#include <optional>

#include "nd/dims.h"

namespace stackshot {
namespace {

// The data index on each non-displayed axis, or nothing when one is out of bounds
// (napari rounds half to even and does not clamp).
std::optional<std::vector<int64_t>> SlicedIndices(const LabelsSliceRequest& request) {
  const Shape& shape = request.data->shape();
  const Affine sub = request.world_to_data.SubAxes(request.not_displayed);
  std::vector<double> world_point;
  for (int axis : request.not_displayed) world_point.push_back(request.point[axis]);
  const std::vector<double> data_point = sub.Apply(world_point);
  std::vector<int64_t> indices;
  for (size_t i = 0; i < request.not_displayed.size(); ++i) {
    const double index = RoundHalfEven(data_point[i]);
    if (!(index >= 0 && index <= static_cast<double>(shape[request.not_displayed[i]] - 1))) return std::nullopt;
    indices.push_back(static_cast<int64_t>(index));
  }
  return indices;
}

// The read plane ([cols][rows] in memory) with rows and columns swapped, any dtype.
Array Transpose(const Array& in, int64_t rows, int64_t cols) {
  Array out = Array::Uninitialized(in.dtype(), {rows, cols});
  const size_t item = DTypeSize(in.dtype());
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) {
      std::memcpy(out.mutable_bytes() + static_cast<size_t>(r * cols + c) * item,
                  in.bytes() + static_cast<size_t>(c * rows + r) * item, item);
    }
  }
  return out;
}

void AppendNumbers(std::string& out, const std::vector<double>& values) {
  char text[32];
  for (double v : values) {
    std::snprintf(text, sizeof text, "%a,", v);
    out += text;
  }
}

}  // namespace

Result<std::shared_ptr<const SliceResponse>> LabelsSliceRequest::Run(const CancelToken& cancel) const {
  ASSIGN_OR_RETURN(auto response, GetLabelsSlice(*this, cancel));
  return std::shared_ptr<const SliceResponse>(std::move(response));
}

std::string LabelsSliceRequest::CacheKey() const {
  char identity[64];
  std::snprintf(identity, sizeof identity, "labels|%p|", static_cast<const void*>(data.get()));
  std::string key = identity;
  const auto indices = SlicedIndices(*this);
  if (!indices) {
    key += "empty|";
  } else {
    for (int64_t index : *indices) key += std::to_string(index) + ",";
  }
  key += "|";
  for (int axis : displayed) key += std::to_string(axis) + ",";
  key += "|";
  AppendNumbers(key, data_to_world.linear_row_major());
  AppendNumbers(key, data_to_world.translation_vector());
  return key;
}

Result<std::shared_ptr<const LabelsSliceResponse>> GetLabelsSlice(const LabelsSliceRequest& request,
                                                                  const CancelToken& cancel) {
  if (!request.data) return InternalError("labels slice request without data");
  const Shape& shape = request.data->shape();
  if (request.displayed.size() != 2 || request.displayed.size() + request.not_displayed.size() != shape.size() ||
      request.point.size() != shape.size()) {
    return InternalError("labels slice request does not match data shape " + ShapeToString(shape));
  }
  auto response = std::make_shared<LabelsSliceResponse>();
  response->request_id = request.id;
  response->plane_to_world = request.data_to_world.SubAxes(request.displayed);
  const auto indices = SlicedIndices(request);
  if (!indices) {
    response->empty = true;
    return std::shared_ptr<const LabelsSliceResponse>(std::move(response));
  }
  Box box = FullBox(shape);
  for (size_t i = 0; i < request.not_displayed.size(); ++i) {
    box.start[request.not_displayed[i]] = (*indices)[i];
    box.count[request.not_displayed[i]] = 1;
  }
  if (cancel.cancelled()) return CancelledError(request.data->Describe() + ": slice cancelled before reading");
  ASSIGN_OR_RETURN(Array read, request.data->Read(box, cancel, request.threads));
  response->bytes_read = read.nbytes();
  const int row_axis = request.displayed[0];
  const int col_axis = request.displayed[1];
  const int64_t rows = shape[row_axis];
  const int64_t cols = shape[col_axis];
  if (row_axis > col_axis) {
    response->plane = Transpose(read, rows, cols);
  } else {
    // The read box is already C-ordered [rows, cols] once its unit axes are dropped.
    response->plane = read.Reshaped({rows, cols});
  }
  return std::shared_ptr<const LabelsSliceResponse>(std::move(response));
}

}  // namespace stackshot
