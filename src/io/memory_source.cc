// MakeMemorySource: a Source over an Array held in memory.
#include <cstring>
#include <utility>

#include "io/source.h"

namespace stackshot {
namespace {

class MemorySource final : public Source {
 public:
  MemorySource(Array array, std::string name) : array_(std::move(array)), name_(std::move(name)) {}

  const Shape& shape() const override { return array_.shape(); }
  DType dtype() const override { return array_.dtype(); }
  std::string Describe() const override { return name_; }
  bool in_memory() const override { return true; }

 protected:
  Result<Array> ReadChecked(const Box& box, const CancelToken&) const override {
    Array out = Array::Uninitialized(array_.dtype(), box.count);
    if (out.size() == 0) return out;
    const Shape& shape = array_.shape();
    const int rank = static_cast<int>(shape.size());
    const size_t item = DTypeSize(array_.dtype());

    // The trailing axes the box covers fully merge with the last partial one into
    // one contiguous run; copy run by run, stepping an odometer over the rest.
    int run_axis = rank - 1;
    while (run_axis > 0 && box.count[run_axis] == shape[run_axis]) --run_axis;
    int64_t inner = 1;  // elements of one step along run_axis
    for (int axis = run_axis + 1; axis < rank; ++axis) inner *= shape[axis];
    const size_t run_bytes =
        static_cast<size_t>((rank == 0 ? 1 : box.count[run_axis]) * inner) * item;

    std::vector<int64_t> strides(rank, 1);  // in elements, of the source
    for (int axis = rank - 2; axis >= 0; --axis) strides[axis] = strides[axis + 1] * shape[axis + 1];

    std::vector<int64_t> index(box.start.begin(), box.start.end());
    std::byte* dst = out.mutable_bytes();
    const int64_t runs = out.size() / (rank == 0 ? 1 : box.count[run_axis] * inner);
    for (int64_t r = 0; r < runs; ++r) {
      int64_t offset = 0;
      for (int axis = 0; axis < rank; ++axis) offset += index[axis] * strides[axis];
      std::memcpy(dst, array_.bytes() + static_cast<size_t>(offset) * item, run_bytes);
      dst += run_bytes;
      // Advance the odometer over the axes before run_axis.
      for (int axis = run_axis - 1; axis >= 0; --axis) {
        if (++index[axis] < box.start[axis] + box.count[axis]) break;
        index[axis] = box.start[axis];
      }
    }
    return out;
  }

 private:
  Array array_;
  std::string name_;
};

}  // namespace

std::shared_ptr<Source> MakeMemorySource(Array array, std::string name) {
  return std::make_shared<MemorySource>(std::move(array), std::move(name));
}

}  // namespace stackshot
