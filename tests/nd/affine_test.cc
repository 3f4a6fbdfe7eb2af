#include "nd/affine.h"

#include <cmath>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

using Vec = std::vector<double>;
using Rows = std::vector<std::vector<double>>;

// cos(90°) computed in floating point is 6e-17, not 0, in napari as here.
constexpr double kTol = 1e-12;

void ExpectNear(const Vec& actual, const Vec& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(actual[i], expected[i], kTol) << "index " << i;
}

void ExpectLinear(const Affine& affine, const Rows& expected) {
  ASSERT_EQ(affine.ndim(), static_cast<int>(expected.size()));
  for (int r = 0; r < affine.ndim(); ++r) {
    for (int c = 0; c < affine.ndim(); ++c) {
      EXPECT_NEAR(affine.linear(r, c), expected[r][c], kTol) << "(" << r << ", " << c << ")";
    }
  }
}

Affine Build(int ndim, const TransformParameters& params) {
  Result<Affine> result = BuildLayerTransform(ndim, params);
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? *result : Affine::Identity(ndim);
}

std::string BuildError(int ndim, const TransformParameters& params) {
  Result<Affine> result = BuildLayerTransform(ndim, params);
  EXPECT_FALSE(result.ok());
  if (result.ok()) return "";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  return result.status().message();
}

TEST(AffineTest, IdentityAndApply) {
  const Affine identity = Affine::Identity(3);
  EXPECT_EQ(identity.ndim(), 3);
  EXPECT_TRUE(identity.IsIdentity());
  EXPECT_EQ(identity.Apply(Vec{1, 2, 3}), Vec({1, 2, 3}));
  EXPECT_TRUE(Affine().IsIdentity());
  EXPECT_EQ(Affine().ndim(), 0);

  const Affine a = Affine::FromParts({1, 2, 3, 4}, {10, 20});
  EXPECT_EQ(a.linear(0, 1), 2);
  EXPECT_EQ(a.linear(1, 0), 3);
  EXPECT_EQ(a.translation(1), 20);
  EXPECT_EQ(a.Apply(Vec{1, 1}), Vec({13, 27}));
  EXPECT_EQ(a.ApplyLinear(Vec{1, 1}), Vec({3, 7}));
  EXPECT_FALSE(a.IsIdentity());
}

TEST(AffineTest, IsIdentityTolerance) {
  const Affine almost = Affine::FromParts({1, 1e-9, 0, 1}, {0, 1e-9});
  EXPECT_FALSE(almost.IsIdentity());
  EXPECT_TRUE(almost.IsIdentity(1e-8));
}

TEST(AffineTest, ComposeAppliesInnerFirst) {
  const Affine scale = Affine::FromParts({2, 0, 0, 3}, {0, 0});
  const Affine shift = Affine::FromParts({1, 0, 0, 1}, {10, 20});
  // shift ∘ scale: (1, 1) → (2, 3) → (12, 23).
  EXPECT_EQ(shift.Compose(scale).Apply(Vec{1, 1}), Vec({12, 23}));
  // scale ∘ shift: (1, 1) → (11, 21) → (22, 63).
  EXPECT_EQ(scale.Compose(shift).Apply(Vec{1, 1}), Vec({22, 63}));
}

TEST(AffineTest, Inverse) {
  const Affine a = Affine::FromParts({2, 1, 0, 4}, {5, -3});
  Result<Affine> inverse = a.Inverse();
  ASSERT_TRUE(inverse.ok());
  ExpectLinear(*inverse, {{0.5, -0.125}, {0, 0.25}});
  ExpectNear(inverse->translation_vector(), {-2.875, 0.75});
  EXPECT_TRUE(a.Compose(*inverse).IsIdentity(kTol));
  EXPECT_TRUE(inverse->Compose(a).IsIdentity(kTol));
  ExpectNear(inverse->Apply(a.Apply(Vec{7, -2})), {7, -2});
}

