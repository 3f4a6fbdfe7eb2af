// Layer transforms in an animation: Layer::SetTransform keeps the inverse and
// refuses what cannot be one, and a plan with a rotate keyframe moves the layer
// (the halfway frame is the 45° turn, undeformed) and the dims range with it.
#include "anim/apply_state.h"

#include <gtest/gtest.h>

#include <cmath>

#include "anim/frame_plan.h"
#include "io/source.h"
#include "layers/image/image_layer.h"

namespace stackshot {
namespace {

std::shared_ptr<ImageLayer> MakeImage(int planes) {
  Array volume = Array::Zeros(DType::kUInt16, {planes, 8, 12});
  auto layer = ImageLayer::Create("vol", MakeMemorySource(std::move(volume), "vol"), Affine::Identity(3));
  EXPECT_TRUE(layer.ok());
  return *layer;
}

TEST(ApplyStateTest, SetTransformKeepsTheInverseAndRefusesSingularOrOtherNdim) {
  auto layer = MakeImage(4);
  ASSERT_TRUE(layer->SetTransform(Affine::FromParts({2, 0, 0, 0, 4, 0, 0, 0, 1}, {0, 10, 0})).ok());
  EXPECT_EQ(layer->world_to_data().Apply(std::vector<double>{2, 14, 3}), (std::vector<double>{1, 1, 3}));
  EXPECT_EQ(layer->world_extent().max, (std::vector<double>{6, 38, 11}));
  const Status singular = layer->SetTransform(Affine::FromParts({1, 0, 0, 0, 0, 0, 0, 0, 1}, {0, 0, 0}));
  EXPECT_FALSE(singular.ok());
  const Status other = layer->SetTransform(Affine::Identity(2));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.message(), "layer 'vol': transform has 2 dims, the layer has 3");
  // A refused transform leaves the layer as it was.
  EXPECT_EQ(layer->data_to_world().linear(1, 1), 4);
  EXPECT_EQ(layer->world_to_data().linear(1, 1), 0.25);
}

TEST(ApplyStateTest, RotateKeyframeMovesTheLayerAndTheDimsRange) {
  MainLoop loop;
  ViewerModel viewer(loop);
  auto layer = MakeImage(4);
  viewer.AddLayer(layer);
  AnimationSpec animation;
  Keyframe first;
  Keyframe last;
  last.steps = 2;
  last.state.layers["vol"].rotate = TransformParameters{};
  last.state.layers["vol"].rotate->rotate_angle = 90;
  last.state.layers["vol"].scale = std::vector<double>{3, 1, 1};
  animation.keyframes = {first, last};
  animation.scene_transforms["vol"].rotate = TransformParameters{};
  animation.scene_transforms["vol"].rotate->rotate_angle = 0.0;
  auto plan = FramePlan::Make(CaptureState(viewer, 12, 8, {}), animation);
  ASSERT_TRUE(plan.ok()) << plan.status().message();

  auto middle = plan->StateAt(1);
  ASSERT_TRUE(middle.ok());
  ASSERT_TRUE(ApplyState(viewer, *middle).ok());
  const Affine& moved = layer->data_to_world();
  const double c = std::cos(std::acos(-1.0) / 4);
  EXPECT_NEAR(moved.linear(1, 1), c, 1e-15);
  EXPECT_NEAR(moved.linear(1, 2), -c, 1e-15);
  EXPECT_NEAR(moved.linear(2, 1), c, 1e-15);
  EXPECT_NEAR(moved.linear(2, 2), c, 1e-15);
  // The rotated plane is undeformed: orthonormal columns, determinant 1.
  EXPECT_NEAR(moved.linear(1, 1) * moved.linear(2, 2) - moved.linear(1, 2) * moved.linear(2, 1), 1.0, 1e-15);
  EXPECT_NEAR(moved.linear(0, 0), std::sqrt(3.0), 1e-12);  // scale 1 → 3 in log space
  // The dims range follows: axis 0 spans 0 to 3·√3 in steps of √3.
  EXPECT_NEAR(viewer.dims().range()[0].stop, 3 * std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(viewer.dims().range()[0].step, std::sqrt(3.0), 1e-12);

  auto end = plan->StateAt(2);
  ASSERT_TRUE(end.ok());
  ASSERT_TRUE(ApplyState(viewer, *end).ok());
  EXPECT_EQ(layer->data_to_world().linear(1, 2), -1.0);
  EXPECT_EQ(viewer.dims().range()[0].stop, 9.0);
  // Back to frame 0: the scene's transform again, exactly.
  auto start = plan->StateAt(0);
  ASSERT_TRUE(start.ok());
  ASSERT_TRUE(ApplyState(viewer, *start).ok());
  EXPECT_TRUE(layer->data_to_world().IsIdentity());
  EXPECT_EQ(viewer.dims().range()[0].stop, 3.0);
}

}  // namespace
}  // namespace stackshot
