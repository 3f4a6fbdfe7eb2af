#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace stackshot {
namespace {

using testing::DimsAt;
using testing::SliceImage;

Array Rgb(int64_t rows, int64_t cols, int64_t channels) {
  Array a = Array::Zeros(DType::kUInt8, {rows, cols, channels});
  for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<uint8_t>()[i] = static_cast<uint8_t>(i % 251);
  return a;
}

TEST(RgbTest, NapariGuessNeedsThreeOrFourChannelsAndLargeSides) {
  EXPECT_TRUE(GuessRgb({31, 31, 3}));
  EXPECT_TRUE(GuessRgb({5, 40, 40, 4}));
  EXPECT_FALSE(GuessRgb({30, 31, 3}));  // sides must exceed 30
  EXPECT_FALSE(GuessRgb({40, 40, 5}));
  EXPECT_FALSE(GuessRgb({40, 3}));
}

TEST(RgbTest, TheColourAxisIsNotADim) {
  auto layer = ImageLayer::Create("rgb", {MakeMemorySource(Rgb(4, 6, 3), "rgb")}, Affine::Identity(2), true);
  ASSERT_TRUE(layer.ok()) << layer.status().message();
  EXPECT_EQ((*layer)->ndim(), 2);
  EXPECT_EQ((*layer)->world_extent().max, (std::vector<double>{3, 5}));
  auto r = SliceImage(**layer, DimsAt({0, 0}));
  ASSERT_EQ(r->plane.shape(), (Shape{4, 6, 3}));
  EXPECT_TRUE(r->rgb());
  EXPECT_EQ(r->plane.data<float>()[(2 * 6 + 5) * 3 + 1], static_cast<float>((2 * 6 + 5) * 3 + 1));
}

TEST(RgbTest, StacksOfRgbSliceAndTranspose) {
  // (z, y, x, c) with order (0, 2, 1): rows x, cols y, colour kept last.
  Array a = Array::Zeros(DType::kUInt8, {2, 3, 4, 4});
  for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<uint8_t>()[i] = static_cast<uint8_t>(i);
  auto layer = ImageLayer::Create("rgba", {MakeMemorySource(a, "rgba")}, Affine::Identity(3), true);
  ASSERT_TRUE(layer.ok());
  auto r = SliceImage(**layer, DimsAt({1, 0, 0}, {}, {}, {0, 2, 1}));
  ASSERT_EQ(r->plane.shape(), (Shape{4, 3, 4}));
  // plane (row x=3, col y=2, channel 1) = data (1, 2, 3, 1).
  EXPECT_EQ(r->plane.data<float>()[(3 * 3 + 2) * 4 + 1], static_cast<float>(((1 * 3 + 2) * 4 + 3) * 4 + 1));
  EXPECT_EQ(r->alpha_max, 255.0f);
}

TEST(RgbTest, ProjectionKeepsTheColours) {
  Array a = Array::Zeros(DType::kUInt8, {3, 2, 2, 3});
  for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<uint8_t>()[i] = static_cast<uint8_t>(i / 12 * 10 + i % 3);
  auto layer = ImageLayer::Create("rgb", {MakeMemorySource(a, "rgb")}, Affine::Identity(3), true);
  (*layer)->set_projection_mode(ProjectionMode::kMax);
  auto r = SliceImage(**layer, DimsAt({1, 0, 0}, {1, 0, 0}, {1, 0, 0}));
  ASSERT_EQ(r->plane.shape(), (Shape{2, 2, 3}));
  EXPECT_EQ(r->plane.data<float>()[2], 22.0f);  // plane 2, channel 2
}

TEST(RgbTest, FiveChannelsAreAnError) {
  auto layer = ImageLayer::Create("five", {MakeMemorySource(Rgb(40, 40, 5), "five.tif")}, Affine::Identity(2), true);
  ASSERT_FALSE(layer.ok());
  EXPECT_EQ(layer.status().message(),
            "five.tif: rgb needs a last axis of 3 or 4 channels, this data has 5 (shape 40×40×5)");
}

TEST(RgbTest, Uint8LimitsAreTheTypeRange) {
  auto limits = EstimateContrastLimits(*MakeMemorySource(Rgb(4, 4, 3), "rgb"), true);
  ASSERT_TRUE(limits.ok());
  EXPECT_EQ(*limits, (std::array<double, 2>{0, 255}));
}

}  // namespace
}  // namespace stackshot