TEST(AffineTest, InverseFailsOnSingular) {
  const Affine singular = Affine::FromParts({1, 2, 2, 4}, {0, 0});
  Result<Affine> inverse = singular.Inverse();
  ASSERT_FALSE(inverse.ok());
  EXPECT_EQ(inverse.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(inverse.status().message(), "affine: matrix is singular");
}

TEST(AffineTest, SubAxes) {
  // 3D: linear row-major 1..9, translation 10, 20, 30.
  const Affine a = Affine::FromParts({1, 2, 3, 4, 5, 6, 7, 8, 9}, {10, 20, 30});
  const int axes[] = {0, 2};
  const Affine sub = a.SubAxes(axes);
  EXPECT_EQ(sub.ndim(), 2);
  EXPECT_EQ(sub.linear_row_major(), Vec({1, 3, 7, 9}));
  EXPECT_EQ(sub.translation_vector(), Vec({10, 30}));
  const int reversed[] = {2, 0};
  EXPECT_EQ(a.SubAxes(reversed).linear_row_major(), Vec({9, 7, 3, 1}));
}

TEST(AffineTest, Couples) {
  // Axis 0 only feeds itself; axes 1 and 2 are mixed by a rotation.
  const Affine a = Affine::FromParts({2, 0, 0, 0, 0, -1, 0, 1, 0}, {0, 0, 0});
  const int slice[] = {0};
  const int displayed[] = {1, 2};
  EXPECT_FALSE(a.Couples(slice, displayed));
  EXPECT_FALSE(a.Couples(displayed, slice));
  const int one[] = {1};
  const int two[] = {2};
  EXPECT_TRUE(a.Couples(one, two));
  const Affine tiny = Affine::FromParts({1, 1e-13, 0, 1}, {0, 0});
  const int first[] = {0};
  const int second[] = {1};
  EXPECT_FALSE(tiny.Couples(first, second));      // below the default tolerance
  EXPECT_TRUE(tiny.Couples(first, second, 0.0));
}

TEST(AffineTest, ColumnScales) {
  // Rotation by 90° times scale (2, 3): columns (0, 2) and (-3, 0).
  const Affine a = Affine::FromParts({0, -3, 2, 0}, {5, 5});
  EXPECT_EQ(a.ColumnScales(), Vec({2, 3}));
  const Affine shear = Affine::FromParts({1, 3, 0, 4}, {0, 0});
  EXPECT_EQ(shear.ColumnScales(), Vec({1, 5}));
}

TEST(BuildLayerTransformTest, EmptyIsIdentity) {
  EXPECT_TRUE(Build(3, {}).IsIdentity());
  EXPECT_TRUE(Build(0, {}).IsIdentity());
}

TEST(BuildLayerTransformTest, ScaleAndTranslate) {
  TransformParameters p;
  p.scale = {2, 1, 0.5};
  p.translate = {10, 0, -1};
  const Affine a = Build(3, p);
  ExpectLinear(a, {{2, 0, 0}, {0, 1, 0}, {0, 0, 0.5}});
  EXPECT_EQ(a.Apply(Vec{1, 1, 4}), Vec({12, 1, 1}));
}

TEST(BuildLayerTransformTest, ScaleErrors) {
  TransformParameters p;
  p.scale = {1, 2};
  EXPECT_EQ(BuildError(3, p), "scale: expected 3 values, got 2");
  p.scale = {1, 0, 1};
  EXPECT_EQ(BuildError(3, p), "scale: axis 1 is 0");
  p.scale = {1, 1, NAN};
  EXPECT_EQ(BuildError(3, p), "scale: axis 2 is not finite");
  p.scale = {-1, 1, 1};  // a flip is allowed
  EXPECT_EQ(Build(3, p).Apply(Vec{2, 0, 0}), Vec({-2, 0, 0}));
}

TEST(BuildLayerTransformTest, TranslateErrors) {
  TransformParameters p;
  p.translate = {1, 2, 3, 4};
  EXPECT_EQ(BuildError(3, p), "translate: expected 3 values, got 4");
  p.translate = {1};
  EXPECT_EQ(BuildError(2, p), "translate: expected 2 values, got 1");
}

TEST(BuildLayerTransformTest, ScalarRotateIs2dAtTrailingAxes) {
  TransformParameters p;
  p.rotate_angle = 90;
  // napari's 2D rotation [[cos, -sin], [sin, cos]]: data axis 1 maps to -world axis 0.
  ExpectLinear(Build(2, p), {{0, -1}, {1, 0}});
  // Embedded in 4D at axes 2 and 3.
  ExpectLinear(Build(4, p), {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}});
  p.rotate_angle = 30;
  const double c = std::sqrt(3.0) / 2;
  ExpectLinear(Build(2, p), {{c, -0.5}, {0.5, c}});
}

