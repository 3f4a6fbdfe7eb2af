// Blending and interpolation names as scenes spell them (layers/ parses them).
#include <gtest/gtest.h>

#include "layers/image/image_appearance.h"
#include "layers/layer.h"

namespace stackshot {
namespace {

TEST(BlendingNameTest, RoundTrips) {
  for (Blending blending : {Blending::kOpaque, Blending::kTranslucent, Blending::kTranslucentNoDepth,
                            Blending::kAdditive, Blending::kMinimum}) {
    Result<Blending> parsed = ParseBlending(BlendingName(blending));
    ASSERT_TRUE(parsed.ok()) << BlendingName(blending);
    EXPECT_EQ(*parsed, blending);
  }
  EXPECT_STREQ(BlendingName(Blending::kTranslucentNoDepth), "translucent_no_depth");
}

TEST(BlendingNameTest, UnknownSuggests) {
  Result<Blending> parsed = ParseBlending("additiv");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().message(), "unknown blending 'additiv' (nearest: additive)");
}

TEST(InterpolationNameTest, RoundTrips) {
  for (Interpolation interpolation : {Interpolation::kNearest, Interpolation::kLinear, Interpolation::kCubic}) {
    Result<Interpolation> parsed = ParseInterpolation(InterpolationName(interpolation));
    ASSERT_TRUE(parsed.ok()) << InterpolationName(interpolation);
    EXPECT_EQ(*parsed, interpolation);
  }
}

TEST(InterpolationNameTest, NapariOnlyModesAreNotSupportedYet) {
  Result<Interpolation> parsed = ParseInterpolation("spline36");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "interpolation 'spline36' is not supported yet (valid: nearest, linear, cubic)");
}

TEST(InterpolationNameTest, UnknownSuggests) {
  Result<Interpolation> parsed = ParseInterpolation("linaer");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "unknown interpolation 'linaer' (nearest: linear)");
}

}  // namespace
}  // namespace stackshot
