// Test arrays with distinct, type-covering values, and a naive box copy to compare
// the sources' reads against.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "nd/array.h"

namespace stackshot::testing {

// Distinct values per element; elements 0 and 1 hold the type's max and lowest so
// that byte order and width are exercised.
template <typename T>
Array MakeRamp(const Shape& shape) {
  Array array = Array::Zeros(kDTypeOf<T>, shape);
  T* data = array.mutable_data<T>();
  for (int64_t i = 0; i < array.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      data[i] = static_cast<T>(static_cast<double>(i) * 0.25 - 10.0);
    } else if constexpr (std::is_signed_v<T>) {
      data[i] = static_cast<T>((i * 7919 + 13) % 251 - 125);
    } else {
      data[i] = static_cast<T>((i * 7919 + 13) % 251);
    }
  }
  if (array.size() > 1) {
    data[0] = std::numeric_limits<T>::max();
    data[1] = std::numeric_limits<T>::lowest();
  }
  return array;
}

inline Array MakeRamp(DType dtype, const Shape& shape) {
  return VisitDType(dtype, [&](auto value) { return MakeRamp<decltype(value)>(shape); });
}

// The box of `array`, copied element by element with an index odometer.
inline Array NaiveBox(const Array& array, const Box& box) {
  Array out = Array::Zeros(array.dtype(), box.count);
  const size_t item = DTypeSize(array.dtype());
  const int rank = array.ndim();
  std::vector<int64_t> index(rank, 0);
  for (int64_t i = 0; i < out.size(); ++i) {
    int64_t offset = 0;
    for (int axis = 0; axis < rank; ++axis) offset = offset * array.shape()[axis] + box.start[axis] + index[axis];
    std::memcpy(out.mutable_bytes() + i * item, array.bytes() + offset * item, item);
    for (int axis = rank - 1; axis >= 0; --axis) {
      if (++index[axis] < box.count[axis]) break;
      index[axis] = 0;
    }
  }
  return out;
}

// Element values as a vector, so that gtest prints the first difference.
template <typename T>
std::vector<T> Values(const Array& array) {
  const T* data = array.data<T>();
  return std::vector<T>(data, data + array.size());
}

inline void ExpectArraysEqual(const Array& actual, const Array& expected) {
  ASSERT_EQ(actual.dtype(), expected.dtype());
  ASSERT_EQ(actual.shape(), expected.shape());
  VisitDType(actual.dtype(), [&](auto value) {
    using T = decltype(value);
    EXPECT_EQ(Values<T>(actual), Values<T>(expected));
  });
}

// A fresh scratch folder for one test.
inline std::string ScratchDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace stackshot::testing
