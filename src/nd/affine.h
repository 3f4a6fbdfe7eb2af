// Affine transforms between a layer's data coordinates and world coordinates.
//
// Conventions (napari's): axes are numpy-ordered, slowest first. A layer's
// data → world transform is affine ∘ (translate · rotate · shear · scale), so its
// linear part is A · R · Sh · S. Angles are in degrees. A transform of fewer
// dimensions than a layer is embedded in the identity at the trailing axes, as
// napari embeds a 2D rotation in an nD layer.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "nd/status.h"

namespace stackshot {

class Affine {
 public:
  Affine() = default;                   // 0-dimensional identity
  static Affine Identity(int ndim);
  // `linear` is row-major ndim×ndim.
  static Affine FromParts(std::vector<double> linear, std::vector<double> translation);

  int ndim() const { return ndim_; }
  double linear(int row, int col) const { return linear_[row * ndim_ + col]; }
  double translation(int axis) const { return translation_[axis]; }
  const std::vector<double>& linear_row_major() const { return linear_; }
  const std::vector<double>& translation_vector() const { return translation_; }

  std::vector<double> Apply(std::span<const double> point) const;
  // The linear part alone (for directions and sizes).
  std::vector<double> ApplyLinear(std::span<const double> vector) const;

  // `*this ∘ inner`: applies `inner` first.
  Affine Compose(const Affine& inner) const;
  // Fails when the linear part is singular.
  Result<Affine> Inverse() const;

  // The transform restricted to `axes` (rows and columns of the linear part, entries
  // of the translation), as napari slices with world→data restricted to the
  // non-displayed axes.
  Affine SubAxes(std::span<const int> axes) const;
  // True when some output axis in `rows` depends on some input axis in `cols`.
  bool Couples(std::span<const int> rows, std::span<const int> cols, double tolerance = 1e-12) const;
  // Per-axis scale magnitude: the norm of each column of the linear part.
  std::vector<double> ColumnScales() const;
  bool IsIdentity(double tolerance = 0.0) const;

 private:
  int ndim_ = 0;
  std::vector<double> linear_;
  std::vector<double> translation_;
};

// napari's layer transform parameters; every field is optional.
struct TransformParameters {
  std::vector<double> scale;      // per axis, default 1
  std::vector<double> translate;  // per axis, default 0
  // A scalar angle (2D, trailing two axes), three angles (3D, trailing three axes),
  // or a full square matrix.
  std::optional<double> rotate_angle;
  std::vector<double> rotate_angles;
  std::vector<std::vector<double>> rotate_matrix;
  // A vector fills the strict upper triangle row by row; or a full upper-triangular
  // square matrix.
  std::vector<double> shear_vector;
  std::vector<std::vector<double>> shear_matrix;
  // (ndim+1)×(ndim+1) homogeneous or ndim×ndim linear matrix applied last.
  std::vector<std::vector<double>> affine;

  bool operator==(const TransformParameters&) const = default;
};

// data → world for an `ndim`-dimensional layer. Fails on wrong lengths, a zero scale
// or a singular result, naming the offending parameter.
Result<Affine> BuildLayerTransform(int ndim, const TransformParameters& params);

}  // namespace stackshot
