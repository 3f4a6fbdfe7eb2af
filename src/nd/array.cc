#include "nd/array.h"

#include <algorithm>
#include <cstring>

#include "nd/huge_pages.h"

namespace stackshot {

int64_t ShapeElementCount(const Shape& shape) {
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  return n;
}

std::string ShapeToString(const Shape& shape) {
  std::string out;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) out += "×";
    out += std::to_string(shape[i]);
  }
  return out.empty() ? "()" : out;
}

Array Array::Zeros(DType dtype, Shape shape) {
  Array a;
  a.dtype_ = dtype;
  a.shape_ = std::move(shape);
  const size_t bytes = std::max<size_t>(a.nbytes(), 1);
  a.buffer_ = std::make_shared_for_overwrite<std::byte[]>(bytes);
  AdviseHugePages(a.buffer_.get(), bytes);
  std::memset(a.buffer_.get(), 0, bytes);
  return a;
}

Array Array::Uninitialized(DType dtype, Shape shape) {
  Array a;
  a.dtype_ = dtype;
  a.shape_ = std::move(shape);
  const size_t bytes = std::max<size_t>(a.nbytes(), 1);
  a.buffer_ = std::make_shared_for_overwrite<std::byte[]>(bytes);
  AdviseHugePages(a.buffer_.get(), bytes);
  return a;
}

Array Array::Reshaped(Shape shape) const {
  Array a = *this;
  // Callers pass a shape of the same element count; anything else is a bug.
  if (ShapeElementCount(shape) == size()) a.shape_ = std::move(shape);
  return a;
}

}  // namespace stackshot
