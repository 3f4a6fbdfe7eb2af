#include "nd/dims.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

using Vec = std::vector<double>;

Affine ScaleTranslate(const Vec& scale, const Vec& translate) {
  TransformParameters p;
  p.scale = scale;
  p.translate = translate;
  Result<Affine> affine = BuildLayerTransform(static_cast<int>(scale.size()), p);
  EXPECT_TRUE(affine.ok()) << affine.status().message();
  return *affine;
}

void ExpectRange(const AxisRange& range, double start, double stop, double step) {
  EXPECT_EQ(range.start, start);
  EXPECT_EQ(range.stop, stop);
  EXPECT_EQ(range.step, step);
}

TEST(RoundHalfEvenTest, HalvesGoToEven) {
  EXPECT_EQ(RoundHalfEven(0.5), 0.0);
  EXPECT_EQ(RoundHalfEven(1.5), 2.0);
  EXPECT_EQ(RoundHalfEven(2.5), 2.0);
  EXPECT_EQ(RoundHalfEven(3.5), 4.0);
  EXPECT_EQ(RoundHalfEven(-1.5), -2.0);
  EXPECT_EQ(RoundHalfEven(-2.5), -2.0);
  EXPECT_EQ(RoundHalfEven(2.4999), 2.0);
  EXPECT_EQ(RoundHalfEven(2.5001), 3.0);
  // -0.5 rounds to negative zero, as np.round(-0.5) does.
  const double negative_half = RoundHalfEven(-0.5);
  EXPECT_EQ(negative_half, 0.0);
  EXPECT_TRUE(std::signbit(negative_half));
}

TEST(WorldExtentTest, IdentityImage) {
  const WorldExtent extent = ComputeWorldExtent({10, 20, 30}, Affine::Identity(3));
  EXPECT_EQ(extent.min, Vec({0, 0, 0}));
  EXPECT_EQ(extent.max, Vec({9, 19, 29}));
  EXPECT_EQ(extent.step, Vec({1, 1, 1}));
}

TEST(WorldExtentTest, ScaleAndTranslate) {
  const WorldExtent extent = ComputeWorldExtent({5, 10}, ScaleTranslate({2, -0.5}, {1, 3}));
  EXPECT_EQ(extent.min, Vec({1, -1.5}));  // a negative scale flips the box
  EXPECT_EQ(extent.max, Vec({9, 3}));
  EXPECT_EQ(extent.step, Vec({2, 0.5}));
}

TEST(WorldExtentTest, RotatedCornersAndColumnScales) {
  // 90° with scale (2, 3): data (r, c) → world (-3c, 2r).
  TransformParameters p;
  p.scale = {2, 3};
  p.rotate_angle = 90;
  const Affine affine = *BuildLayerTransform(2, p);
  const WorldExtent extent = ComputeWorldExtent({4, 5}, affine);
  EXPECT_NEAR(extent.min[0], -12, 1e-12);
  EXPECT_NEAR(extent.max[0], 0, 1e-12);
  EXPECT_NEAR(extent.min[1], 0, 1e-12);
  EXPECT_NEAR(extent.max[1], 6, 1e-12);
  EXPECT_EQ(extent.step, Vec({2, 3}));
}

TEST(WorldExtentTest, EqualsMinMaxOverAllCorners) {
  TransformParameters p;
  p.scale = {2, 0.5, 3};
  p.translate = {-1, 4, 0.25};
  p.rotate_angles = {17, -33, 71};
  p.shear_vector = {0.2, -0.3, 0.4};
  const Affine affine = *BuildLayerTransform(3, p);
  const Shape shape = {7, 11, 5};
  const WorldExtent extent = ComputeWorldExtent(shape, affine);
  Vec min(3, INFINITY), max(3, -INFINITY);
  for (int corner = 0; corner < 8; ++corner) {
    Vec point(3);
    for (int axis = 0; axis < 3; ++axis) {
      point[axis] = (corner >> axis) & 1 ? static_cast<double>(shape[axis] - 1) : 0.0;
    }
    const Vec world = affine.Apply(point);
    for (int axis = 0; axis < 3; ++axis) {
      min[axis] = std::min(min[axis], world[axis]);
      max[axis] = std::max(max[axis], world[axis]);
    }
  }
  EXPECT_EQ(extent.min, min);  // exactly: same sums in the same order
  EXPECT_EQ(extent.max, max);
  EXPECT_EQ(extent.step, affine.ColumnScales());
}

