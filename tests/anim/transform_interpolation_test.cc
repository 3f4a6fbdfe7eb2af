// Layer transforms between keyframes: rotations stay rotations (orthonormal,
// determinant 1, the halfway angle), scale in log space, translate and shear lerp,
// a homogeneous affine split into rotation, stretch and translation.
#include "anim/transform_interpolation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace stackshot {
namespace {

using Rows = std::vector<std::vector<double>>;

Rows Linear(const Affine& affine) {
  Rows rows(affine.ndim(), std::vector<double>(affine.ndim()));
  for (int r = 0; r < affine.ndim(); ++r) {
    for (int c = 0; c < affine.ndim(); ++c) rows[r][c] = affine.linear(r, c);
  }
  return rows;
}

Rows RotateRows(int ndim, TransformParameters params) {
  auto built = BuildLayerTransform(ndim, params);
  EXPECT_TRUE(built.ok()) << built.status().message();
  return Linear(*built);
}

Rows Multiply(const Rows& a, const Rows& b) {
  const size_t n = a.size();
  Rows out(n, std::vector<double>(n, 0.0));
  for (size_t r = 0; r < n; ++r) {
    for (size_t c = 0; c < n; ++c) {
      for (size_t k = 0; k < n; ++k) out[r][c] += a[r][k] * b[k][c];
    }
  }
  return out;
}

Rows Transpose(const Rows& a) {
  Rows out = a;
  for (size_t r = 0; r < a.size(); ++r) {
    for (size_t c = 0; c < a.size(); ++c) out[r][c] = a[c][r];
  }
  return out;
}

double Determinant3(const Rows& m) {
  return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
         m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

void ExpectNear(const Rows& a, const Rows& b, double tolerance) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t r = 0; r < a.size(); ++r) {
    for (size_t c = 0; c < a.size(); ++c) EXPECT_NEAR(a[r][c], b[r][c], tolerance) << "(" << r << ", " << c << ")";
  }
}

void ExpectOrthonormal(const Rows& m) {
  Rows identity(m.size(), std::vector<double>(m.size(), 0.0));
  for (size_t i = 0; i < m.size(); ++i) identity[i][i] = 1;
  ExpectNear(Multiply(Transpose(m), m), identity, 1e-12);
}

// The rotation angle between two 3D rotations (trace formula).
double AngleBetween(const Rows& a, const Rows& b) {
  const Rows relative = Multiply(Transpose(a), b);
  return std::acos(std::clamp((relative[0][0] + relative[1][1] + relative[2][2] - 1) / 2, -1.0, 1.0));
}

TransformParameters Angle(double degrees) {
  TransformParameters p;
  p.rotate_angle = degrees;
  return p;
}

TransformParameters Angles(double a, double b, double c) {
  TransformParameters p;
  p.rotate_angles = {a, b, c};
  return p;
}

TEST(TransformInterpolationTest, TwoDimensionalAngleLerpsAndStaysARotation) {
  auto mid = InterpolateRotate(Angle(0), Angle(90), 0.5);
  ASSERT_TRUE(mid.ok());
  ASSERT_TRUE(mid->rotate_angle.has_value());
  EXPECT_EQ(*mid->rotate_angle, 45.0);
  const Rows m = RotateRows(2, *mid);
  ExpectOrthonormal(m);
  EXPECT_NEAR(m[0][0] * m[1][1] - m[0][1] * m[1][0], 1.0, 1e-15);
  const double c = std::sqrt(0.5);
  ExpectNear(m, {{c, -c}, {c, c}}, 1e-15);
}

TEST(TransformInterpolationTest, RotationMatricesInterpolateAsRotationsNotElementwise) {
  // 0° and 90° as matrices: napari-animation's elementwise lerp gives
  // [[0.5, -0.5], [0.5, 0.5]], which shrinks the data to 0.707 and has determinant 0.5.
  TransformParameters from;
  from.rotate_matrix = {{1, 0}, {0, 1}};
  TransformParameters to;
  to.rotate_matrix = {{0, -1}, {1, 0}};
  auto mid = InterpolateRotate(from, to, 0.5);
  ASSERT_TRUE(mid.ok());
  ASSERT_EQ(mid->rotate_matrix.size(), 2u);
  const Rows& m = mid->rotate_matrix;
  ExpectOrthonormal(m);
  EXPECT_NEAR(m[0][0] * m[1][1] - m[0][1] * m[1][0], 1.0, 1e-12);
  const double c = std::sqrt(0.5);
  ExpectNear(m, {{c, -c}, {c, c}}, 1e-12);
  // Mixed forms (an angle and a matrix) take the same path.
  auto mixed = InterpolateRotate(Angle(0), to, 0.5);
  ASSERT_TRUE(mixed.ok());
  ExpectNear(mixed->rotate_matrix, m, 1e-12);
}

