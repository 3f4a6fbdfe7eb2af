// Layer transforms in an animation: Layer::SetTransform keeps the inverse and
// refuses what cannot be one, and a plan with a rotate keyframe moves the layer
// (the halfway frame is the 45° turn, undeformed) and the dims range with it.
#include "anim/apply_state.h"

#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "anim/frame_plan.h"
#include "io/source.h"
#include "layers/image/image_layer.h"
#include "layers/points/points_layer.h"
#include "layers/shapes/shapes_layer.h"
#include "layers/vectors/vectors_layer.h"
#include "scene/build_viewer.h"

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
  animation.scene_fields["vol"].rotate = TransformParameters{};
  animation.scene_fields["vol"].rotate->rotate_angle = 0.0;
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

// Halfway between two keyframes (linear, f = 0.5) a points layer's size lerps from
// the scene's 6 to 12 → 9 and its face colour blends white → blue → (0.5, 0.5, 1, 1);
// shapes' edge_width 1 → 3 → 2; vectors' length 1 → 3 → 2 and edge colour yellow →
// cyan → (0.5, 1, 0.5, 1). Hidden → shown switches at the first in-between frame.
TEST(ApplyStateTest, PointsShapesAndVectorsTakeTheirHalfwayValues) {
  const nlohmann::json document = nlohmann::json::parse(R"({"version": 1, "layers": [
    {"type": "points", "name": "spots", "data": [[0, 1, 1]], "size": 6, "visible": false},
    {"type": "shapes", "name": "rois", "data": [[[0, 0], [4, 4]]]},
    {"type": "vectors", "name": "flow", "data": [[[0, 0, 0], [0, 1, 1]]], "edge_color": "yellow"}],
    "animation": {"keyframes": [{}, {"steps": 2, "state": {"layers": {
      "spots": {"size": 12, "face_color": "blue", "visible": true},
      "rois": {"edge_width": 3}, "flow": {"length": 3, "edge_color": [0, 1, 1, 1]}}}}]}})");
  auto spec = ParseScene(document, "scene.json", "/tmp");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  auto animation = ParseAnimation(JsonReader(document, "scene.json").Child("animation"), SceneLayerNames(*spec));
  ASSERT_TRUE(animation.ok()) << animation.status().message();
  MainLoop loop;
  auto built = BuildViewer(*spec, loop);
  ASSERT_TRUE(built.ok()) << built.status().message();
  ViewerModel& viewer = *built->viewer;
  auto plan = FramePlan::Make(CaptureState(viewer, 20, 20, {}), *animation);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  auto middle = plan->StateAt(1);
  ASSERT_TRUE(middle.ok());
  ASSERT_TRUE(ApplyState(viewer, *middle).ok());
  const auto& layers = viewer.layers();
  const auto& points = dynamic_cast<const PointsLayer&>(*layers[0]);
  const auto& shapes = dynamic_cast<const ShapesLayer&>(*layers[1]);
  const auto& vectors = dynamic_cast<const VectorsLayer&>(*layers[2]);
  EXPECT_TRUE(points.visible());
  EXPECT_EQ(points.style().face_color.color, (Rgba{0.5f, 0.5f, 1, 1}));
  EXPECT_EQ(points.pixel_edge_extent().max[1], 1 + 9 / 2.0);  // size 9: half of it past the point
  EXPECT_EQ(shapes.style().edge_width, std::vector<double>{2});
  EXPECT_EQ(vectors.style().length, 2);
  EXPECT_EQ(vectors.style().edge_color, std::vector<Rgba>{(Rgba{0.5f, 1, 0.5f, 1})});
  // Frame 0 again: the scene's values exactly.
  ASSERT_TRUE(ApplyState(viewer, *plan->StateAt(0)).ok());
  EXPECT_FALSE(points.visible());
  EXPECT_EQ(points.pixel_edge_extent().max[1], 1 + 6 / 2.0);
  EXPECT_EQ(points.style().face_color.color, (Rgba{1, 1, 1, 1}));
  EXPECT_EQ(vectors.style().length, 1);
}

}  // namespace
}  // namespace stackshot
