// The keyframes written by `stackshot keyframes`: a sweep through a sliced axis and
// an orbit, and the refusals of those whose frames would all be the same picture.
#include "anim/keyframe_helpers.h"

#include <gtest/gtest.h>

namespace stackshot {
namespace {

Dims ZyxDims() {
  Dims dims(3);
  dims.SetRange({AxisRange{0, 9, 1}, AxisRange{0, 63, 1}, AxisRange{0, 63, 1}});
  EXPECT_TRUE(dims.SetPoint({4, 0, 0}).ok());
  return dims;
}

TEST(KeyframeHelpersTest, SweepCoversEveryPosition) {
  auto sweep = SweepKeyframes(ZyxDims(), 0, /*loop=*/true, 20);
  ASSERT_TRUE(sweep.ok());
  const nlohmann::json& keyframes = (*sweep)["keyframes"];
  ASSERT_EQ(keyframes.size(), 3u);
  EXPECT_EQ(keyframes[0]["state"]["dims"]["point"], nlohmann::json({0.0, 0.0, 0.0}));
  EXPECT_EQ(keyframes[1]["steps"], 9);
  EXPECT_EQ(keyframes[1]["state"]["dims"]["point"][0], 9.0);
  EXPECT_EQ(keyframes[2]["state"]["dims"]["point"][0], 0.0);
  EXPECT_EQ(SweepKeyframes(ZyxDims(), 3, false, 20).status().message(), "--axis 3: the scene has axes 0 to 2");
}

TEST(KeyframeHelpersTest, SweepOfADisplayedAxisIsRefused) {
  // Moving the point along a displayed axis changes no slice: every frame the same.
  EXPECT_EQ(SweepKeyframes(ZyxDims(), 2, false, 20).status().message(),
            "--axis 2: world axis 2 is displayed, so every frame would be the same picture; sweep a sliced axis (0)");
  // The displayed axes follow dims.order: with order (1, 0, 2) axis 0 is displayed
  // and axis 1 is the one to sweep.
  Dims reordered = ZyxDims();
  ASSERT_TRUE(reordered.SetOrder({1, 0, 2}).ok());
  EXPECT_EQ(SweepKeyframes(reordered, 0, false, 20).status().message(),
            "--axis 0: world axis 0 is displayed, so every frame would be the same picture; sweep a sliced axis (1)");
  EXPECT_TRUE(SweepKeyframes(reordered, 1, false, 20).ok());
  // A 2D scene has no sliced axis at all.
  Dims plane(2);
  plane.SetRange({AxisRange{0, 63, 1}, AxisRange{0, 63, 1}});
  EXPECT_EQ(SweepKeyframes(plane, 0, false, 20).status().message(),
            "--axis 0: world axis 0 is displayed, so every frame would be the same picture; the scene has no "
            "sliced axis");
}

TEST(KeyframeHelpersTest, OrbitWritesTurns) {
  auto orbit = OrbitKeyframes({0, 0, 90}, 2, 60, 30);
  ASSERT_TRUE(orbit.ok());
  EXPECT_EQ((*orbit)["keyframes"][1]["turns"], 2);
  EXPECT_EQ((*orbit)["keyframes"][1]["steps"], 59);
  EXPECT_EQ((*orbit)["fps"], 30.0);
  EXPECT_FALSE(OrbitKeyframes({0, 0, 90}, 0, 60, 30).ok());
}

TEST(KeyframeHelpersTest, OrbitOfA2DViewIsRefused) {
  // The camera's angles act only in 3D display; a 2D view looks the same at every angle.
  EXPECT_EQ(CheckOrbitAnimates(ZyxDims()).message(),
            "orbit: the scene is shown in 2D, where the camera's angles change nothing, so every frame would be the "
            "same picture; orbit needs 3D display (dims.ndisplay 3)");
  Dims volume = ZyxDims();
  ASSERT_TRUE(volume.SetNDisplay(3).ok());
  EXPECT_TRUE(CheckOrbitAnimates(volume).ok());
}

}  // namespace
}  // namespace stackshot
