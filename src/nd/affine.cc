#include "nd/affine.h"

#include <Eigen/Dense>

#include <cassert>
#include <charconv>
#include <cmath>
#include <numbers>
#include <string>

namespace stackshot {
namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXd;

Matrix ToMatrix(const Affine& affine) {
  const int n = affine.ndim();
  Matrix m(n, n);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) m(r, c) = affine.linear(r, c);
  }
  return m;
}

Vector ToVector(const std::vector<double>& values) {
  Vector v(static_cast<Eigen::Index>(values.size()));
  for (size_t i = 0; i < values.size(); ++i) v(static_cast<Eigen::Index>(i)) = values[i];
  return v;
}

std::vector<double> FromMatrix(const Matrix& m) {
  return std::vector<double>(m.data(), m.data() + m.size());
}

std::vector<double> FromVector(const Vector& v) {
  return std::vector<double>(v.data(), v.data() + v.size());
}

// Rank-revealing LU, so "singular" is judged relative to the matrix's own scale.
bool IsInvertible(const Matrix& m) {
  if (m.rows() == 0) return true;
  if (!m.allFinite()) return false;
  return Eigen::FullPivLU<Matrix>(m).isInvertible();
}

// napari's embed_in_identity_matrix: `small` goes to the bottom-right corner.
Matrix EmbedInIdentity(const Matrix& small, int ndim) {
  Matrix full = Matrix::Identity(ndim, ndim);
  const Eigen::Index k = small.rows();
  full.bottomRightCorner(k, k) = small;
  return full;
}