// Column-wise coordinates (points, shape vertices): the bounding box grown by
// `grow` on each side, through the transform; no rows: the box [0, 1].
TEST(WorldExtentTest, ColumnsExtentGrowsTheBoundingBox) {
  const std::vector<std::vector<double>> columns = {{0, 10, 4}, {-4, 1, 6}};
  const WorldExtent extent = ComputeColumnsExtent(columns, 1.5, ScaleTranslate({2, 1}, {1, 0}));
  EXPECT_EQ(extent.min, Vec({-2, -5.5}));
  EXPECT_EQ(extent.max, Vec({24, 7.5}));
  const WorldExtent empty = ComputeColumnsExtent({{}, {}}, 1.5, Affine::Identity(2));
  EXPECT_EQ(empty.min, Vec({0, 0}));
  EXPECT_EQ(empty.max, Vec({1, 1}));
}

TEST(WorldExtentTest, PixelEdgeExtentAddsHalfAPixel) {
  const WorldExtent extent = ComputePixelEdgeExtent({10, 4}, ScaleTranslate({2, 1}, {0, 10}));
  EXPECT_EQ(extent.min, Vec({-1, 9.5}));
  EXPECT_EQ(extent.max, Vec({19, 13.5}));
  EXPECT_EQ(extent.step, Vec({2, 1}));
}

TEST(AxisRangeTest, NSteps) {
  EXPECT_EQ((AxisRange{0, 9, 1}).nsteps(), 10);
  EXPECT_EQ((AxisRange{0, 38, 2}).nsteps(), 20);
  EXPECT_EQ((AxisRange{0, 0, 1}).nsteps(), 1);
  EXPECT_EQ((AxisRange{0, 0.9, 0.3}).nsteps(), 4);  // 0.9 / 0.3 is 3.0000000000000004
  EXPECT_EQ((AxisRange{0, 5, 0}).nsteps(), 1);       // a degenerate step
}

// napari's dims-range examples for a 10³ image (napari-semantics.md).
TEST(DimsRangeTest, ImageAlone) {
  const WorldExtent image = ComputeWorldExtent({10, 10, 10}, Affine::Identity(3));
  const std::vector<AxisRange> range = ComputeDimsRange({&image, 1}, 3);
  ASSERT_EQ(range.size(), 3u);
  for (const AxisRange& r : range) ExpectRange(r, 0, 9, 1);
}

TEST(DimsRangeTest, PlusCopyTranslatedOnAxis0) {
  const std::vector<WorldExtent> layers = {
      ComputeWorldExtent({10, 10, 10}, Affine::Identity(3)),
      ComputeWorldExtent({10, 10, 10}, ScaleTranslate({1, 1, 1}, {10, 0, 0})),
  };
  const std::vector<AxisRange> range = ComputeDimsRange(layers, 3);
  ExpectRange(range[0], 0, 19, 1);
  EXPECT_EQ(range[0].nsteps(), 20);
  ExpectRange(range[1], 0, 9, 1);
  ExpectRange(range[2], 0, 9, 1);
}

TEST(DimsRangeTest, PlusEveryOtherPlaneWithScale2) {
  // data[::2] has shape (5, 10, 10); with scale (2, 1, 1) it spans 0..8 in steps of 2.
  const std::vector<WorldExtent> layers = {
      ComputeWorldExtent({10, 10, 10}, Affine::Identity(3)),
      ComputeWorldExtent({5, 10, 10}, ScaleTranslate({2, 1, 1}, {0, 0, 0})),
  };
  const std::vector<AxisRange> range = ComputeDimsRange(layers, 3);
  ExpectRange(range[0], 0, 9, 1);
  EXPECT_EQ(range[0].nsteps(), 10);
  ExpectRange(range[1], 0, 9, 1);
  ExpectRange(range[2], 0, 9, 1);
}

