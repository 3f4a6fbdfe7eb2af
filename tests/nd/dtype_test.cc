#include "nd/dtype.h"

#include <gtest/gtest.h>

namespace stackshot {
namespace {

struct DTypeCase {
  DType dtype;
  const char* name;
  size_t size;
  bool is_float;
  bool is_signed;
};

constexpr DTypeCase kCases[] = {
    {DType::kUInt8, "uint8", 1, false, false},     {DType::kUInt16, "uint16", 2, false, false},
    {DType::kUInt32, "uint32", 4, false, false},   {DType::kUInt64, "uint64", 8, false, false},
    {DType::kInt8, "int8", 1, false, true},        {DType::kInt16, "int16", 2, false, true},
    {DType::kInt32, "int32", 4, false, true},      {DType::kInt64, "int64", 8, false, true},
    {DType::kFloat32, "float32", 4, true, true},   {DType::kFloat64, "float64", 8, true, true},
};

TEST(DTypeTest, SizeNameAndKind) {
  for (const DTypeCase& c : kCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(DTypeSize(c.dtype), c.size);
    EXPECT_STREQ(DTypeName(c.dtype), c.name);
    EXPECT_EQ(IsFloat(c.dtype), c.is_float);
    EXPECT_EQ(IsSigned(c.dtype), c.is_signed);
  }
}

TEST(DTypeTest, ParseRoundTrips) {
  for (const DTypeCase& c : kCases) {
    Result<DType> parsed = ParseDType(c.name);
    ASSERT_TRUE(parsed.ok()) << c.name;
    EXPECT_EQ(*parsed, c.dtype);
  }
}

TEST(DTypeTest, ParseRejectsUnknownAndListsValidNames) {
  Result<DType> parsed = ParseDType("uint12");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().message(),
            "unknown dtype 'uint12' (valid: uint8, uint16, uint32, uint64, int8, int16, int32, "
            "int64, float32, float64)");
  EXPECT_FALSE(ParseDType("UINT8").ok());  // numpy names are lower case
  EXPECT_FALSE(ParseDType("").ok());
}

TEST(DTypeTest, VisitMatchesKDTypeOf) {
  for (const DTypeCase& c : kCases) {
    const DType visited = VisitDType(c.dtype, [](auto value) { return kDTypeOf<decltype(value)>; });
    EXPECT_EQ(visited, c.dtype) << c.name;
  }
}

}  // namespace
}  // namespace stackshot