std::string Count(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// Shortest text that reads back as `value`: "0.5", not "0.500000".
std::string FormatNumber(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

// Square, finite and at most `max_size` wide (`max_size` fits an `ndim`-dimensional layer).
Result<Matrix> ParseSquare(const std::vector<std::vector<double>>& rows, const char* name,
                           int max_size, int ndim) {
  const size_t k = rows.size();
  if (k > static_cast<size_t>(max_size)) {
    return InvalidArgumentError(std::string(name) + ": matrix is " + std::to_string(k) + "×" +
                                std::to_string(k) + ", at most " + std::to_string(max_size) +
                                "×" + std::to_string(max_size) + " fits " +
                                Count(static_cast<size_t>(ndim), "dimension"));
  }
  Matrix m(k, k);
  for (size_t r = 0; r < k; ++r) {
    if (rows[r].size() != k) {
      return InvalidArgumentError(std::string(name) + ": row " + std::to_string(r) + " has " +
                                  Count(rows[r].size(), "value") + ", expected " +
                                  std::to_string(k) + " (square matrix)");
    }
    for (size_t c = 0; c < k; ++c) {
      if (!std::isfinite(rows[r][c])) {
        return InvalidArgumentError(std::string(name) + ": entry (" + std::to_string(r) + ", " +
                                    std::to_string(c) + ") is not finite");
      }
      m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
    }
  }
  return m;
}

// A per-axis vector of exactly `ndim` finite values, or `fill` when empty.
Result<Vector> ParseAxisVector(const std::vector<double>& values, const char* name, int ndim,
                               double fill) {
  if (values.empty()) return Vector(Vector::Constant(ndim, fill));
  if (values.size() != static_cast<size_t>(ndim)) {
    return InvalidArgumentError(std::string(name) + ": expected " +
                                Count(static_cast<size_t>(ndim), "value") + ", got " +
                                std::to_string(values.size()));
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      return InvalidArgumentError(std::string(name) + ": axis " + std::to_string(i) +
                                  " is not finite");
    }
  }
  return ToVector(values);
}

// napari's cos/sin of an angle in degrees (np.deg2rad, then cos and sin).
void CosSinDegrees(double degrees, double* cos_value, double* sin_value) {
  const double radians = degrees * (std::numbers::pi / 180.0);
  *cos_value = std::cos(radians);
  *sin_value = std::sin(radians);
}

Matrix Rotation2d(double degrees) {
  double c, s;
  CosSinDegrees(degrees, &c, &s);
  Matrix m(2, 2);
  m << c, -s,
       s, c;
  return m;
}

// napari's _make_3d_rotation(alpha, beta, gamma) = R_alpha · R_beta · R_gamma, where
// R_alpha turns axes (0, 1), R_beta axes (0, 2) (with the sign of sin flipped, as a
// right-handed rotation about axis 1) and R_gamma axes (1, 2).
Matrix Rotation3d(double alpha, double beta, double gamma) {
  double ca, sa, cb, sb, cg, sg;
  CosSinDegrees(alpha, &ca, &sa);
  CosSinDegrees(beta, &cb, &sb);
  CosSinDegrees(gamma, &cg, &sg);
  Matrix r_alpha(3, 3), r_beta(3, 3), r_gamma(3, 3);
  r_alpha << ca, -sa, 0,
             sa, ca, 0,
             0, 0, 1;
  r_beta << cb, 0, sb,
            0, 1, 0,
            -sb, 0, cb;
  r_gamma << 1, 0, 0,
             0, cg, -sg,
             0, sg, cg;
  return (r_alpha * r_beta * r_gamma).eval();
}

Result<Matrix> BuildRotate(int ndim, const TransformParameters& p) {
  const int given = (p.rotate_angle ? 1 : 0) + (p.rotate_angles.empty() ? 0 : 1) +
                    (p.rotate_matrix.empty() ? 0 : 1);
  if (given > 1) {
    return InvalidArgumentError("rotate: give one angle, three angles or a matrix, not several");
  }
  if (p.rotate_angle) {
    if (!std::isfinite(*p.rotate_angle)) return InvalidArgumentError("rotate: angle is not finite");
    if (ndim < 2) {
      return InvalidArgumentError("rotate: an angle needs 2 dimensions, layer has " +
                                  std::to_string(ndim));
    }
    return EmbedInIdentity(Rotation2d(*p.rotate_angle), ndim);
  }
  if (!p.rotate_angles.empty()) {
    const auto& a = p.rotate_angles;
    if (a.size() != 3) {
      return InvalidArgumentError("rotate: expected 3 angles, got " + std::to_string(a.size()));
    }
    for (size_t i = 0; i < 3; ++i) {
      if (!std::isfinite(a[i])) {
        return InvalidArgumentError("rotate: angle " + std::to_string(i) + " is not finite");
      }
    }
    if (ndim < 3) {
      return InvalidArgumentError("rotate: three angles need 3 dimensions, layer has " +
                                  std::to_string(ndim));
    }
    return EmbedInIdentity(Rotation3d(a[0], a[1], a[2]), ndim);
  }
  if (!p.rotate_matrix.empty()) {
    ASSIGN_OR_RETURN(Matrix m, ParseSquare(p.rotate_matrix, "rotate", ndim, ndim));
    if (!IsInvertible(m)) return InvalidArgumentError("rotate: matrix is singular");
    return EmbedInIdentity(m, ndim);
  }
  return Matrix(Matrix::Identity(ndim, ndim));
}

// napari's strict-upper-triangle test tolerance (np.allclose with its defaults, against 0).
constexpr double kTriangularTolerance = 1e-8;

Result<Matrix> BuildShear(int ndim, const TransformParameters& p) {
  if (!p.shear_vector.empty() && !p.shear_matrix.empty()) {
    return InvalidArgumentError("shear: give a vector or a matrix, not both");
  }
  if (!p.shear_vector.empty()) {
    // n values fill the strict upper triangle of a k×k matrix: n = k(k-1)/2.
    const size_t n = p.shear_vector.size();
    size_t k = 2;
    while (k * (k - 1) / 2 < n) ++k;
    if (k * (k - 1) / 2 != n) {
      return InvalidArgumentError("shear: " + Count(n, "value") +
                                  " do not fill an upper triangle (expected 1, 3, 6, 10, …)");
    }
    if (k > static_cast<size_t>(ndim)) {
      return InvalidArgumentError("shear: " + Count(n, "value") + " make a " +
                                  std::to_string(k) + "×" + std::to_string(k) +
                                  " matrix, layer has " +
                                  Count(static_cast<size_t>(ndim), "dimension"));
    }
    Matrix m = Matrix::Identity(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
    size_t next = 0;
    for (size_t r = 0; r < k; ++r) {  // row by row, as numpy's boolean-mask assignment
      for (size_t c = r + 1; c < k; ++c) {
        const double value = p.shear_vector[next++];
        if (!std::isfinite(value)) {
          return InvalidArgumentError("shear: value " + std::to_string(next - 1) +
                                      " is not finite");
        }
        m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = value;
      }
    }
    return EmbedInIdentity(m, ndim);
  }
  if (!p.shear_matrix.empty()) {
    ASSIGN_OR_RETURN(Matrix m, ParseSquare(p.shear_matrix, "shear", ndim, ndim));
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
      for (Eigen::Index c = 0; c < r; ++c) {
        if (std::abs(m(r, c)) > kTriangularTolerance) {
          return InvalidArgumentError("shear: matrix must be upper triangular, entry (" +
                                      std::to_string(r) + ", " + std::to_string(c) + ") is " +
                                      FormatNumber(m(r, c)));
        }
      }
    }
    if (!IsInvertible(m)) return InvalidArgumentError("shear: matrix is singular");
    return EmbedInIdentity(m, ndim);
  }
  return Matrix(Matrix::Identity(ndim, ndim));
}

// The user's `affine` as a full ndim-dimensional transform. (ndim+1)² is homogeneous and
// ndim² is linear (the contract in affine.h). A smaller matrix is homogeneous, as napari
// reads every affine, and is embedded at the trailing axes.
Result<Affine> BuildUserAffine(int ndim, const std::vector<std::vector<double>>& rows) {
  if (rows.empty()) return Affine::Identity(ndim);
  ASSIGN_OR_RETURN(Matrix m, ParseSquare(rows, "affine", ndim + 1, ndim));
  const int k = static_cast<int>(m.rows());
  Matrix linear;
  Vector translation;
  if (k == ndim) {
    linear = m;
    translation = Vector::Zero(ndim);
  } else {
    for (int c = 0; c < k; ++c) {
      const double expected = c == k - 1 ? 1.0 : 0.0;
      if (m(k - 1, c) != expected) {
        return InvalidArgumentError("affine: last row of a homogeneous " + std::to_string(k) +
                                    "×" + std::to_string(k) + " matrix must be 0 … 0 1");
      }
    }
    linear = EmbedInIdentity(m.topLeftCorner(k - 1, k - 1), ndim);
    translation = Vector::Zero(ndim);
    translation.tail(k - 1) = m.topRightCorner(k - 1, 1);
  }
  if (!IsInvertible(linear)) return InvalidArgumentError("affine: matrix is singular");
  return Affine::FromParts(FromMatrix(linear), FromVector(translation));
}

}  // namespace