TEST(DimsRangeTest, TwoScaledLayersOneTranslatedBy20) {
  const std::vector<WorldExtent> layers = {
      ComputeWorldExtent({10, 10, 10}, ScaleTranslate({2, 1, 1}, {0, 0, 0})),
      ComputeWorldExtent({10, 10, 10}, ScaleTranslate({2, 1, 1}, {20, 0, 0})),
  };
  const std::vector<AxisRange> range = ComputeDimsRange(layers, 3);
  ExpectRange(range[0], 0, 38, 2);
  EXPECT_EQ(range[0].nsteps(), 20);
  ExpectRange(range[1], 0, 9, 1);
}

TEST(DimsRangeTest, NoLayers) {
  const std::vector<AxisRange> range = ComputeDimsRange({}, 2);
  ASSERT_EQ(range.size(), 2u);
  for (const AxisRange& r : range) ExpectRange(r, 0, 0, 1);
  EXPECT_TRUE(ComputeDimsRange({}, 0).empty());
}

TEST(DimsRangeTest, LayersAlignToTrailingAxes) {
  // A 2D layer (20 × 30, translated) in a 4D world covers axes 2 and 3 only.
  const std::vector<WorldExtent> layers = {
      ComputeWorldExtent({5, 6, 7}, Affine::Identity(3)),
      ComputeWorldExtent({20, 30}, ScaleTranslate({0.5, 1}, {-4, 0})),
  };
  const std::vector<AxisRange> range = ComputeDimsRange(layers, 4);
  ASSERT_EQ(range.size(), 4u);
  ExpectRange(range[0], 0, 0, 1);  // no layer reaches axis 0
  ExpectRange(range[1], 0, 4, 1);
  ExpectRange(range[2], -4, 5.5, 0.5);
  ExpectRange(range[3], 0, 29, 1);
}

TEST(DimsTest, Defaults) {
  const Dims dims(4);
  EXPECT_EQ(dims.ndim(), 4);
  EXPECT_EQ(dims.ndisplay(), 2);
  EXPECT_EQ(dims.order(), std::vector<int>({0, 1, 2, 3}));
  EXPECT_EQ(dims.point(), Vec({0, 0, 0, 0}));
  EXPECT_EQ(dims.margin_left(), Vec({0, 0, 0, 0}));
  EXPECT_EQ(dims.margin_right(), Vec({0, 0, 0, 0}));
  ASSERT_EQ(dims.range().size(), 4u);
  for (const AxisRange& r : dims.range()) ExpectRange(r, 0, 0, 1);
  EXPECT_EQ(dims.axis_labels(), std::vector<std::string>({"0", "1", "2", "3"}));
  EXPECT_EQ(dims.displayed(), std::vector<int>({2, 3}));
  EXPECT_EQ(dims.not_displayed(), std::vector<int>({0, 1}));
  EXPECT_EQ(dims.current_step(), std::vector<int64_t>({0, 0, 0, 0}));
}

TEST(DimsTest, FewerThanTwoAxesDisplayAll) {
  EXPECT_EQ(Dims(1).ndisplay(), 1);
  EXPECT_EQ(Dims(1).displayed(), std::vector<int>({0}));
  EXPECT_TRUE(Dims(1).not_displayed().empty());
  EXPECT_EQ(Dims(0).ndisplay(), 0);
  EXPECT_TRUE(Dims(0).displayed().empty());
}

