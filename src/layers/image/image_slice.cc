#include "layers/image/image_slice.h"

#include <cmath>

#include "nd/dims.h"

namespace stackshot {
namespace {

// Copies the read box (every axis but the two displayed ones has count 1) into a
// float32 plane, transposing when the rows axis comes after the columns axis in
// the data.
Array ToFloatPlane(const Array& box, int64_t rows, int64_t cols, bool transpose) {
  Array plane = Array::Zeros(DType::kFloat32, {rows, cols});
  float* out = plane.mutable_data<float>();
  VisitDType(box.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* in = box.data<T>();
    if (!transpose) {
      for (int64_t i = 0; i < rows * cols; ++i) out[i] = static_cast<float>(in[i]);
    } else {
      // `in` is [cols][rows] in memory.
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) out[r * cols + c] = static_cast<float>(in[c * rows + r]);
    }
  });
  return plane;
}

}  // namespace

Result<std::shared_ptr<const SliceResponse>> ImageSliceRequest::Run() const {
  ASSIGN_OR_RETURN(auto response, GetImageSlice(*this));
  return std::shared_ptr<const SliceResponse>(std::move(response));
}

Result<std::shared_ptr<const ImageSliceResponse>> GetImageSlice(const ImageSliceRequest& request) {
  auto response = std::make_shared<ImageSliceResponse>();
  response->request_id = request.id;
  response->plane_to_world = request.data_to_world.SubAxes(request.displayed);

  const Shape& shape = request.data->shape();
  Box box = FullBox(shape);
  // napari slices with world → data restricted to the non-displayed axes, dropping
  // any cross terms with displayed axes, and rounds half to even.
  const Affine sub = request.world_to_data.SubAxes(request.not_displayed);
  std::vector<double> world_point;
  for (int axis : request.not_displayed) world_point.push_back(request.point[axis]);
  const std::vector<double> data_point = sub.Apply(world_point);
  for (size_t i = 0; i < request.not_displayed.size(); ++i) {
    const int axis = request.not_displayed[i];
    const double index = RoundHalfEven(data_point[i]);
    if (!(index >= 0 && index <= static_cast<double>(shape[axis] - 1))) {
      response->empty = true;  // out of bounds: napari shows nothing, it does not clamp
      return std::shared_ptr<const ImageSliceResponse>(std::move(response));
    }
    box.start[axis] = static_cast<int64_t>(index);
    box.count[axis] = 1;
  }

  auto read = request.data->Read(box);
  if (!read.ok()) return read.status();
  const int row_axis = request.displayed[0];
  const int col_axis = request.displayed[1];
  response->bytes_read = read->nbytes();
  response->plane = ToFloatPlane(*read, shape[row_axis], shape[col_axis], row_axis > col_axis);
  return std::shared_ptr<const ImageSliceResponse>(std::move(response));
}

}  // namespace stackshot
