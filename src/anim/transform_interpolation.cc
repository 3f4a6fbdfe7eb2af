#include "anim/transform_interpolation.h"

#include <Eigen/Dense>
#include <Eigen/Geometry>
#include <unsupported/Eigen/MatrixFunctions>

#include <cmath>

#include "anim/interpolation.h"

namespace stackshot {
namespace {

using Matrix = Eigen::MatrixXd;

Matrix ToMatrix(const MatrixRows& rows) {
  const Eigen::Index k = static_cast<Eigen::Index>(rows.size());
  Matrix m(k, k);
  for (Eigen::Index r = 0; r < k; ++r) {
    for (Eigen::Index c = 0; c < k; ++c) m(r, c) = rows[static_cast<size_t>(r)][static_cast<size_t>(c)];
  }
  return m;
}

MatrixRows ToRows(const Matrix& m) {
  MatrixRows rows(static_cast<size_t>(m.rows()), std::vector<double>(static_cast<size_t>(m.cols())));
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) rows[static_cast<size_t>(r)][static_cast<size_t>(c)] = m(r, c);
  }
  return rows;
}

// napari's embed_in_identity_matrix: `small` at the bottom-right corner.
Matrix Embed(const Matrix& small, Eigen::Index size) {
  Matrix full = Matrix::Identity(size, size);
  full.bottomRightCorner(small.rows(), small.cols()) = small;
  return full;
}

Matrix Lerp(const Matrix& a, const Matrix& b, double f) { return a + (b - a) * f; }

bool HasRotate(const TransformParameters& p) {
  return p.rotate_angle || !p.rotate_angles.empty() || !p.rotate_matrix.empty();
}

bool HasShear(const TransformParameters& p) { return !p.shear_vector.empty() || !p.shear_matrix.empty(); }

// Slerp between two proper rotations on the shorter arc.
Matrix SlerpRotation(const Matrix& qa, const Matrix& qb, double f) {
  const Eigen::Index k = qa.rows();
  if (k == 1) return qa;
  const Matrix relative = qa.transpose() * qb;
  if (k == 2) {
    const double angle = std::atan2(relative(1, 0), relative(0, 0)) * f;
    Matrix step(2, 2);
    step << std::cos(angle), -std::sin(angle), std::sin(angle), std::cos(angle);
    return qa * step;
  }
  if (k == 3) {
    const Eigen::Matrix3d ma = qa;
    const Eigen::Matrix3d mb = qb;
    const Eigen::Quaterniond from(ma);
    const Eigen::Quaterniond to(mb);
    return Matrix(from.slerp(f, to).toRotationMatrix());
  }
  // Higher dims: the geodesic through the matrix logarithm (skew-symmetric).
  const Matrix log = relative.log();
  return qa * (log * f).exp();
}

// M = Q·P (Q orthogonal, P symmetric) by the SVD: Q = U·Vᵀ, P = V·Σ·Vᵀ.
void Polar(const Matrix& m, Matrix& q, Matrix& p) {
  Eigen::JacobiSVD<Matrix> svd(m, Eigen::ComputeFullU | Eigen::ComputeFullV);
  q = svd.matrixU() * svd.matrixV().transpose();
  p = svd.matrixV() * svd.singularValues().asDiagonal() * svd.matrixV().transpose();
}

// A linear map between two of the same size: rotation part slerps, stretch lerps.
Matrix InterpolateLinear(const Matrix& a, const Matrix& b, double f) {
  Matrix qa, pa, qb, pb;
  Polar(a, qa, pa);
  Polar(b, qb, pb);
  const bool reflect_a = qa.determinant() < 0;
  const bool reflect_b = qb.determinant() < 0;
  if (reflect_a != reflect_b) return f < 0.5 ? a : b;
  Matrix flip = Matrix::Identity(a.rows(), a.cols());
  if (reflect_a) flip(a.rows() - 1, a.cols() - 1) = -1;  // Q = Q'·E with Q' proper
  const Matrix q = SlerpRotation(qa * flip, qb * flip, f) * flip;
  return q * Lerp(pa, pb, f);
}

