#include "render/image_drawer.h"

#include <cmath>
#include <memory>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

#include "image_plane_fixture.h"
#include "layers/image/image_slice.h"

namespace stackshot {
namespace {

using testing::kBackground;
using testing::Plane;

ImageDrawItem Item(std::shared_ptr<ImageSliceResponse> response, Interpolation interpolation = Interpolation::kNearest) {
  ImageDrawItem item;
  item.response = std::move(response);
  item.appearance.colormap.name = "gray";
  item.appearance.contrast_limits = {0.0, 1.0};
  item.appearance.interpolation = interpolation;
  return item;
}

float Red(const Canvas& canvas, int col, int row) { return canvas.row(row)[col * 4]; }

void ExpectBackground(const Canvas& canvas, int col, int row) {
  for (int c = 0; c < 4; ++c) EXPECT_EQ(canvas.row(row)[col * 4 + c], kBackground[c]) << col << "," << row;
}

// A 4×4 canvas at zoom 2 centred on (0.5, 0.5) puts pixel centres at world
// -0.25, 0.25, 0.75 and 1.25 on both axes.
const Camera2D kZoom2{0.5, 0.5, 2.0};

TEST(ImageDrawerTest, NearestPicksTheCoveringPixel) {
  Canvas canvas(4, 4, kBackground);
  ASSERT_TRUE(DrawImage(canvas, kZoom2, Item(Plane(2, 2, {0.0f, 1.0f, 0.5f, 0.25f})), 1).ok());
  EXPECT_EQ(Red(canvas, 0, 0), 0.0f);
  EXPECT_EQ(Red(canvas, 1, 1), 0.0f);
  EXPECT_EQ(Red(canvas, 2, 1), 1.0f);
  EXPECT_EQ(Red(canvas, 1, 2), 0.5f);
  EXPECT_EQ(Red(canvas, 3, 3), 0.25f);
  EXPECT_EQ(canvas.row(3)[3 * 4 + 3], 1.0f);
}

TEST(ImageDrawerTest, LinearInterpolatesBetweenCentresAndClampsToEdge) {
  Canvas canvas(4, 4, kBackground);
  ASSERT_TRUE(DrawImage(canvas, kZoom2, Item(Plane(2, 2, {0.0f, 1.0f, 0.5f, 0.25f}), Interpolation::kLinear), 1).ok());
  // (-0.25, -0.25) clamps to pixel (0, 0).
  EXPECT_EQ(Red(canvas, 0, 0), 0.0f);
  // (-0.25, 0.25): row clamped to 0, a quarter of the way from 0 to 1.
  EXPECT_EQ(Red(canvas, 1, 0), 0.25f);
  EXPECT_EQ(Red(canvas, 2, 0), 0.75f);
  EXPECT_EQ(Red(canvas, 3, 0), 1.0f);
  // (0.25, 0.25): top 0.25, bottom 0.5 - 0.25 × 0.25 = 0.4375, then a quarter down.
  EXPECT_EQ(Red(canvas, 1, 1), 0.296875f);
  // (1.25, 1.25) clamps to pixel (1, 1).
  EXPECT_EQ(Red(canvas, 3, 3), 0.25f);
}

TEST(ImageDrawerTest, PixelEdgeBoxIsInclusiveAndOutsideIsUntouched) {
  // 4 columns at zoom 1 centred on x = 1: centres at -0.5, 0.5, 1.5, 2.5.
  Canvas canvas(4, 1, kBackground);
  const Camera2D camera{0.0, 1.0, 1.0};
  ASSERT_TRUE(DrawImage(canvas, camera, Item(Plane(1, 2, {0.25f, 0.75f})), 1).ok());
  EXPECT_EQ(Red(canvas, 0, 0), 0.25f);  // -0.5: on the left edge, pixel 0
  EXPECT_EQ(Red(canvas, 1, 0), 0.75f);  // 0.5 rounds up to pixel 1
  EXPECT_EQ(Red(canvas, 2, 0), 0.75f);  // 1.5: on the right edge, clamped to pixel 1
  ExpectBackground(canvas, 3, 0);       // 2.5: outside

  Canvas wide(8, 8, kBackground);
  ASSERT_TRUE(DrawImage(wide, Camera2D{0.5, 0.5, 1.0}, Item(Plane(2, 2, {1, 1, 1, 1})), 1).ok());
  for (int row = 0; row < 8; ++row) {
    for (int col = 0; col < 8; ++col) {
      if ((row == 3 || row == 4) && (col == 3 || col == 4)) {
        EXPECT_EQ(Red(wide, col, row), 1.0f);
      } else {
        ExpectBackground(wide, col, row);
      }
    }
  }
}

TEST(ImageDrawerTest, ContrastLimitsGammaAndOpacity) {
  Canvas canvas(3, 1, {0, 0, 0, 1});
  ImageDrawItem item = Item(Plane(1, 3, {50.0f, 150.0f, 250.0f}));
  item.appearance.contrast_limits = {100.0, 200.0};
  ASSERT_TRUE(DrawImage(canvas, Camera2D{0, 1, 1}, item, 1).ok());
  EXPECT_EQ(Red(canvas, 0, 0), 0.0f);
  EXPECT_EQ(Red(canvas, 1, 0), 0.5f);
  EXPECT_EQ(Red(canvas, 2, 0), 1.0f);

  item.appearance.gamma = 2.0;
  ASSERT_TRUE(DrawImage(canvas, Camera2D{0, 1, 1}, item, 1).ok());
  EXPECT_EQ(Red(canvas, 1, 0), 0.25f);
  item.appearance.gamma = 0.5;
  ASSERT_TRUE(DrawImage(canvas, Camera2D{0, 1, 1}, item, 1).ok());
  EXPECT_FLOAT_EQ(Red(canvas, 1, 0), static_cast<float>(std::sqrt(0.5)));

  Canvas faded(3, 1, {0, 0, 0, 1});
  item.appearance.gamma = 1.0;
  item.appearance.opacity = 0.5;
  ASSERT_TRUE(DrawImage(faded, Camera2D{0, 1, 1}, item, 1).ok());
  EXPECT_EQ(Red(faded, 2, 0), 0.5f);
  EXPECT_EQ(Red(faded, 1, 0), 0.25f);
}

TEST(ImageDrawerTest, EqualContrastLimitsAreAStep) {
  Canvas canvas(3, 1, {0, 0, 0, 1});
  ImageDrawItem item = Item(Plane(1, 3, {1.0f, 2.0f, 3.0f}));
  item.appearance.contrast_limits = {2.0, 2.0};
  ASSERT_TRUE(DrawImage(canvas, Camera2D{0, 1, 1}, item, 1).ok());
  EXPECT_EQ(Red(canvas, 0, 0), 0.0f);
  EXPECT_EQ(Red(canvas, 1, 0), 0.0f);
  EXPECT_EQ(Red(canvas, 2, 0), 1.0f);
}

TEST(ImageDrawerTest, ColormapAndBlendingApply) {
  Canvas canvas(2, 1, {0.5f, 0.5f, 0.5f, 1});
  ImageDrawItem item = Item(Plane(1, 2, {0.0f, 1.0f}));
  item.appearance.colormap.name = "red";
  item.appearance.blending = Blending::kAdditive;
  ASSERT_TRUE(DrawImage(canvas, Camera2D{0, 0.5, 1}, item, 1).ok());
  EXPECT_EQ(canvas.row(0)[0], 0.5f);
  EXPECT_EQ(canvas.row(0)[4], 1.0f);
  EXPECT_EQ(canvas.row(0)[5], 0.5f);
}

TEST(ImageDrawerTest, TransformedPlane) {
  // Plane pixels are 2 world units wide, shifted by (10, 20).
  auto response = Plane(2, 2, {0.0f, 0.25f, 0.5f, 0.75f});
  response->plane_to_world = Affine::FromParts({2, 0, 0, 2}, {10, 20});
  Canvas canvas(4, 4, kBackground);
  // World pixel centres 9.5, 10.5, 11.5, 12.5 and 19.5 … 22.5.
  ASSERT_TRUE(DrawImage(canvas, Camera2D{11, 21, 1}, Item(response), 1).ok());
  EXPECT_EQ(Red(canvas, 0, 0), 0.0f);
  EXPECT_EQ(Red(canvas, 2, 0), 0.25f);
  EXPECT_EQ(Red(canvas, 3, 3), 0.75f);
  EXPECT_EQ(Red(canvas, 1, 2), 0.5f);
}

// The drawer finds each row's inside columns as one interval; check it against the
// per-pixel test of the header's rule (centre inside [-0.5, n-0.5] on both axes),
// evaluated with the same arithmetic, for rotations that make the steps positive,
// negative and zero.
TEST(ImageDrawerTest, DrawnPixelsAreExactlyThoseInsideTheBox) {
  const int width = 61, height = 47, rows = 13, cols = 17;
  for (double degrees : {0.0, 90.0, 180.0, 37.0, -123.0}) {
    for (double zoom : {0.37, 1.0, 3.3}) {
      const double angle = degrees * std::numbers::pi / 180.0;
      const double cos_a = std::cos(angle), sin_a = std::sin(angle);
      auto response = Plane(rows, cols, std::vector<float>(rows * cols, 1.0f));
      response->plane_to_world = Affine::FromParts({1.3 * cos_a, -1.3 * sin_a, 1.3 * sin_a, 1.3 * cos_a}, {3.0, -2.0});
      const Camera2D camera{4.0, 5.0, zoom};
      Canvas canvas(width, height, {0, 0, 0, 1});
      ASSERT_TRUE(DrawImage(canvas, camera, Item(response), 1).ok());
      // The inverse as the drawer computes it.
      const double a = 1.3 * cos_a, b = -1.3 * sin_a, c = 1.3 * sin_a, d = 1.3 * cos_a;
      const double det = a * d - b * c;
      const double inv[2][2] = {{d / det, -b / det}, {-c / det, a / det}};
      const double inv_t[2] = {-(inv[0][0] * 3.0 + inv[0][1] * -2.0), -(inv[1][0] * 3.0 + inv[1][1] * -2.0)};
      int drawn = 0;
      for (int row = 0; row < height; ++row) {
        const auto world = ScreenToWorld(camera, width, height, 0, row);
        const double start_r = inv[0][0] * world[0] + inv[0][1] * world[1] + inv_t[0];
        const double start_c = inv[1][0] * world[0] + inv[1][1] * world[1] + inv_t[1];
        for (int col = 0; col < width; ++col) {
          const double r = start_r + col * (inv[0][1] / zoom);
          const double cc = start_c + col * (inv[1][1] / zoom);
          const bool inside = r >= -0.5 && r <= rows - 0.5 && cc >= -0.5 && cc <= cols - 0.5;
          ASSERT_EQ(Red(canvas, col, row) == 1.0f, inside)
              << "rotation " << degrees << " zoom " << zoom << " pixel " << col << "," << row;
          drawn += inside;
        }
      }
      EXPECT_GT(drawn, 0) << "rotation " << degrees << " zoom " << zoom;
    }
  }
}

TEST(ImageDrawerTest, EmptyResponsesDrawNothing) {
  Canvas canvas(2, 2, kBackground);
  auto empty = Plane(1, 1, {1.0f});
  empty->empty = true;
  EXPECT_TRUE(DrawImage(canvas, Camera2D{0, 0, 1}, Item(empty), 1).ok());
  EXPECT_TRUE(DrawImage(canvas, Camera2D{0, 0, 1}, Item(nullptr), 1).ok());
  auto no_plane = std::make_shared<ImageSliceResponse>();
  EXPECT_TRUE(DrawImage(canvas, Camera2D{0, 0, 1}, Item(no_plane), 1).ok());
  for (int row = 0; row < 2; ++row) {
    for (int col = 0; col < 2; ++col) ExpectBackground(canvas, col, row);
  }
}

TEST(ImageDrawerTest, Errors) {
  Canvas canvas(2, 2, kBackground);
  ImageDrawItem item = Item(Plane(1, 1, {1.0f}));
  item.appearance.colormap.name = "virdis";
  EXPECT_EQ(DrawImage(canvas, Camera2D{0, 0, 1}, item, 1).code(), StatusCode::kInvalidArgument);
  ImageDrawItem singular = Item(Plane(1, 1, {1.0f}));
  std::const_pointer_cast<ImageSliceResponse>(singular.response)->plane_to_world =
      Affine::FromParts({1, 2, 2, 4}, {0, 0});
  EXPECT_EQ(DrawImage(canvas, Camera2D{0, 0, 1}, singular, 1).message(), "image plane transform is singular");
  for (int row = 0; row < 2; ++row) {
    for (int col = 0; col < 2; ++col) ExpectBackground(canvas, col, row);
  }
}

}  // namespace
}  // namespace stackshot