TEST(DimsTest, DisplayedFollowsOrder) {
  Dims dims(4);
  ASSERT_TRUE(dims.SetOrder({3, 1, 0, 2}).ok());
  EXPECT_EQ(dims.displayed(), std::vector<int>({0, 2}));
  EXPECT_EQ(dims.not_displayed(), std::vector<int>({3, 1}));
  ASSERT_TRUE(dims.SetNDisplay(3).ok());
  EXPECT_EQ(dims.displayed(), std::vector<int>({1, 0, 2}));
  EXPECT_EQ(dims.not_displayed(), std::vector<int>({3}));
}

TEST(DimsTest, SetOrderRejectsNonPermutations) {
  Dims dims(3);
  EXPECT_EQ(dims.SetOrder({0, 0, 1}).message(), "order: expected a permutation of 0..2, got [0, 0, 1]");
  EXPECT_EQ(dims.SetOrder({0, 1}).message(), "order: expected a permutation of 0..2, got [0, 1]");
  EXPECT_EQ(dims.SetOrder({0, 1, 3}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(dims.order(), std::vector<int>({0, 1, 2}));  // unchanged
}

TEST(DimsTest, SetNDisplayValidates) {
  Dims dims(3);
  EXPECT_EQ(dims.SetNDisplay(4).message(), "ndisplay: expected 2 or 3, got 4");
  EXPECT_EQ(dims.SetNDisplay(1).message(), "ndisplay: expected 2 or 3, got 1");
  EXPECT_TRUE(dims.SetNDisplay(3).ok());
  EXPECT_EQ(dims.ndisplay(), 3);
  Dims flat(2);
  EXPECT_EQ(flat.SetNDisplay(3).message(), "ndisplay: 3 exceeds the 2 dimensions");
  EXPECT_EQ(flat.ndisplay(), 2);
}

TEST(DimsTest, CurrentStepRoundsHalfToEven) {
  Dims dims(3);
  dims.SetRange({{0, 9, 1}, {0, 38, 2}, {-1, 1, 0.5}});
  ASSERT_TRUE(dims.SetPoint({2.5, 3, 0}).ok());
  // (2.5 - 0) / 1 = 2.5 → 2; (3 - 0) / 2 = 1.5 → 2; (0 + 1) / 0.5 = 2.
  EXPECT_EQ(dims.current_step(), std::vector<int64_t>({2, 2, 2}));
  ASSERT_TRUE(dims.SetPoint({0.5, 1, -0.75}).ok());
  // 0.5 → 0; 0.5 → 0; 0.5 → 0.
  EXPECT_EQ(dims.current_step(), std::vector<int64_t>({0, 0, 0}));
  ASSERT_TRUE(dims.SetPoint({3.5, 7, 1}).ok());
  EXPECT_EQ(dims.current_step(), std::vector<int64_t>({4, 4, 4}));
}

TEST(DimsTest, PointIsClippedToRange) {
  Dims dims(2);
  dims.SetRange({{0, 9, 1}, {-5, 5, 1}});
  ASSERT_TRUE(dims.SetPoint({12, -7}).ok());
  EXPECT_EQ(dims.point(), Vec({9, -5}));
  dims.SetPointOnAxis(0, -3);
  EXPECT_EQ(dims.point(), Vec({0, -5}));
  dims.SetPointOnAxis(1, 2.25);
  EXPECT_EQ(dims.point(), Vec({0, 2.25}));
  dims.SetPointOnAxis(5, 1);  // no such axis: ignored
  EXPECT_EQ(dims.point(), Vec({0, 2.25}));
  // Narrowing the range pulls the point in.
  dims.SetRange({{0, 9, 1}, {-1, 1, 1}});
  EXPECT_EQ(dims.point(), Vec({0, 1}));
}

TEST(DimsTest, GoToCenterStepIsNaparisIntOfNStepsMinusOneHalved) {
  // napari's Dims._go_to_center_step: step int((nsteps - 1) / 2), in world units
  // start + step × that. 24 planes → 11 (not 12), 25 → 12, 1 → 0; an axis of 24
  // steps of 2 from 5 (stop 51) → 5 + 2 × 11 = 27; 4 steps of 0.5 from -1 → -0.5.
  Dims dims(5);
  dims.SetRange({{0, 23, 1}, {0, 24, 1}, {0, 0, 1}, {5, 51, 2}, {-1, 0.5, 0.5}});
  dims.GoToCenterStep();
  EXPECT_EQ(dims.current_step(), std::vector<int64_t>({11, 12, 0, 11, 1}));
  EXPECT_EQ(dims.point(), Vec({11, 12, 0, 27, -0.5}));
}

TEST(DimsTest, SetPointValidates) {
  Dims dims(3);
  EXPECT_EQ(dims.SetPoint({1, 2}).message(), "point: expected 3 values, got 2");
  EXPECT_EQ(dims.SetPoint({0, NAN, 0}).message(), "point: axis 1 is not finite");
}

TEST(DimsTest, SetMarginsValidates) {
  Dims dims(2);
  EXPECT_TRUE(dims.SetMargins({1, 0}, {0.5, 2}).ok());
  EXPECT_EQ(dims.margin_left(), Vec({1, 0}));
  EXPECT_EQ(dims.margin_right(), Vec({0.5, 2}));
  EXPECT_EQ(dims.SetMargins({1}, {0, 0}).message(), "margin_left: expected 2 values, got 1");
  EXPECT_EQ(dims.SetMargins({1, 1}, {0, 0, 0}).message(), "margin_right: expected 2 values, got 3");
  EXPECT_EQ(dims.SetMargins({-1, 0}, {0, 0}).message(),
            "margin_left: axis 0 must be finite and not negative");
  EXPECT_EQ(dims.margin_left(), Vec({1, 0}));  // unchanged after errors
}

TEST(DimsTest, SetAxisLabelsValidates) {
  Dims dims(3);
  EXPECT_TRUE(dims.SetAxisLabels({"z", "y", "x"}).ok());
  EXPECT_EQ(dims.axis_labels(), std::vector<std::string>({"z", "y", "x"}));
  EXPECT_EQ(dims.SetAxisLabels({"y", "x"}).message(), "axis_labels: expected 3 values, got 2");
}

TEST(DimsTest, SetRangeOfAnotherLengthChangesNDimAtTheFront) {
  Dims dims(2);
  ASSERT_TRUE(dims.SetAxisLabels({"y", "x"}).ok());
  dims.SetRange({{0, 9, 1}, {0, 9, 1}});
  ASSERT_TRUE(dims.SetPoint({3, 4}).ok());
  ASSERT_TRUE(dims.SetOrder({1, 0}).ok());
  dims.SetRange({{0, 4, 1}, {0, 9, 1}, {0, 9, 1}});
  EXPECT_EQ(dims.ndim(), 3);
  EXPECT_EQ(dims.order(), std::vector<int>({0, 2, 1}));
  EXPECT_EQ(dims.point(), Vec({0, 3, 4}));
  EXPECT_EQ(dims.axis_labels(), std::vector<std::string>({"0", "y", "x"}));
  EXPECT_EQ(dims.margin_left().size(), 3u);
  dims.SetRange({{0, 9, 1}, {0, 9, 1}});
  EXPECT_EQ(dims.ndim(), 2);
  EXPECT_EQ(dims.order(), std::vector<int>({1, 0}));
  EXPECT_EQ(dims.point(), Vec({3, 4}));
  EXPECT_EQ(dims.axis_labels(), std::vector<std::string>({"y", "x"}));
}

TEST(DimsTest, GrowingFromDefaultLabelsRenumbers) {
  Dims dims(1);
  dims.SetRange({{0, 1, 1}, {0, 1, 1}, {0, 1, 1}});
  EXPECT_EQ(dims.axis_labels(), std::vector<std::string>({"0", "1", "2"}));
  EXPECT_EQ(dims.ndisplay(), 2);
  EXPECT_EQ(dims.displayed(), std::vector<int>({1, 2}));
}

}  // namespace
}  // namespace stackshot
