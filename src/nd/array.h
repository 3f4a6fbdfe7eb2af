// Array: an n-dimensional, C-ordered (row-major, last axis fastest) buffer of one
// dtype.
//
// Conventions: copies are shallow (the buffer is shared), which is how slice requests
// hold layer data "by shared reference" (NAP-4). Code that hands an Array to another
// thread treats it as immutable from then on. Shapes are numpy-ordered, slowest
// axis first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nd/dtype.h"

namespace stackshot {

using Shape = std::vector<int64_t>;

int64_t ShapeElementCount(const Shape& shape);
std::string ShapeToString(const Shape& shape);  // "60×512×512"

// An index box: start and count per axis.
struct Box {
  std::vector<int64_t> start;
  std::vector<int64_t> count;
};

class Array {
 public:
  Array() = default;
  // A zero-filled array.
  static Array Zeros(DType dtype, Shape shape);
  // An array whose contents are unspecified: only for code that writes every
  // element before anyone reads it (readers, kernels), to skip zero-filling.
  static Array Uninitialized(DType dtype, Shape shape);

  // The same buffer seen with another shape of the same element count.
  Array Reshaped(Shape shape) const;

  DType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int ndim() const { return static_cast<int>(shape_.size()); }
  int64_t size() const { return ShapeElementCount(shape_); }
  size_t nbytes() const { return static_cast<size_t>(size()) * DTypeSize(dtype_); }
  bool empty() const { return buffer_ == nullptr; }

  const std::byte* bytes() const { return buffer_.get(); }
  std::byte* mutable_bytes() { return buffer_.get(); }
  template <typename T> const T* data() const { return reinterpret_cast<const T*>(buffer_.get()); }
  template <typename T> T* mutable_data() { return reinterpret_cast<T*>(buffer_.get()); }

 private:
  DType dtype_ = DType::kUInt8;
  Shape shape_;
  std::shared_ptr<std::byte[]> buffer_;
};

}  // namespace stackshot
