#include "anim/interpolation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "render/colormap.h"

namespace stackshot {
namespace {

TEST(InterpolationTest, NumbersLerp) {
  for (double f : {0.0, 0.5, 1.0}) EXPECT_EQ(LerpNumber(0, 100, f), f * 100);
}

TEST(InterpolationTest, IntegerStartTruncates) {
  EXPECT_EQ(LerpInteger(0, 100, 0.5), 50);
  EXPECT_EQ(LerpInteger(0, 10, 0.99), 9);
  EXPECT_EQ(LerpInteger(0, -10, 0.99), -9);
}

TEST(InterpolationTest, ZoomInLogSpace) {
  for (double f : {0.0, 0.5, 1.0}) EXPECT_DOUBLE_EQ(LerpLog(1, 10, f), std::pow(10.0, f));
  EXPECT_DOUBLE_EQ(LerpLog(1, 100, 0.5), 10);
}

TEST(InterpolationTest, AnglesSlerpOnShorterArc) {
  auto half = SlerpAngles({0, 0, 0}, {90, 0, 0}, 0.5);
  EXPECT_NEAR(half[0], 45, 1e-9);
  EXPECT_NEAR(half[1], 0, 1e-9);
  EXPECT_NEAR(half[2], 0, 1e-9);
  // 0° → 270° goes −90° (napari-animation's behaviour).
  auto short_way = SlerpAngles({0, 0, 0}, {270, 0, 0}, 0.5);
  EXPECT_NEAR(short_way[0], -45, 1e-9);
  auto tilt = SlerpAngles({0, 0, 0}, {0, 0, 60}, 0.25);
  EXPECT_NEAR(tilt[2], 15, 1e-9);
}

TEST(InterpolationTest, TurnsSpinFurther) {
  // One extra turn: 90° + 360° = 450°, so halfway is 225° ≡ −135°.
  auto spin = SlerpAngles({0, 0, 0}, {90, 0, 0}, 0.5, 1);
  EXPECT_NEAR(spin[0], -135, 1e-9);
  // −1: the longer arc, 0° → 270° the way users expect.
  auto long_way = SlerpAngles({0, 0, 0}, {270, 0, 0}, 0.5, -1);
  EXPECT_NEAR(long_way[0], 135, 1e-9);
  // Equal orientations: a full turn about world z.
  auto orbit = SlerpAngles({0, 0, 0}, {0, 0, 0}, 0.25, 1);
  EXPECT_NEAR(orbit[0], 90, 1e-9);
  auto still = SlerpAngles({10, 20, 30}, {10, 20, 30}, 0.5);
  EXPECT_EQ(still, (std::array<double, 3>{10, 20, 30}));
}

TEST(InterpolationTest, ColormapsCrossfade) {
  ColormapSpec gray;
  ColormapSpec red;
  red.name = "red";
  auto blend = BlendColormaps(gray, red, 0.5);
  ASSERT_TRUE(blend.ok()) << blend.status().message();
  auto map = ResolveColormap(*blend);
  ASSERT_TRUE(map.ok());
  const Rgba top = map->Map(1.0f);
  EXPECT_FLOAT_EQ(top[0], 1.0f);
  EXPECT_FLOAT_EQ(top[1], 0.5f);
  EXPECT_FLOAT_EQ(top[2], 0.5f);
  EXPECT_EQ(*BlendColormaps(gray, gray, 0.5), gray);
}

// napari-animation: a boolean takes b from the first in-between frame (f > 0);
// other discrete values (blending) switch at the midpoint.
TEST(InterpolationTest, DiscreteSwitchAtMidpointAndEndsExact) {
  ViewState a;
  ViewState b;
  a.layers["x"].visible = true;
  b.layers["x"].visible = false;
  a.layers["x"].opacity = 0.2;
  b.layers["x"].opacity = 1.0;
  a.camera.zoom = 1;
  b.camera.zoom = 3;
  a.layers["x"].blending = Blending::kTranslucent;
  b.layers["x"].blending = Blending::kAdditive;
  EXPECT_EQ(*InterpolateState(a, b, 0.0)->layers["x"].visible, true);
  EXPECT_EQ(*InterpolateState(a, b, 0.01)->layers["x"].visible, false);
  EXPECT_EQ(*InterpolateState(a, b, 0.49)->layers["x"].blending, Blending::kTranslucent);
  EXPECT_EQ(*InterpolateState(a, b, 0.5)->layers["x"].blending, Blending::kAdditive);
  EXPECT_DOUBLE_EQ(*InterpolateState(a, b, 0.5)->layers["x"].opacity, 0.6);
  EXPECT_EQ(*InterpolateState(a, b, 1.0)->camera.zoom, 3);
  EXPECT_EQ(*InterpolateState(a, b, 0.0)->camera.zoom, 1);
}

}  // namespace
}  // namespace stackshot
