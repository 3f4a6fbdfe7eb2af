// Blending and interpolation names as scenes spell them (layers/ parses them).
#include <gtest/gtest.h>

#include <string>
#include <vector>

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

TEST(InterpolationNameTest, EveryNapariNameRoundTrips) {
  // napari's interpolation2d names: vispy's GPU filters and its table kernels.
  const std::vector<std::string> napari = {"nearest",  "linear",  "cubic",   "catrom",  "spline16", "spline36",
                                           "gaussian", "bessel",  "mitchell", "hanning", "hamming",  "hermite",
                                           "kaiser",   "quadric", "sinc",    "lanczos", "blackman"};
  ASSERT_EQ(AllInterpolations().size(), napari.size());
  for (size_t i = 0; i < napari.size(); ++i) {
    Result<Interpolation> parsed = ParseInterpolation(napari[i]);
    ASSERT_TRUE(parsed.ok()) << napari[i] << ": " << parsed.status().message();
    EXPECT_EQ(*parsed, AllInterpolations()[i]);
    EXPECT_EQ(InterpolationName(*parsed), napari[i]);
  }
}

TEST(InterpolationNameTest, DeprecatedAliasesNameTheirReplacement) {
  Result<Interpolation> parsed = ParseInterpolation("bicubic");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "interpolation 'bicubic' is not supported (a deprecated alias: use 'cubic')");
}

TEST(InterpolationNameTest, CustomKernelIsNotSupported) {
  Result<Interpolation> parsed = ParseInterpolation("custom");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(),
            "interpolation 'custom' is not supported (valid: nearest, linear, cubic, catrom, spline16, spline36, "
            "gaussian, bessel, mitchell, hanning, hamming, hermite, kaiser, quadric, sinc, lanczos, blackman)");
}

TEST(InterpolationNameTest, UnknownSuggests) {
  Result<Interpolation> parsed = ParseInterpolation("linaer");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "unknown interpolation 'linaer' (nearest: linear)");
  parsed = ParseInterpolation("catmull");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  parsed = ParseInterpolation("spline63");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "unknown interpolation 'spline63' (nearest: spline16, spline36)");
}

}  // namespace
}  // namespace stackshot