TEST(BuildLayerTransformTest, ScaleThenRotate) {
  // Linear part is R · S: scale first, then rotate. S = diag(2, 1), R = 90°.
  TransformParameters p;
  p.scale = {2, 1};
  p.rotate_angle = 90;
  const Affine a = Build(2, p);
  ExpectLinear(a, {{0, -1}, {2, 0}});
  ExpectNear(a.Apply(Vec{1, 0}), {0, 2});   // scaled to (2, 0), rotated to (0, 2)
  ExpectNear(a.Apply(Vec{0, 1}), {-1, 0});  // S · R would give (-2, 0)
}

TEST(BuildLayerTransformTest, TranslateAfterRotate) {
  TransformParameters p;
  p.rotate_angle = 90;
  p.translate = {10, 20};
  ExpectNear(Build(2, p).Apply(Vec{1, 0}), {10, 21});
}

TEST(BuildLayerTransformTest, ThreeAnglesFollowNapari) {
  // napari's _make_3d_rotation(a, b, g) = R_a · R_b · R_g with
  //   R_a = [[ca, -sa, 0], [sa, ca, 0], [0, 0, 1]]  (turns axes 0 and 1)
  //   R_b = [[cb, 0, sb], [0, 1, 0], [-sb, 0, cb]]  (turns axes 0 and 2)
  //   R_g = [[1, 0, 0], [0, cg, -sg], [0, sg, cg]]  (turns axes 1 and 2)
  TransformParameters p;
  p.rotate_angles = {90, 0, 0};
  ExpectLinear(Build(3, p), {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}});
  p.rotate_angles = {0, 90, 0};
  ExpectLinear(Build(3, p), {{0, 0, 1}, {0, 1, 0}, {-1, 0, 0}});
  p.rotate_angles = {0, 0, 90};
  ExpectLinear(Build(3, p), {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}});
  // Order of the product: R_a · R_b sends data axis 2 first to world axis 0 (R_b), then
  // to world axis 1 (R_a). R_b · R_a would leave it on axis 0.
  p.rotate_angles = {90, 90, 0};
  ExpectNear(Build(3, p).Apply(Vec{0, 0, 1}), {0, 1, 0});
  // All three at 90°, worked by hand: R_b · R_g = [[0, 1, 0], [0, 0, -1], [-1, 0, 0]],
  // then R_a swaps its first two rows with a sign: [[0, 0, 1], [0, 1, 0], [-1, 0, 0]].
  p.rotate_angles = {90, 90, 90};
  ExpectLinear(Build(3, p), {{0, 0, 1}, {0, 1, 0}, {-1, 0, 0}});
}

TEST(BuildLayerTransformTest, ThreeAnglesGeneralProduct) {
  const double a = 30, b = 45, g = 60;
  const double d = std::numbers::pi / 180;
  const double ca = std::cos(a * d), sa = std::sin(a * d);
  const double cb = std::cos(b * d), sb = std::sin(b * d);
  const double cg = std::cos(g * d), sg = std::sin(g * d);
  // R_a · R_b · R_g written out.
  const Rows expected = {
      {ca * cb, ca * sb * sg - sa * cg, ca * sb * cg + sa * sg},
      {sa * cb, sa * sb * sg + ca * cg, sa * sb * cg - ca * sg},
      {-sb, cb * sg, cb * cg},
  };
  TransformParameters p;
  p.rotate_angles = {a, b, g};
  ExpectLinear(Build(3, p), expected);
  // Embedded at the trailing three axes of a 4D layer.
  const Affine four = Build(4, p);
  EXPECT_EQ(four.linear(0, 0), 1);
  for (int i = 1; i < 4; ++i) {
    EXPECT_EQ(four.linear(0, i), 0);
    EXPECT_EQ(four.linear(i, 0), 0);
    for (int j = 1; j < 4; ++j) EXPECT_NEAR(four.linear(i, j), expected[i - 1][j - 1], kTol);
  }
}

