#include "nd/dtype.h"

#include <array>

namespace stackshot {
namespace {

constexpr std::array<DType, 10> kAllDTypes = {
    DType::kUInt8, DType::kUInt16, DType::kUInt32, DType::kUInt64, DType::kInt8,
    DType::kInt16, DType::kInt32,  DType::kInt64,  DType::kFloat32, DType::kFloat64,
};

}  // namespace

size_t DTypeSize(DType dtype) {
  return VisitDType(dtype, [](auto value) { return sizeof(value); });
}

const char* DTypeName(DType dtype) {
  switch (dtype) {
    case DType::kUInt8: return "uint8";
    case DType::kUInt16: return "uint16";
    case DType::kUInt32: return "uint32";
    case DType::kUInt64: return "uint64";
    case DType::kInt8: return "int8";
    case DType::kInt16: return "int16";
    case DType::kInt32: return "int32";
    case DType::kInt64: return "int64";
    case DType::kFloat32: return "float32";
    case DType::kFloat64: return "float64";
  }
  return "unknown";
}

Result<DType> ParseDType(std::string_view name) {
  std::string valid;
  for (DType dtype : kAllDTypes) {
    if (name == DTypeName(dtype)) return dtype;
    if (!valid.empty()) valid += ", ";
    valid += DTypeName(dtype);
  }
  return InvalidArgumentError("unknown dtype '" + std::string(name) + "' (valid: " + valid + ")");
}

bool IsFloat(DType dtype) { return dtype == DType::kFloat32 || dtype == DType::kFloat64; }

bool IsSigned(DType dtype) {
  switch (dtype) {
    case DType::kInt8:
    case DType::kInt16:
    case DType::kInt32:
    case DType::kInt64:
    case DType::kFloat32:
    case DType::kFloat64: return true;
    default: return false;
  }
}

}  // namespace stackshot
