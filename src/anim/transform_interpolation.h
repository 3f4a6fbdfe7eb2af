// Interpolation of a layer's transform parts between two states (docs/animation.md,
// "Layer transforms"). napari-animation lerps a rotation matrix elementwise, which
// shrinks and shears the data on the way; here rotations stay rotations.
//
// - translate lerps; scale interpolates per axis in log space, as camera zoom (1 → 4
//   passes 2); a scale whose sign flips switches at the midpoint (a lerp would pass 0,
//   a singular transform).
// - shear: vectors of one length lerp; otherwise both become upper-triangular
//   matrices (the smaller embedded at the trailing axes) and lerp elementwise.
// - rotate: two scalar angles (2D, degrees) lerp the angle, so 0 → 270 turns 270°.
//   Any other pair becomes rotation matrices (three angles by napari's convention),
//   the smaller embedded at the trailing axes, and interpolates by polar
//   decomposition M = Q·P: Q by slerp on the shorter arc (2D: the angle; 3D: unit
//   quaternions; more: the matrix logarithm), P (symmetric) lerps. A pure rotation
//   has P = I, so every in-between matrix is orthonormal with determinant 1.
// - affine: a matrix whose last row is 0 … 0 1 splits into its linear block and
//   translation column; the linear part interpolates as a rotate matrix (Q slerps,
//   the stretch P lerps), the translation lerps. Matrices of different sizes switch.
// - A reflection (determinant < 0) on both sides is kept; on one side only the
//   value switches at the midpoint.
// A part set on one side only interpolates from (to) napari's default of the same
// shape: scale 1, translate 0, no rotation or shear, the identity affine.
#pragma once

#include <vector>

#include "anim/view_state.h"
#include "nd/affine.h"
#include "nd/status.h"

namespace stackshot {

using MatrixRows = std::vector<std::vector<double>>;

std::vector<double> InterpolateScale(const std::vector<double>& a, const std::vector<double>& b, double f);
// The rotate parts (rotate_angle, rotate_angles, rotate_matrix) of `a` and `b`.
Result<TransformParameters> InterpolateRotate(const TransformParameters& a, const TransformParameters& b, double f);
// The shear parts (shear_vector, shear_matrix).
TransformParameters InterpolateShear(const TransformParameters& a, const TransformParameters& b, double f);
Result<MatrixRows> InterpolateAffine(const MatrixRows& a, const MatrixRows& b, double f);

// Sets `out`'s transform parts between those of `a` and `b`; `out` starts as a copy
// of `a`, and a part equal on both sides keeps its exact values.
Status InterpolateTransform(const LayerState& a, const LayerState& b, double f, LayerState& out);

}  // namespace stackshot
