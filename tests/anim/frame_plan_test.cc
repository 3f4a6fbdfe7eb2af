#include "anim/frame_plan.h"

#include <gtest/gtest.h>

#include <cmath>

namespace stackshot {
namespace {

ViewState Base() {
  ViewState base;
  base.dims.ndisplay = 2;
  base.dims.order = std::vector<int>{0, 1, 2};
  base.dims.point = std::vector<double>{0, 0, 0};
  base.camera.center = std::array<double, 2>{10, 10};
  base.camera.zoom = 1;
  base.camera.angles = std::array<double, 3>{0, 0, 90};
  base.layers["nuclei"].opacity = 1.0;
  return base;
}

Keyframe At(double z, int steps = kDefaultSteps, Ease ease = Ease::kLinear) {
  Keyframe keyframe;
  keyframe.state.dims.point = std::vector<double>{z, 0, 0};
  keyframe.steps = steps;
  keyframe.ease = ease;
  return keyframe;
}

TEST(FramePlanTest, TwoDefaultKeyframesGiveSixteenFrames) {
  AnimationSpec animation;
  animation.keyframes = {At(0), At(30)};
  auto plan = FramePlan::Make(Base(), animation);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->frame_count(), 16);
  EXPECT_EQ((*plan->StateAt(0)).dims.point, (std::vector<double>{0, 0, 0}));
  EXPECT_EQ((*plan->StateAt(15)).dims.point, (std::vector<double>{30, 0, 0}));
  EXPECT_EQ((*plan->StateAt(1)).dims.point, (std::vector<double>{2, 0, 0}));
  EXPECT_FALSE(plan->StateAt(16).ok());
}

TEST(FramePlanTest, EndStateReachedExactly) {
  AnimationSpec animation;
  Keyframe last = At(59, 30, Ease::kCubic);
  last.state.camera.zoom = 3;
  last.state.layers["nuclei"].opacity = 0.3;
  animation.keyframes = {At(0), last};
  auto plan = FramePlan::Make(Base(), animation);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->frame_count(), 31);
  ViewState end = *plan->StateAt(30);
  EXPECT_EQ(*end.camera.zoom, 3);
  EXPECT_EQ(*end.layers["nuclei"].opacity, 0.3);
  EXPECT_EQ((*end.dims.point)[0], 59);
  // Unchanged fields come from the scene.
  EXPECT_EQ(*end.camera.center, (std::array<double, 2>{10, 10}));
}

TEST(FramePlanTest, EaseFunctionExampleHas151Frames) {
  // napari-animation's examples/ease_function.py: steps 0, 60, 30 (quadratic), 60.
  AnimationSpec animation;
  Keyframe zoom_in = At(0, 30, Ease::kQuadratic);
  zoom_in.state.camera.zoom = 1.5;
  animation.keyframes = {At(0, 0), At(0, 60), zoom_in, At(0, 60)};
  auto plan = FramePlan::Make(Base(), animation);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->frame_count(), 151);
  // Frame 60 + 15 is halfway through the quadratic zoom: eased 0.5, zoom √1.5.
  auto position = plan->Locate(75);
  EXPECT_EQ(position.from, 1u);
  EXPECT_EQ(position.to, 2u);
  EXPECT_DOUBLE_EQ(position.fraction, 0.5);
  EXPECT_NEAR(*plan->StateAt(75)->camera.zoom, std::sqrt(1.5), 1e-12);
  // A quarter of the way: eased 0.125.
  EXPECT_DOUBLE_EQ(plan->Locate(60 + 7).eased, ApplyEase(Ease::kQuadratic, 7.0 / 30));
  EXPECT_EQ(*plan->StateAt(90)->camera.zoom, 1.5);
  EXPECT_EQ(*plan->StateAt(150)->camera.zoom, 1.5);
}

TEST(FramePlanTest, ZeroStepsIsACut) {
  AnimationSpec animation;
  animation.keyframes = {At(0, 0), At(10, 10), At(20, 0), At(30, 5)};
  auto plan = FramePlan::Make(Base(), animation);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->frame_count(), 16);
  EXPECT_EQ((*plan->StateAt(9)->dims.point)[0], 9);
  EXPECT_EQ((*plan->StateAt(10)->dims.point)[0], 20);  // cut from 10 to 20
  EXPECT_EQ((*plan->StateAt(11)->dims.point)[0], 22);
  EXPECT_EQ((*plan->StateAt(15)->dims.point)[0], 30);
}

TEST(FramePlanTest, NdisplaySwitchesAtMidpoint) {
  AnimationSpec animation;
  Keyframe three_d = At(0, 10);
  three_d.state.dims.ndisplay = 3;
  animation.keyframes = {At(0), three_d};
  auto plan = FramePlan::Make(Base(), animation);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(*plan->StateAt(4)->dims.ndisplay, 2);
  EXPECT_EQ(*plan->StateAt(5)->dims.ndisplay, 3);
  EXPECT_EQ(*plan->StateAt(10)->dims.ndisplay, 3);
}

TEST(FramePlanTest, WrongPointLengthFails) {
  AnimationSpec animation;
  Keyframe bad;
  bad.state.dims.point = std::vector<double>{1, 2};
  animation.keyframes = {At(0), bad};
  auto plan = FramePlan::Make(Base(), animation);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().message(), "keyframe 1: dims.point has 2 values, the scene has 3 axes");
}

TEST(FramePlanTest, LateFramesLocateLikeEarlyOnes) {
  AnimationSpec animation;
  for (int k = 0; k < 200; ++k) animation.keyframes.push_back(At(k % 2 ? 10 : 0, 10));
  auto plan = FramePlan::Make(Base(), animation);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->frame_count(), 1991);
  EXPECT_EQ(plan->Locate(1000).to, 101u);
  EXPECT_EQ((*plan->StateAt(1003)->dims.point)[0], 3);  // 0 → 10 into keyframe 101
}

}  // namespace
}  // namespace stackshot