// The rotate parts as a square matrix (an angle: 2×2; three angles: 3×3).
Result<Matrix> RotateMatrix(const TransformParameters& p) {
  const int k = p.rotate_angle ? 2 : !p.rotate_angles.empty() ? 3 : static_cast<int>(p.rotate_matrix.size());
  TransformParameters only;
  only.rotate_angle = p.rotate_angle;
  only.rotate_angles = p.rotate_angles;
  only.rotate_matrix = p.rotate_matrix;
  ASSIGN_OR_RETURN(Affine built, BuildLayerTransform(k, only));
  Matrix m(k, k);
  for (int r = 0; r < k; ++r) {
    for (int c = 0; c < k; ++c) m(r, c) = built.linear(r, c);
  }
  return m;
}

// The shear parts as a full upper-triangular matrix.
Matrix ShearMatrix(const TransformParameters& p) {
  if (!p.shear_matrix.empty()) return ToMatrix(p.shear_matrix);
  const size_t n = p.shear_vector.size();
  Eigen::Index k = 2;
  while (static_cast<size_t>(k * (k - 1) / 2) < n) ++k;
  Matrix m = Matrix::Identity(k, k);
  size_t next = 0;
  for (Eigen::Index r = 0; r < k; ++r) {
    for (Eigen::Index c = r + 1; c < k && next < n; ++c) m(r, c) = p.shear_vector[next++];
  }
  return m;
}

bool HomogeneousLastRow(const Matrix& m) {
  const Eigen::Index k = m.rows();
  if (k < 2) return false;
  for (Eigen::Index c = 0; c < k; ++c) {
    if (m(k - 1, c) != (c == k - 1 ? 1.0 : 0.0)) return false;
  }
  return true;
}

}  // namespace

std::vector<double> InterpolateScale(const std::vector<double>& a, const std::vector<double>& b, double f) {
  if (a.size() != b.size()) return f < 0.5 ? a : b;
  std::vector<double> out(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    if ((a[i] > 0) != (b[i] > 0)) {
      out[i] = f < 0.5 ? a[i] : b[i];
    } else {
      const double sign = a[i] < 0 ? -1.0 : 1.0;
      out[i] = sign * LerpLog(std::abs(a[i]), std::abs(b[i]), f);
    }
  }
  return out;
}

Result<TransformParameters> InterpolateRotate(const TransformParameters& a, const TransformParameters& b, double f) {
  TransformParameters out;
  if (a.rotate_angle && b.rotate_angle) {
    out.rotate_angle = LerpNumber(*a.rotate_angle, *b.rotate_angle, f);
    return out;
  }
  ASSIGN_OR_RETURN(Matrix ma, RotateMatrix(a));
  ASSIGN_OR_RETURN(Matrix mb, RotateMatrix(b));
  const Eigen::Index k = std::max(ma.rows(), mb.rows());
  out.rotate_matrix = ToRows(InterpolateLinear(Embed(ma, k), Embed(mb, k), f));
  return out;
}

TransformParameters InterpolateShear(const TransformParameters& a, const TransformParameters& b, double f) {
  TransformParameters out;
  if (!a.shear_vector.empty() && a.shear_vector.size() == b.shear_vector.size()) {
    out.shear_vector.resize(a.shear_vector.size());
    for (size_t i = 0; i < a.shear_vector.size(); ++i) {
      out.shear_vector[i] = LerpNumber(a.shear_vector[i], b.shear_vector[i], f);
    }
    return out;
  }
  const Matrix ma = ShearMatrix(a);
  const Matrix mb = ShearMatrix(b);
  const Eigen::Index k = std::max(ma.rows(), mb.rows());
  out.shear_matrix = ToRows(Lerp(Embed(ma, k), Embed(mb, k), f));
  return out;
}

