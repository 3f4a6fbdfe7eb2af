#include "layers/image/projection.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace stackshot {
namespace {

// K planes of M values: a fixed pseudo-random pattern (integer arithmetic only).
template <typename T>
Array Planes(int64_t planes, int64_t m, int64_t modulus) {
  Array a = Array::Zeros(kDTypeOf<T>, {planes, m});
  for (int64_t i = 0; i < a.size(); ++i) {
    a.mutable_data<T>()[i] = static_cast<T>((i * 2654435761LL) % modulus);
  }
  return a;
}

bool SameBits(const Array& a, const Array& b) {
  return a.shape() == b.shape() && std::memcmp(a.bytes(), b.bytes(), a.nbytes()) == 0;
}

TEST(ProjectionTest, IntegerModesAreExactAndThreadIndependent) {
  // 7001 elements: one chunk boundary and a ragged last chunk.
  constexpr int64_t kPlanes = 20, kM = 7001;
  const Array stack = Planes<uint16_t>(kPlanes, kM, 65536);
  const uint16_t* in = stack.data<uint16_t>();
  for (ProjectionMode mode : {ProjectionMode::kSum, ProjectionMode::kMean, ProjectionMode::kMax, ProjectionMode::kMin}) {
    const Array one = ProjectPlanes(stack, kPlanes, {kM}, mode, 1);
    const Array two = ProjectPlanes(stack, kPlanes, {kM}, mode, 2);
    EXPECT_TRUE(SameBits(one, two)) << ProjectionModeName(mode);
    for (int64_t e = 0; e < kM; e += 97) {
      uint64_t sum = 0;
      uint16_t lo = 65535, hi = 0;
      for (int64_t k = 0; k < kPlanes; ++k) {
        const uint16_t v = in[k * kM + e];
        sum += v;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
      float expected = 0;
      switch (mode) {
        case ProjectionMode::kSum: expected = static_cast<float>(sum); break;
        case ProjectionMode::kMean: expected = static_cast<float>(static_cast<double>(sum) / kPlanes); break;
        case ProjectionMode::kMax: expected = hi; break;
        default: expected = lo; break;
      }
      ASSERT_EQ(one.data<float>()[e], expected) << ProjectionModeName(mode) << " element " << e;
    }
  }
}

TEST(ProjectionTest, WideIntegersSumIn64Bits) {
  Array stack = Array::Zeros(DType::kInt64, {3, 2});
  const int64_t values[6] = {int64_t{1} << 40, -5, int64_t{1} << 40, -6, int64_t{1} << 40, 7};
  std::memcpy(stack.mutable_bytes(), values, sizeof values);
  const Array sum = ProjectPlanes(stack, 3, {2}, ProjectionMode::kSum, 1);
  EXPECT_EQ(sum.data<float>()[0], static_cast<float>(3.0 * (1LL << 40)));
  EXPECT_EQ(sum.data<float>()[1], -4.0f);
  Array bytes = Array::Zeros(DType::kUInt8, {300, 1});
  for (int i = 0; i < 300; ++i) bytes.mutable_data<uint8_t>()[i] = 255;
  EXPECT_EQ(ProjectPlanes(bytes, 300, {1}, ProjectionMode::kSum, 1).data<float>()[0], 76500.0f);
}

TEST(ProjectionTest, Float32AccumulatesInFloat32LikeNumpy) {
  // numpy sums float32 planes in float32: 1e8 + 1 + 1 stays 1e8 there.
  Array stack = Array::Zeros(DType::kFloat32, {3, 1});
  const float values[3] = {1e8f, 1.0f, 1.0f};
  std::memcpy(stack.mutable_bytes(), values, sizeof values);
  EXPECT_EQ(ProjectPlanes(stack, 3, {1}, ProjectionMode::kSum, 1).data<float>()[0], 1e8f);
  EXPECT_EQ(ProjectPlanes(stack, 3, {1}, ProjectionMode::kMean, 1).data<float>()[0],
            static_cast<float>(1e8 / 3.0));
}

TEST(ProjectionTest, MaxAndMinPropagateNan) {
  Array stack = Array::Zeros(DType::kFloat64, {3, 2});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double values[6] = {1, nan, nan, 2, 3, 0};
  std::memcpy(stack.mutable_bytes(), values, sizeof values);
  const Array max = ProjectPlanes(stack, 3, {2}, ProjectionMode::kMax, 1);
  EXPECT_TRUE(std::isnan(max.data<float>()[0]));
  EXPECT_TRUE(std::isnan(max.data<float>()[1]));
  const Array min = ProjectPlanes(stack, 3, {2}, ProjectionMode::kMin, 1);
  EXPECT_TRUE(std::isnan(min.data<float>()[0]));
}

TEST(ProjectionTest, NoneConvertsOnePlane) {
  const Array plane = Planes<int8_t>(1, 5, 200);
  const Array out = ProjectPlanes(plane, 1, {5}, ProjectionMode::kNone, 2);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(out.data<float>()[i], static_cast<float>(plane.data<int8_t>()[i]));
}

TEST(ProjectionTest, ModeNamesRoundTrip) {
  for (ProjectionMode mode : {ProjectionMode::kNone, ProjectionMode::kSum, ProjectionMode::kMean, ProjectionMode::kMax,
                              ProjectionMode::kMin}) {
    auto parsed = ParseProjectionMode(ProjectionModeName(mode));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, mode);
  }
  EXPECT_EQ(ParseProjectionMode("maen").status().message(), "unknown projection_mode 'maen' (nearest: mean, max, min)");
}

}  // namespace
}  // namespace stackshot
