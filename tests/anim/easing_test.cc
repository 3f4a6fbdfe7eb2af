#include "anim/easing.h"

#include <gtest/gtest.h>

#include <cmath>

namespace stackshot {
namespace {

TEST(EasingTest, ValuesAtQuarterMatchNapariAnimation) {
  EXPECT_DOUBLE_EQ(ApplyEase(Ease::kLinear, 0.25), 0.25);
  EXPECT_DOUBLE_EQ(ApplyEase(Ease::kQuadratic, 0.25), 0.125);
  EXPECT_DOUBLE_EQ(ApplyEase(Ease::kCubic, 0.25), 0.0625);
  EXPECT_NEAR(ApplyEase(Ease::kSine, 0.25), 0.146447, 1e-6);
  EXPECT_DOUBLE_EQ(ApplyEase(Ease::kExponential, 0.25), 0.015625);
  EXPECT_NEAR(ApplyEase(Ease::kBounce, 0.25), 0.140625, 1e-12);
  EXPECT_DOUBLE_EQ(ApplyEase(Ease::kQuintic, 0.25), 16 * std::pow(0.25, 5));
}

TEST(EasingTest, EveryEaseMapsEndsExactly) {
  for (const std::string& name : EaseNames()) {
    const Ease ease = *ParseEase(name);
    EXPECT_EQ(ApplyEase(ease, 0.0), 0.0) << name;
    EXPECT_EQ(ApplyEase(ease, 1.0), 1.0) << name;
    EXPECT_NEAR(ApplyEase(ease, 0.5), 0.5, 1e-12) << name;
  }
}

TEST(EasingTest, ElasticIsContinuousAtHalf) {
  // napari-animation's 13·2π makes the curve jump from ~0 to 0.5 here.
  EXPECT_NEAR(ApplyEase(Ease::kElastic, 0.5 - 1e-9), 0.5, 1e-6);
  EXPECT_NEAR(ApplyEase(Ease::kElastic, 0.5 + 1e-9), 0.5, 1e-6);
}

TEST(EasingTest, SineInOutIsAQuarterCycle) {
  EXPECT_DOUBLE_EQ(SineEaseIn(0), 0);
  EXPECT_DOUBLE_EQ(SineEaseIn(1), 1);
  EXPECT_NEAR(SineEaseIn(0.5), 1 - std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(SineEaseOut(0.5), std::sqrt(0.5), 1e-12);
  EXPECT_DOUBLE_EQ(SineEaseOut(1), 1);
}

TEST(EasingTest, UnknownNameSuggestsNearest) {
  auto ease = ParseEase("cubc");
  ASSERT_FALSE(ease.ok());
  EXPECT_EQ(ease.status().message(), "unknown ease 'cubc' (nearest: cubic)");
}

}  // namespace
}  // namespace stackshot
