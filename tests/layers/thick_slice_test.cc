// Thick slices and projection modes: napari's own table (napari-semantics.md, from
// napari's test of _ImageSliceRequest with data[i] = i along axis 0), then the modes
// and bounds beyond it.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "layer_test_util.h"

namespace stackshot {
namespace {

using testing::DimsAt;
using testing::KeyOf;
using testing::SliceImage;

// napari's test data: 5×5×5 with data[i] = i along axis 0.
std::shared_ptr<ImageLayer> NapariCube(ProjectionMode mode, DType dtype = DType::kFloat64) {
  Array a = Array::Zeros(dtype, {5, 5, 5});
  VisitDType(dtype, [&](auto zero) {
    using T = decltype(zero);
    for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<T>()[i] = static_cast<T>(i / 25);
  });
  auto layer = ImageLayer::Create("cube", MakeMemorySource(a, "cube"), Affine::Identity(3));
  EXPECT_TRUE(layer.ok());
  (*layer)->set_projection_mode(mode);
  return *layer;
}

struct Row {
  double point;
  double left;
  double right;
  ProjectionMode mode;
  float expected;
};

class NapariThickSliceTableTest : public ::testing::TestWithParam<Row> {};

TEST_P(NapariThickSliceTableTest, MatchesNapari) {
  const Row& row = GetParam();
  for (DType dtype : {DType::kFloat64, DType::kUInt16, DType::kFloat32}) {
    auto response = SliceImage(*NapariCube(row.mode, dtype), DimsAt({row.point, 0, 0}, {row.left, 0, 0},
                                                                      {row.right, 0, 0}));
    ASSERT_TRUE(response);
    ASSERT_FALSE(response->empty);
    ASSERT_EQ(response->plane.shape(), (Shape{5, 5}));
    for (int64_t i = 0; i < 25; ++i) {
      ASSERT_EQ(response->plane.data<float>()[i], row.expected) << DTypeName(dtype) << " element " << i;
    }
  }
}

// | point | margins (l/r) | mode | result |
INSTANTIATE_TEST_SUITE_P(Table, NapariThickSliceTableTest,
                         ::testing::Values(Row{0, 0, 0, ProjectionMode::kNone, 0},
                                           Row{0.5, 0, 0, ProjectionMode::kNone, 0},
                                           Row{0, 1, 1, ProjectionMode::kNone, 0},
                                           Row{0, 1, 1, ProjectionMode::kMean, 0.5f},
                                           Row{1, 1, 1, ProjectionMode::kMean, 1},
                                           Row{2.3, 0, 1.7, ProjectionMode::kMean, 3},
                                           Row{2.3, 0, 1.6, ProjectionMode::kMean, 2.5f},
                                           Row{2.3, 0, 1.6, ProjectionMode::kMax, 3}));

TEST(ThickSliceTest, SumAndMinOverTheSameBounds) {
  // data[2:5] → sum 2 + 3 + 4, min 2.
  auto sum = SliceImage(*NapariCube(ProjectionMode::kSum, DType::kUInt8), DimsAt({2.3, 0, 0}, {0, 0, 0}, {1.7, 0, 0}));
  EXPECT_EQ(sum->plane.data<float>()[0], 9);
  auto min = SliceImage(*NapariCube(ProjectionMode::kMin, DType::kInt16), DimsAt({2.3, 0, 0}, {0, 0, 0}, {1.7, 0, 0}));
  EXPECT_EQ(min->plane.data<float>()[0], 2);
}

TEST(ThickSliceTest, BoundsClipToTheData) {
  // p = 4, margins 3/3: low = 1, high = round(7) + 1 clipped to 5 → mean of 1..4.
  auto r = SliceImage(*NapariCube(ProjectionMode::kMean), DimsAt({4, 0, 0}, {3, 0, 0}, {3, 0, 0}));
  EXPECT_EQ(r->plane.data<float>()[0], 2.5f);
  // Entirely before the data: high = round(-6 + 1) < 0 → empty (napari's bounds check).
  EXPECT_TRUE(SliceImage(*NapariCube(ProjectionMode::kMax), DimsAt({-6, 0, 0}, {0, 0, 0}, {1, 0, 0}))->empty);
  // The point itself outside, the margin reaching in: not empty.
  auto reach = SliceImage(*NapariCube(ProjectionMode::kMax), DimsAt({-1, 0, 0}, {0, 0, 0}, {1.2, 0, 0}));
  ASSERT_FALSE(reach->empty);
  EXPECT_EQ(reach->plane.data<float>()[0], 0);
  // Projection none keeps napari's plain rule: index 5 is out of bounds.
  EXPECT_TRUE(SliceImage(*NapariCube(ProjectionMode::kNone), DimsAt({5, 0, 0}, {3, 0, 0}, {0, 0, 0}))->empty);
}

TEST(ThickSliceTest, MarginsAreWorldUnitsScaledIntoData) {
  // Scale 2 on axis 0: world margin 2 is 1 data step. Point world 4 → data 2.
  TransformParameters params;
  params.scale = {2, 1, 1};
  params.translate = {0, 0, 0};
  Array a = Array::Zeros(DType::kFloat32, {5, 2, 2});
  for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<float>()[i] = static_cast<float>(i / 4);
  auto layer = ImageLayer::Create("scaled", MakeMemorySource(a, "scaled"), *BuildLayerTransform(3, params));
  ASSERT_TRUE(layer.ok());
  (*layer)->set_projection_mode(ProjectionMode::kSum);
  // data slice: p = 2, margins 1/1 → low 1, high round(3) = 3 → +1 → data[1:4] → 1 + 2 + 3.
  auto r = SliceImage(**layer, DimsAt({4, 0, 0}, {2, 0, 0}, {2, 0, 0}));
  EXPECT_EQ(r->plane.data<float>()[0], 6);
  // A translation moves the point, never the margins (napari subtracts it again).
  params.translate = {10, 0, 0};
  auto moved = ImageLayer::Create("moved", MakeMemorySource(a, "moved"), *BuildLayerTransform(3, params));
  (*moved)->set_projection_mode(ProjectionMode::kSum);
  auto r2 = SliceImage(**moved, DimsAt({14, 0, 0}, {2, 0, 0}, {2, 0, 0}));
  EXPECT_EQ(r2->plane.data<float>()[0], 6);
}

TEST(ThickSliceTest, SeveralSlicedAxesProjectTogether) {
  // 4D t, z, y, x: data = 10 t + z; sliced t in [0, 2), z in [1, 3).
  Array a = Array::Zeros(DType::kUInt16, {3, 4, 2, 2});
  for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<uint16_t>()[i] = static_cast<uint16_t>(10 * (i / 16) + (i / 4) % 4);
  auto layer = ImageLayer::Create("4d", MakeMemorySource(a, "4d"), Affine::Identity(4));
  (*layer)->set_projection_mode(ProjectionMode::kMax);
  auto r = SliceImage(**layer, DimsAt({0.4, 1.6, 0, 0}, {0, 0, 0, 0}, {1, 1, 0, 0}));
  // t: low round(0.4) = 0, high round(1.4) = 1, not close to 1.4 → t 0; z: [2:3] → max 2.
  EXPECT_EQ(r->plane.data<float>()[0], 2);
  (*layer)->set_projection_mode(ProjectionMode::kSum);
  auto s = SliceImage(**layer, DimsAt({0.5, 1.5, 0, 0}, {0.5, 0.5, 0, 0}, {0.5, 0.5, 0, 0}));
  // t: low 0, high round(1) = 1 → close → 2: t 0, 1; z: low 1, high 2 → 3: z 1, 2.
  // Sum over (t, z) of 10 t + z: (1 + 2) + (11 + 12).
  EXPECT_EQ(s->plane.data<float>()[0], 26);
}

TEST(ThickSliceTest, SlicedAxisBetweenDisplayedAxesIsGathered) {
  // order (1, 0, 2): displayed z (rows) and x (cols), y sliced with margins.
  Array a = Array::Zeros(DType::kInt32, {2, 3, 2});
  for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<int32_t>()[i] = static_cast<int32_t>(i);
  auto layer = ImageLayer::Create("mid", MakeMemorySource(a, "mid"), Affine::Identity(3));
  (*layer)->set_projection_mode(ProjectionMode::kSum);
  auto r = SliceImage(**layer, DimsAt({0, 1, 0}, {0, 1, 0}, {0, 1, 0}, {1, 0, 2}));
  ASSERT_EQ(r->plane.shape(), (Shape{2, 2}));
  // (z, x) sums over y = 0, 1, 2 of z*6 + y*2 + x.
  EXPECT_EQ(r->plane.data<float>()[0], 0 + 2 + 4);
  EXPECT_EQ(r->plane.data<float>()[3], (6 + 1) + (8 + 1) + (10 + 1));
}

TEST(ThickSliceTest, CacheKeyHoldsModeAndBounds) {
  auto layer = NapariCube(ProjectionMode::kMean);
  const Dims thin = DimsAt({2, 0, 0});
  const Dims thick = DimsAt({2, 0, 0}, {1, 0, 0}, {1, 0, 0});
  const std::string mean_key = KeyOf(*layer, thick);
  EXPECT_NE(KeyOf(*layer, thin), mean_key);
  layer->set_projection_mode(ProjectionMode::kMax);
  EXPECT_NE(KeyOf(*layer, thick), mean_key);
  // Margins inside the same rounded bounds give the same key.
  EXPECT_EQ(KeyOf(*layer, DimsAt({2, 0, 0}, {1, 0, 0}, {1.1, 0, 0})),
            KeyOf(*layer, DimsAt({2, 0, 0}, {1, 0, 0}, {1.2, 0, 0})));
}

}  // namespace
}  // namespace stackshot