TEST(BuildLayerTransformTest, RotateMatrix) {
  TransformParameters p;
  p.rotate_matrix = {{0, 1}, {-1, 0}};
  ExpectLinear(Build(3, p), {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}});
  ExpectLinear(Build(2, p), {{0, 1}, {-1, 0}});
}

TEST(BuildLayerTransformTest, RotateErrors) {
  TransformParameters p;
  p.rotate_angles = {1, 2};
  EXPECT_EQ(BuildError(3, p), "rotate: expected 3 angles, got 2");
  p.rotate_angles = {1, 2, 3};
  EXPECT_EQ(BuildError(2, p), "rotate: three angles need 3 dimensions, layer has 2");
  p.rotate_angle = 10;
  EXPECT_EQ(BuildError(3, p), "rotate: give one angle, three angles or a matrix, not several");
  p = {};
  p.rotate_angle = 10;
  EXPECT_EQ(BuildError(1, p), "rotate: an angle needs 2 dimensions, layer has 1");
  p = {};
  p.rotate_matrix = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  EXPECT_EQ(BuildError(2, p), "rotate: matrix is 3×3, at most 2×2 fits 2 dimensions");
  p.rotate_matrix = {{1, 0}, {0}};
  EXPECT_EQ(BuildError(2, p), "rotate: row 1 has 1 value, expected 2 (square matrix)");
  p.rotate_matrix = {{1, 2}, {2, 4}};
  EXPECT_EQ(BuildError(2, p), "rotate: matrix is singular");
}

TEST(BuildLayerTransformTest, ShearVectorFillsUpperTriangleRowByRow) {
  TransformParameters p;
  p.shear_vector = {0.1, 0.2, 0.3};
  ExpectLinear(Build(3, p), {{1, 0.1, 0.2}, {0, 1, 0.3}, {0, 0, 1}});
  // One value is a 2×2 shear, embedded at the trailing axes.
  p.shear_vector = {0.5};
  ExpectLinear(Build(3, p), {{1, 0, 0}, {0, 1, 0.5}, {0, 0, 1}});
  // Six values: a 4×4 triangle.
  p.shear_vector = {1, 2, 3, 4, 5, 6};
  ExpectLinear(Build(4, p), {{1, 1, 2, 3}, {0, 1, 4, 5}, {0, 0, 1, 6}, {0, 0, 0, 1}});
}

TEST(BuildLayerTransformTest, ShearMatrix) {
  TransformParameters p;
  p.shear_matrix = {{1, 0.5}, {0, 1}};
  ExpectLinear(Build(3, p), {{1, 0, 0}, {0, 1, 0.5}, {0, 0, 1}});
}

TEST(BuildLayerTransformTest, ShearErrors) {
  TransformParameters p;
  p.shear_vector = {1, 2};
  EXPECT_EQ(BuildError(3, p), "shear: 2 values do not fill an upper triangle (expected 1, 3, 6, 10, …)");
  p.shear_vector = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(BuildError(3, p), "shear: 6 values make a 4×4 matrix, layer has 3 dimensions");
  p.shear_vector = {};
  p.shear_matrix = {{1, 0}, {0.5, 1}};
  EXPECT_EQ(BuildError(2, p), "shear: matrix must be upper triangular, entry (1, 0) is 0.5");
  p.shear_matrix = {{1, 0.5}, {0, 0}};
  EXPECT_EQ(BuildError(2, p), "shear: matrix is singular");
  p.shear_vector = {1};
  EXPECT_EQ(BuildError(2, p), "shear: give a vector or a matrix, not both");
}