Affine Affine::Identity(int ndim) {
  Affine a;
  a.ndim_ = ndim;
  a.linear_.assign(static_cast<size_t>(ndim) * ndim, 0.0);
  for (int i = 0; i < ndim; ++i) a.linear_[i * ndim + i] = 1.0;
  a.translation_.assign(ndim, 0.0);
  return a;
}

Affine Affine::FromParts(std::vector<double> linear, std::vector<double> translation) {
  assert(linear.size() == translation.size() * translation.size());
  Affine a;
  a.ndim_ = static_cast<int>(translation.size());
  a.linear_ = std::move(linear);
  a.translation_ = std::move(translation);
  return a;
}

std::vector<double> Affine::ApplyLinear(std::span<const double> vector) const {
  assert(vector.size() == static_cast<size_t>(ndim_));
  std::vector<double> out(ndim_, 0.0);
  for (int r = 0; r < ndim_; ++r) {
    double sum = 0.0;
    for (int c = 0; c < ndim_; ++c) sum += linear_[r * ndim_ + c] * vector[c];
    out[r] = sum;
  }
  return out;
}

std::vector<double> Affine::Apply(std::span<const double> point) const {
  std::vector<double> out = ApplyLinear(point);
  for (int r = 0; r < ndim_; ++r) out[r] += translation_[r];
  return out;
}

