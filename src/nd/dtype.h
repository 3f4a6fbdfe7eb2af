// Element types of n-dimensional data.
//
// Conventions: names follow numpy ("uint16", "float32"); VisitDType calls a generic
// lambda with a value of the matching C++ type so kernels are written once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "nd/status.h"

namespace stackshot {

enum class DType {
  kUInt8, kUInt16, kUInt32, kUInt64,
  kInt8, kInt16, kInt32, kInt64,
  kFloat32, kFloat64,
};

size_t DTypeSize(DType dtype);
const char* DTypeName(DType dtype);
Result<DType> ParseDType(std::string_view name);
bool IsFloat(DType dtype);
bool IsSigned(DType dtype);

template <typename T> constexpr DType kDTypeOf = DType::kUInt8;
template <> constexpr DType kDTypeOf<uint8_t> = DType::kUInt8;
template <> constexpr DType kDTypeOf<uint16_t> = DType::kUInt16;
template <> constexpr DType kDTypeOf<uint32_t> = DType::kUInt32;
template <> constexpr DType kDTypeOf<uint64_t> = DType::kUInt64;
template <> constexpr DType kDTypeOf<int8_t> = DType::kInt8;
template <> constexpr DType kDTypeOf<int16_t> = DType::kInt16;
template <> constexpr DType kDTypeOf<int32_t> = DType::kInt32;
template <> constexpr DType kDTypeOf<int64_t> = DType::kInt64;
template <> constexpr DType kDTypeOf<float> = DType::kFloat32;
template <> constexpr DType kDTypeOf<double> = DType::kFloat64;

// Calls fn(T{}) where T is the C++ type of `dtype`; returns what fn returns.
template <typename Fn>
decltype(auto) VisitDType(DType dtype, Fn&& fn) {
  switch (dtype) {
    case DType::kUInt8: return fn(uint8_t{});
    case DType::kUInt16: return fn(uint16_t{});
    case DType::kUInt32: return fn(uint32_t{});
    case DType::kUInt64: return fn(uint64_t{});
    case DType::kInt8: return fn(int8_t{});
    case DType::kInt16: return fn(int16_t{});
    case DType::kInt32: return fn(int32_t{});
    case DType::kInt64: return fn(int64_t{});
    case DType::kFloat32: return fn(float{});
    case DType::kFloat64: break;
  }
  return fn(double{});
}

}  // namespace stackshot
