#include "render/blending.h"

#include <array>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

using Pixel = std::array<float, 4>;

Pixel Blend(Blending mode, Pixel dst, Pixel src) {
  BlendPixel(mode, dst.data(), src.data());
  return dst;
}

void ExpectPixel(const Pixel& actual, const Pixel& expected) {
  for (int c = 0; c < 4; ++c) EXPECT_FLOAT_EQ(actual[c], expected[c]) << "channel " << c;
}

constexpr Pixel kDst = {0.2f, 0.4f, 0.6f, 1.0f};
constexpr Pixel kSrc = {1.0f, 0.5f, 0.0f, 0.5f};

TEST(BlendingTest, OpaqueReplacesWithFullAlpha) {
  ExpectPixel(Blend(Blending::kOpaque, kDst, kSrc), {1.0f, 0.5f, 0.0f, 1.0f});
  ExpectPixel(Blend(Blending::kOpaque, {0, 0, 0, 0}, {0.3f, 0.2f, 0.1f, 0.0f}), {0.3f, 0.2f, 0.1f, 1.0f});
}

TEST(BlendingTest, TranslucentIsOver) {
  ExpectPixel(Blend(Blending::kTranslucent, kDst, kSrc), {0.6f, 0.45f, 0.3f, 1.0f});
  // Over a transparent canvas: alpha = a + 0 × (1 - a).
  ExpectPixel(Blend(Blending::kTranslucent, {0, 0, 0, 0}, kSrc), {0.5f, 0.25f, 0.0f, 0.5f});
  ExpectPixel(Blend(Blending::kTranslucent, {0.1f, 0.1f, 0.1f, 0.5f}, {0.9f, 0.5f, 0.1f, 0.25f}),
              {0.3f, 0.2f, 0.1f, 0.625f});
  // Alpha 0 leaves the pixel as it was.
  ExpectPixel(Blend(Blending::kTranslucent, kDst, {1, 1, 1, 0}), kDst);
}

TEST(BlendingTest, TranslucentNoDepthEqualsTranslucentIn2d) {
  ExpectPixel(Blend(Blending::kTranslucentNoDepth, kDst, kSrc), Blend(Blending::kTranslucent, kDst, kSrc));
}

TEST(BlendingTest, AdditiveAddsWeightedSourceAndClamps) {
  ExpectPixel(Blend(Blending::kAdditive, kDst, kSrc), {0.7f, 0.65f, 0.6f, 1.0f});
  ExpectPixel(Blend(Blending::kAdditive, {0.8f, 0.1f, 0.0f, 0.25f}, {1.0f, 0.2f, 0.4f, 0.5f}),
              {1.0f, 0.2f, 0.2f, 0.75f});
}

TEST(BlendingTest, MinimumKeepsDarkerOfSourceOverWhite) {
  // src over white: (1, 0.75, 0.5); min with dst.
  ExpectPixel(Blend(Blending::kMinimum, kDst, kSrc), {0.2f, 0.4f, 0.5f, 1.0f});
  // Fully transparent source is white: nothing changes.
  ExpectPixel(Blend(Blending::kMinimum, kDst, {0, 0, 0, 0}), kDst);
  ExpectPixel(Blend(Blending::kMinimum, {1, 1, 1, 1}, {0.25f, 0.5f, 1.0f, 1.0f}), {0.25f, 0.5f, 1.0f, 1.0f});
}

TEST(BlendingTest, ResultsAreClampedToUnitRange) {
  ExpectPixel(Blend(Blending::kOpaque, kDst, {1.5f, -0.5f, 0.5f, 1.0f}), {1.0f, 0.0f, 0.5f, 1.0f});
  ExpectPixel(Blend(Blending::kAdditive, {1, 1, 1, 1}, {1, 1, 1, 1}), {1, 1, 1, 1});
}

}  // namespace
}  // namespace stackshot
