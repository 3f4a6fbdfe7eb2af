// RGB(A) planes and cubic interpolation in the image drawer.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <vector>

#include "layers/image/image_slice.h"
#include "render/image_drawer.h"

namespace stackshot {
namespace {

constexpr Rgba kBackground = {0.1f, 0.2f, 0.3f, 1.0f};

std::shared_ptr<ImageSliceResponse> RgbPlane(int rows, int cols, int channels, const std::vector<float>& values) {
  auto response = std::make_shared<ImageSliceResponse>();
  response->plane = Array::Zeros(DType::kFloat32, {rows, cols, channels});
  std::copy(values.begin(), values.end(), response->plane.mutable_data<float>());
  response->plane_to_world = Affine::Identity(2);
  return response;
}

Rgba At(const Canvas& canvas, int col, int row) {
  const float* p = canvas.row(row) + col * 4;
  return {p[0], p[1], p[2], p[3]};
}

TEST(ImageDrawerRgbTest, ContrastLimitsApplyPerChannelAndTheColormapIsIgnored) {
  Canvas canvas(2, 1, kBackground);
  ImageDrawItem item;
  item.response = RgbPlane(1, 2, 3, {0, 127.5f, 255, 300, -5, 51});
  item.appearance.colormap.name = "magma";
  item.appearance.contrast_limits = {0, 255};
  ASSERT_TRUE(DrawImage(canvas, Camera2D{0, 0.5, 1}, item, 1).ok());
  EXPECT_EQ(At(canvas, 0, 0), (Rgba{0.0f, 0.5f, 1.0f, 1.0f}));
  EXPECT_EQ(At(canvas, 1, 0), (Rgba{1.0f, 0.0f, 0.2f, 1.0f}));

  item.appearance.gamma = 2;
  ASSERT_TRUE(DrawImage(canvas, Camera2D{0, 0.5, 1}, item, 1).ok());
  EXPECT_EQ(At(canvas, 0, 0)[1], 0.25f);
}

TEST(ImageDrawerRgbTest, AlphaComesFromTheFourthChannelScaled) {
  Canvas canvas(1, 1, {0, 0, 0, 1});
  ImageDrawItem item;
  auto response = RgbPlane(1, 1, 4, {255, 255, 255, 51});
  response->alpha_max = 255.0f;  // uint8 data
  item.response = response;
  item.appearance.contrast_limits = {0, 255};
  item.appearance.opacity = 0.5;
  ASSERT_TRUE(DrawImage(canvas, Camera2D{0, 0, 1}, item, 1).ok());
  const float a = (51.0f / 255.0f) * 0.5f;  // as the drawer computes it
  EXPECT_EQ(At(canvas, 0, 0)[0], 1.0f * a + 0.0f * (1.0f - a));
}

TEST(ImageDrawerCubicTest, RgbChannelsFilterLikeAScalarPlane) {
  // Each colour channel goes through the same kernel as a one-channel plane would:
  // a 1×4 ramp in red, its reverse in green, a constant in blue.
  const float ramp[4] = {0, 1, 2, 3};
  std::vector<float> rgb;
  for (int i = 0; i < 4; ++i) rgb.insert(rgb.end(), {ramp[i], ramp[3 - i], 1.5f});
  for (Interpolation interpolation : {Interpolation::kCubic, Interpolation::kCatrom, Interpolation::kLanczos}) {
    ImageDrawItem item;
    item.response = RgbPlane(1, 4, 3, rgb);
    item.appearance.contrast_limits = {0, 3};
    item.appearance.interpolation = interpolation;
    Canvas canvas(8, 1, kBackground);
    ASSERT_TRUE(DrawImage(canvas, Camera2D{0, 1.5, 2}, item, 1).ok());
    for (int channel = 0; channel < 3; ++channel) {
      auto scalar = std::make_shared<ImageSliceResponse>();
      scalar->plane = Array::Zeros(DType::kFloat32, {1, 4});
      for (int i = 0; i < 4; ++i) scalar->plane.mutable_data<float>()[i] = rgb[i * 3 + channel];
      scalar->plane_to_world = Affine::Identity(2);
      ImageDrawItem gray = item;
      gray.response = scalar;
      gray.appearance.colormap.name = "gray";
      Canvas expected(8, 1, kBackground);
      ASSERT_TRUE(DrawImage(expected, Camera2D{0, 1.5, 2}, gray, 1).ok());
      for (int col = 0; col < 8; ++col) {
        EXPECT_EQ(At(canvas, col, 0)[channel], At(expected, col, 0)[0]) << InterpolationName(interpolation) << " " << col;
      }
    }
  }
}

TEST(ImageDrawerCubicTest, OvershootIsClampedByTheContrastLimits) {
  auto plane = std::make_shared<ImageSliceResponse>();
  plane->plane = Array::Zeros(DType::kFloat32, {1, 4});
  const float step[4] = {0, 0, 1, 1};
  std::copy(step, step + 4, plane->plane.mutable_data<float>());
  plane->plane_to_world = Affine::Identity(2);
  ImageDrawItem item;
  item.response = plane;
  item.appearance.contrast_limits = {0, 1};
  item.appearance.interpolation = Interpolation::kCatrom;
  Canvas canvas(16, 1, kBackground);
  ASSERT_TRUE(DrawImage(canvas, Camera2D{0, 1.5, 4}, item, 1).ok());
  for (int col = 0; col < 16; ++col) {
    EXPECT_GE(At(canvas, col, 0)[0], 0.0f);
    EXPECT_LE(At(canvas, col, 0)[0], 1.0f);
  }
}

}  // namespace
}  // namespace stackshot