TEST(TransformInterpolationTest, ThreeDimensionalRotationSlerps) {
  // About one axis: the halfway rotation is the one of half the angle.
  auto half = InterpolateRotate(Angles(0, 0, 0), Angles(90, 0, 0), 0.5);
  ASSERT_TRUE(half.ok());
  ExpectNear(half->rotate_matrix, RotateRows(3, Angles(45, 0, 0)), 1e-12);
  // A general pair: every step is a rotation on the geodesic, at f of the way.
  const Rows a = RotateRows(3, Angles(30, 20, 10));
  const Rows b = RotateRows(3, Angles(-40, 60, 5));
  const double total = AngleBetween(a, b);
  ASSERT_GT(total, 0.5);
  for (double f : {0.25, 0.5, 0.75}) {
    auto step = InterpolateRotate(Angles(30, 20, 10), Angles(-40, 60, 5), f);
    ASSERT_TRUE(step.ok());
    const Rows& m = step->rotate_matrix;
    ExpectOrthonormal(m);
    EXPECT_NEAR(Determinant3(m), 1.0, 1e-12);
    EXPECT_NEAR(AngleBetween(a, m), f * total, 1e-9) << "f " << f;
    EXPECT_NEAR(AngleBetween(m, b), (1 - f) * total, 1e-9) << "f " << f;
  }
}

TEST(TransformInterpolationTest, ScaleInLogSpaceTranslateAndShearLerp) {
  const std::vector<double> scale = InterpolateScale({1, 2, -1}, {4, 2, -9}, 0.5);
  EXPECT_DOUBLE_EQ(scale[0], 2.0);
  EXPECT_DOUBLE_EQ(scale[1], 2.0);
  EXPECT_DOUBLE_EQ(scale[2], -3.0);
  // A flip switches at the midpoint instead of passing 0.
  EXPECT_EQ(InterpolateScale({1}, {-1}, 0.49)[0], 1.0);
  EXPECT_EQ(InterpolateScale({1}, {-1}, 0.5)[0], -1.0);

  LayerState a;
  a.translate = std::vector<double>{0, 10};
  LayerState b;
  b.translate = std::vector<double>{4, 20};
  b.shear = TransformParameters{};
  b.shear->shear_vector = {0.5};
  LayerState out;
  ASSERT_TRUE(InterpolateTransform(a, b, 0.25, out).ok());
  EXPECT_EQ(*out.translate, (std::vector<double>{1, 12.5}));
  // Shear set on one side only starts from none (the identity).
  ASSERT_TRUE(out.shear.has_value());
  ExpectNear(out.shear->shear_matrix, {{1, 0.125}, {0, 1}}, 0);
  // Scale set on one side only starts from 1.
  LayerState c;
  c.scale = std::vector<double>{100, 1};
  ASSERT_TRUE(InterpolateTransform(LayerState{}, c, 0.5, out).ok());
  EXPECT_DOUBLE_EQ((*out.scale)[0], 10.0);
  EXPECT_DOUBLE_EQ((*out.scale)[1], 1.0);
}

TEST(TransformInterpolationTest, HomogeneousAffineSplitsIntoRotationStretchAndTranslation) {
  // From the identity to a 90° turn with scale 4 on both axes and a shift of (10, -2).
  const Rows from = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  const Rows to = {{0, -4, 10}, {4, 0, -2}, {0, 0, 1}};
  auto mid = InterpolateAffine(from, to, 0.5);
  ASSERT_TRUE(mid.ok());
  const double c = std::sqrt(0.5) * 2.5;  // rotation 45°, stretch lerps 1 → 4
  ExpectNear(*mid, {{c, -c, 5}, {c, c, -1}, {0, 0, 1}}, 1e-12);
  // Ends are exact.
  auto end = InterpolateAffine(from, to, 1.0);
  ASSERT_TRUE(end.ok());
  ExpectNear(*end, to, 1e-12);
}

// Parts equal on both keyframes keep their exact values (and form) in between: an
// opacity fade must not move the layer, or it would be sliced again every frame.
TEST(TransformInterpolationTest, PartsEqualOnBothSidesStayExact) {
  LayerState a;
  a.scale = std::vector<double>{5, 0.3, 7};
  a.translate = std::vector<double>{0.1, 2, 3};
  a.rotate = Angles(10, 20, 30);
  a.affine = Rows{{1, 0.2, 0}, {0, 1, 0}, {0, 0, 1}};
  LayerState b = a;
  b.shear = TransformParameters{};
  b.shear->shear_vector = {0.5, 0, 0};
  for (double f : {0.1, 0.37, 0.9}) {
    LayerState out = a;
    ASSERT_TRUE(InterpolateTransform(a, b, f, out).ok());
    EXPECT_EQ(out.scale, a.scale);
    EXPECT_EQ(out.translate, a.translate);
    EXPECT_EQ(out.rotate, a.rotate);  // still three angles, not a matrix
    EXPECT_EQ(out.affine, a.affine);
    ASSERT_TRUE(out.shear.has_value());  // the part that differs moves
    ExpectNear(out.shear->shear_matrix, {{1, 0.5 * f, 0}, {0, 1, 0}, {0, 0, 1}}, 1e-12);
  }
}

TEST(TransformInterpolationTest, ReflectionOnOneSideSwitchesAtTheMidpoint) {
  TransformParameters plain;
  plain.rotate_matrix = {{1, 0}, {0, 1}};
  TransformParameters flipped;
  flipped.rotate_matrix = {{1, 0}, {0, -1}};
  auto before = InterpolateRotate(plain, flipped, 0.4);
  auto after = InterpolateRotate(plain, flipped, 0.6);
  ASSERT_TRUE(before.ok() && after.ok());
  ExpectNear(before->rotate_matrix, plain.rotate_matrix, 1e-15);
  ExpectNear(after->rotate_matrix, flipped.rotate_matrix, 1e-15);
}

}  // namespace
}  // namespace stackshot
