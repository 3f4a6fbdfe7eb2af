#include "render/camera.h"

#include <memory>

#include <gtest/gtest.h>

#include "layers/image/image_slice.h"
#include "render/rasterizer.h"

namespace stackshot {
namespace {

// A value per data pixel that differs from every near neighbour's by a whole byte,
// so any shift of the image on screen changes the bytes.
float PatternValue(int r, int c) { return static_cast<float>((r * 7 + c * 13) % 256); }

std::shared_ptr<ImageSliceResponse> PatternPlane(int rows, int cols) {
  auto response = std::make_shared<ImageSliceResponse>();
  response->plane = Array::Zeros(DType::kFloat32, {rows, cols});
  float* data = response->plane.mutable_data<float>();
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) data[r * cols + c] = PatternValue(r, c);
  }
  response->plane_to_world = Affine::Identity(2);
  return response;
}

ImageDrawItem GrayItem(std::shared_ptr<ImageSliceResponse> response) {
  ImageDrawItem item;
  item.response = std::move(response);
  item.appearance.colormap.name = "gray";
  item.appearance.contrast_limits = {0.0, 255.0};
  return item;
}

TEST(CameraTest, ScreenToWorldUsesPixelCentres) {
  const Camera2D camera{31.5, 31.5, 1.0};
  EXPECT_EQ(ScreenToWorld(camera, 64, 64, 0, 0), (std::array<double, 2>{0.0, 0.0}));
  EXPECT_EQ(ScreenToWorld(camera, 64, 64, 63, 10), (std::array<double, 2>{10.0, 63.0}));
  const Camera2D zoomed{100.0, -20.0, 4.0};
  // y: 100 + (0.5 - 3) / 4; x: -20 + (7.5 - 4) / 4
  EXPECT_EQ(ScreenToWorld(zoomed, 8, 6, 7, 0), (std::array<double, 2>{99.375, -19.125}));
}

// The project's pixel-exact convention: a 64×64 image on a 64×64 canvas at zoom 1,
// centred on (31.5, 31.5), puts data pixel (r, c) on screen pixel (r, c).
TEST(CameraTest, PixelExactAtZoomOne) {
  FrameSpec frame;
  frame.width = 64;
  frame.height = 64;
  frame.camera = Camera2D{31.5, 31.5, 1.0};
  auto image = Rasterize(frame, {GrayItem(PatternPlane(64, 64))}, 1);
  ASSERT_TRUE(image.ok()) << image.status().message();
  for (int r = 0; r < 64; ++r) {
    for (int c = 0; c < 64; ++c) {
      const uint8_t* px = &image->pixels[(static_cast<size_t>(r) * 64 + c) * 4];
      const int expected = static_cast<int>(PatternValue(r, c));
      ASSERT_EQ(px[0], expected) << "screen pixel row " << r << " col " << c;
      ASSERT_EQ(px[1], expected);
      ASSERT_EQ(px[2], expected);
      ASSERT_EQ(px[3], 255);
    }
  }
}

TEST(CameraTest, ZoomTwoCoversTwoScreenPixelsPerDataPixel) {
  FrameSpec frame;
  frame.width = 64;
  frame.height = 64;
  frame.camera = Camera2D{15.5, 15.5, 2.0};
  auto image = Rasterize(frame, {GrayItem(PatternPlane(32, 32))}, 1);
  ASSERT_TRUE(image.ok()) << image.status().message();
  for (int row = 0; row < 64; ++row) {
    for (int col = 0; col < 64; ++col) {
      const uint8_t* px = &image->pixels[(static_cast<size_t>(row) * 64 + col) * 4];
      ASSERT_EQ(px[0], static_cast<int>(PatternValue(row / 2, col / 2))) << "row " << row << " col " << col;
    }
  }
}

TEST(CameraTest, FitCameraCentresAndLeavesFivePercent) {
  const Camera2D square = FitCamera({-0.5, -0.5}, {511.5, 511.5}, 1024, 1024);
  EXPECT_EQ(square.center_y, 255.5);
  EXPECT_EQ(square.center_x, 255.5);
  EXPECT_DOUBLE_EQ(square.zoom, 1.9);

  // The tighter axis decides: min(600 / 100, 800 / 200) = 4.
  const Camera2D wide = FitCamera({-0.5, -0.5}, {99.5, 199.5}, 800, 600);
  EXPECT_EQ(wide.center_y, 49.5);
  EXPECT_EQ(wide.center_x, 99.5);
  EXPECT_DOUBLE_EQ(wide.zoom, 0.95 * 4);
}

TEST(CameraTest, FitCameraDegenerateExtentsAsNapari) {
  // Every size 0: 0.95 × the smaller canvas side.
  const Camera2D point = FitCamera({3, 4}, {3, 4}, 800, 600);
  EXPECT_EQ(point.center_y, 3);
  EXPECT_EQ(point.center_x, 4);
  EXPECT_DOUBLE_EQ(point.zoom, 0.95 * 600);
  // One size 0: that axis counts as 1.
  const Camera2D line = FitCamera({5, -0.5}, {5, 199.5}, 800, 600);
  EXPECT_DOUBLE_EQ(line.zoom, 0.95 * 4);
}

}  // namespace
}  // namespace stackshot