TEST(BuildLayerTransformTest, OrderIsRotateShearScale) {
  // R · Sh · S with R = 90°, Sh = [[1, 0.5], [0, 1]], S = diag(2, 3):
  // Sh · S = [[2, 1.5], [0, 3]]; R · (Sh · S) = [[0, -3], [2, 1.5]].
  TransformParameters p;
  p.rotate_angle = 90;
  p.shear_vector = {0.5};
  p.scale = {2, 3};
  p.translate = {1, 1};
  const Affine a = Build(2, p);
  ExpectLinear(a, {{0, -3}, {2, 1.5}});
  ExpectNear(a.translation_vector(), {1, 1});
}

TEST(BuildLayerTransformTest, AffineIsAppliedLast) {
  // world = A · (R · S · x + t) + a: a homogeneous 3×3 for a 2D layer.
  TransformParameters p;
  p.scale = {2, 1};
  p.translate = {1, 0};
  p.affine = {{1, 0, 5}, {0, 3, 0}, {0, 0, 1}};
  const Affine a = Build(2, p);
  ExpectLinear(a, {{2, 0}, {0, 3}});
  ExpectNear(a.translation_vector(), {6, 0});
  ExpectNear(a.Apply(Vec{1, 1}), {8, 3});
}

TEST(BuildLayerTransformTest, AffineLinearSquare) {
  // ndim × ndim is a linear matrix without translation.
  TransformParameters p;
  p.affine = {{0, 1}, {1, 0}};
  p.translate = {3, 4};
  const Affine a = Build(2, p);
  ExpectLinear(a, {{0, 1}, {1, 0}});
  ExpectNear(a.translation_vector(), {4, 3});  // the affine also moves the translate
}

TEST(BuildLayerTransformTest, SmallerAffineIsHomogeneousAtTrailingAxes) {
  // A 3×3 homogeneous (2D) affine on a 4D layer acts on axes 2 and 3.
  TransformParameters p;
  p.affine = {{2, 0, 7}, {0, 1, 8}, {0, 0, 1}};
  const Affine a = Build(4, p);
  ExpectLinear(a, {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}});
  ExpectNear(a.translation_vector(), {0, 0, 7, 8});
}

TEST(BuildLayerTransformTest, AffineErrors) {
  TransformParameters p;
  p.affine = {{1, 0, 0}, {0, 0, 0}, {0, 0, 1}};
  EXPECT_EQ(BuildError(2, p), "affine: matrix is singular");
  p.affine = {{1, 0}, {0, 0}};
  EXPECT_EQ(BuildError(2, p), "affine: matrix is singular");
  p.affine = {{1, 0, 0}, {0, 1, 0}, {1, 0, 1}};
  EXPECT_EQ(BuildError(2, p), "affine: last row of a homogeneous 3×3 matrix must be 0 … 0 1");
  p.affine = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
  EXPECT_EQ(BuildError(2, p), "affine: matrix is 4×4, at most 3×3 fits 2 dimensions");
  p.affine = {{1, 0, 0}, {0, 1}, {0, 0, 1}};
  EXPECT_EQ(BuildError(2, p), "affine: row 1 has 2 values, expected 3 (square matrix)");
  p.affine = {{1, 0, 0}, {0, INFINITY, 0}, {0, 0, 1}};
  EXPECT_EQ(BuildError(2, p), "affine: entry (1, 1) is not finite");
}

TEST(BuildLayerTransformTest, InverseOfLayerTransform) {
  TransformParameters p;
  p.scale = {2, 3, 4};
  p.translate = {1, 2, 3};
  p.rotate_angles = {10, 20, 30};
  p.shear_vector = {0.1, 0.2, 0.3};
  const Affine a = Build(3, p);
  Result<Affine> inverse = a.Inverse();
  ASSERT_TRUE(inverse.ok());
  ExpectNear(inverse->Apply(a.Apply(Vec{4, -5, 6})), {4, -5, 6});
  EXPECT_TRUE(inverse->Compose(a).IsIdentity(kTol));
}

}  // namespace
}  // namespace stackshot