Result<MatrixRows> InterpolateAffine(const MatrixRows& a, const MatrixRows& b, double f) {
  if (a.size() != b.size()) return f < 0.5 ? a : b;
  const Matrix ma = ToMatrix(a);
  const Matrix mb = ToMatrix(b);
  if (!ma.allFinite() || !mb.allFinite()) return InvalidArgumentError("affine: matrix is not finite");
  const Eigen::Index k = ma.rows();
  if (HomogeneousLastRow(ma) && HomogeneousLastRow(mb)) {
    Matrix out = Matrix::Identity(k, k);
    out.topLeftCorner(k - 1, k - 1) =
        InterpolateLinear(ma.topLeftCorner(k - 1, k - 1), mb.topLeftCorner(k - 1, k - 1), f);
    out.topRightCorner(k - 1, 1) = Lerp(ma.topRightCorner(k - 1, 1), mb.topRightCorner(k - 1, 1), f);
    return ToRows(out);
  }
  return ToRows(InterpolateLinear(ma, mb, f));
}

Status InterpolateTransform(const LayerState& a, const LayerState& b, double f, LayerState& out) {
  // `out` starts as a copy of `a`. A part equal on both sides is left as it is: its
  // interpolation (a log-lerped scale, a slerp of equal rotations) could move its last
  // bits, and a layer whose transform moves is sliced again.
  if ((a.scale || b.scale) && a.scale != b.scale) {
    const std::vector<double>& shape = a.scale ? *a.scale : *b.scale;
    out.scale = InterpolateScale(a.scale.value_or(std::vector<double>(shape.size(), 1.0)),
                                 b.scale.value_or(std::vector<double>(shape.size(), 1.0)), f);
  }
  if ((a.translate || b.translate) && a.translate != b.translate) {
    const std::vector<double>& shape = a.translate ? *a.translate : *b.translate;
    const std::vector<double> from = a.translate.value_or(std::vector<double>(shape.size(), 0.0));
    const std::vector<double> to = b.translate.value_or(std::vector<double>(shape.size(), 0.0));
    if (from.size() != to.size()) {
      out.translate = f < 0.5 ? from : to;
    } else {
      std::vector<double> values(from.size());
      for (size_t i = 0; i < values.size(); ++i) values[i] = LerpNumber(from[i], to[i], f);
      out.translate = std::move(values);
    }
  }
  const bool rotate_a = a.rotate && HasRotate(*a.rotate);
  const bool rotate_b = b.rotate && HasRotate(*b.rotate);
  if ((rotate_a || rotate_b) && a.rotate != b.rotate) {
    // The default has the other side's form: angle 0, or the identity.
    const TransformParameters& shape = rotate_a ? *a.rotate : *b.rotate;
    TransformParameters identity;
    if (shape.rotate_angle) {
      identity.rotate_angle = 0.0;
    } else if (!shape.rotate_angles.empty()) {
      identity.rotate_angles = {0.0, 0.0, 0.0};
    } else {
      const auto k = static_cast<Eigen::Index>(shape.rotate_matrix.size());
      identity.rotate_matrix = ToRows(Matrix::Identity(k, k));
    }
    Result<TransformParameters> rotate =
        InterpolateRotate(rotate_a ? *a.rotate : identity, rotate_b ? *b.rotate : identity, f);
    if (!rotate.ok()) return rotate.status();
    out.rotate = std::move(*rotate);
  }
  const bool shear_a = a.shear && HasShear(*a.shear);
  const bool shear_b = b.shear && HasShear(*b.shear);
  if ((shear_a || shear_b) && a.shear != b.shear) {
    TransformParameters none;  // ShearMatrix of no values: the 2×2 identity, embedded
    out.shear = InterpolateShear(shear_a ? *a.shear : none, shear_b ? *b.shear : none, f);
  }
  if (((a.affine && !a.affine->empty()) || (b.affine && !b.affine->empty())) && a.affine != b.affine) {
    const MatrixRows& shape = a.affine && !a.affine->empty() ? *a.affine : *b.affine;
    const Eigen::Index k = static_cast<Eigen::Index>(shape.size());
    const MatrixRows identity = ToRows(Matrix::Identity(k, k));
    const MatrixRows& from = a.affine && !a.affine->empty() ? *a.affine : identity;
    const MatrixRows& to = b.affine && !b.affine->empty() ? *b.affine : identity;
    ASSIGN_OR_RETURN(out.affine, InterpolateAffine(from, to, f));
  }
  return Status::Ok();
}

}  // namespace stackshot
