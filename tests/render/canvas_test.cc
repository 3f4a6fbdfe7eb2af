#include "render/canvas.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

TEST(CanvasTest, StartsAtBackground) {
  Canvas canvas(3, 2, {0.25f, 0.5f, 0.75f, 1.0f});
  EXPECT_EQ(canvas.width(), 3);
  EXPECT_EQ(canvas.height(), 2);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 3; ++x) {
      EXPECT_EQ(canvas.row(y)[x * 4 + 0], 0.25f);
      EXPECT_EQ(canvas.row(y)[x * 4 + 3], 1.0f);
    }
  }
  const RgbaImage image = canvas.ToRgba8(1);
  EXPECT_EQ(image.width, 3);
  EXPECT_EQ(image.height, 2);
  ASSERT_EQ(image.pixels.size(), 24u);
  EXPECT_EQ(image.pixels[0], 64);   // floor(63.75 + 0.5)
  EXPECT_EQ(image.pixels[1], 128);  // floor(127.5 + 0.5)
  EXPECT_EQ(image.pixels[2], 191);  // floor(191.25 + 0.5)
  EXPECT_EQ(image.pixels[3], 255);
  EXPECT_TRUE(image.IsOpaque());
}

TEST(CanvasTest, ToByteClampsAndRoundsToNearest) {
  EXPECT_EQ(ToByte(-0.5f), 0);
  EXPECT_EQ(ToByte(0.0f), 0);
  EXPECT_EQ(ToByte(1.0f), 255);
  EXPECT_EQ(ToByte(7.0f), 255);
  EXPECT_EQ(ToByte(std::numeric_limits<float>::quiet_NaN()), 0);
  EXPECT_EQ(ToByte(0.5f), 128);
  EXPECT_EQ(ToByte(1.0f / 255), 1);
  EXPECT_EQ(ToByte(0.4f / 255), 0);
  EXPECT_EQ(ToByte(0.6f / 255), 1);
  for (int b = 0; b <= 255; ++b) EXPECT_EQ(ToByte(static_cast<float>(b) / 255.0f), b);
}

TEST(CanvasTest, IsOpaqueLooksAtEveryAlpha) {
  Canvas canvas(4, 4, {0, 0, 0, 1});
  canvas.row(3)[3 * 4 + 3] = 0.99f;
  const RgbaImage image = canvas.ToRgba8(2);
  EXPECT_FALSE(image.IsOpaque());
  EXPECT_EQ(image.pixels[(3 * 4 + 3) * 4 + 3], 252);
}

TEST(CanvasTest, ThreadCountDoesNotChangeBytes) {
  Canvas canvas(37, 53, {0, 0, 0, 0});
  for (int y = 0; y < 53; ++y) {
    for (int i = 0; i < 37 * 4; ++i) canvas.row(y)[i] = static_cast<float>((y * 131 + i * 17) % 1000) / 999.0f;
  }
  EXPECT_EQ(canvas.ToRgba8(1).pixels, canvas.ToRgba8(2).pixels);
}

}  // namespace
}  // namespace stackshot