Affine Affine::Compose(const Affine& inner) const {
  assert(inner.ndim_ == ndim_);
  const Matrix outer_linear = ToMatrix(*this);
  const Matrix linear = outer_linear * ToMatrix(inner);
  const Vector translation = outer_linear * ToVector(inner.translation_) + ToVector(translation_);
  return FromParts(FromMatrix(linear), FromVector(translation));
}

Result<Affine> Affine::Inverse() const {
  const Matrix linear = ToMatrix(*this);
  if (!IsInvertible(linear)) return InvalidArgumentError("affine: matrix is singular");
  const Matrix inverse = Eigen::FullPivLU<Matrix>(linear).inverse();
  const Vector translation = -(inverse * ToVector(translation_));
  return FromParts(FromMatrix(inverse), FromVector(translation));
}

Affine Affine::SubAxes(std::span<const int> axes) const {
  const size_t n = axes.size();
  std::vector<double> linear(n * n);
  std::vector<double> translation(n);
  for (size_t r = 0; r < n; ++r) {
    for (size_t c = 0; c < n; ++c) linear[r * n + c] = this->linear(axes[r], axes[c]);
    translation[r] = translation_[axes[r]];
  }
  return FromParts(std::move(linear), std::move(translation));
}

bool Affine::Couples(std::span<const int> rows, std::span<const int> cols, double tolerance) const {
  for (int r : rows) {
    for (int c : cols) {
      if (std::abs(linear(r, c)) > tolerance) return true;
    }
  }
  return false;
}

std::vector<double> Affine::ColumnScales() const {
  std::vector<double> scales(ndim_);
  for (int c = 0; c < ndim_; ++c) {
    double sum = 0.0;
    for (int r = 0; r < ndim_; ++r) sum += linear(r, c) * linear(r, c);
    scales[c] = std::sqrt(sum);
  }
  return scales;
}

bool Affine::IsIdentity(double tolerance) const {
  for (int r = 0; r < ndim_; ++r) {
    if (std::abs(translation_[r]) > tolerance) return false;
    for (int c = 0; c < ndim_; ++c) {
      if (std::abs(linear(r, c) - (r == c ? 1.0 : 0.0)) > tolerance) return false;
    }
  }
  return true;
}

Result<Affine> BuildLayerTransform(int ndim, const TransformParameters& params) {
  if (ndim < 0) return InvalidArgumentError("transform: negative dimension count");
  ASSIGN_OR_RETURN(Vector scale, ParseAxisVector(params.scale, "scale", ndim, 1.0));
  for (int i = 0; i < ndim; ++i) {
    if (scale(i) == 0.0) {
      return InvalidArgumentError("scale: axis " + std::to_string(i) + " is 0");
    }
  }
  ASSIGN_OR_RETURN(Vector translate, ParseAxisVector(params.translate, "translate", ndim, 0.0));
  ASSIGN_OR_RETURN(Matrix rotate, BuildRotate(ndim, params));
  ASSIGN_OR_RETURN(Matrix shear, BuildShear(ndim, params));
  ASSIGN_OR_RETURN(Affine user, BuildUserAffine(ndim, params.affine));

  // napari's compose_linear_matrix: rotate @ shear @ diag(scale), left to right.
  const Matrix linear = (rotate * shear) * scale.asDiagonal();
  const Affine physical = Affine::FromParts(FromMatrix(linear), FromVector(translate));
  Affine data_to_world = user.Compose(physical);
  if (!IsInvertible(ToMatrix(data_to_world))) {
    return InvalidArgumentError("transform: the combined matrix is singular");
  }
  return data_to_world;
}

}  // namespace stackshot
