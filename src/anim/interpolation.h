// Interpolation between two resolved states (napari-animation's rules, with its
// known defects fixed; docs/animation.md lists the differences).
//
// - Numbers lerp: a + (b − a)·f. An integer start truncates toward zero, as
//   napari-animation's type(a)(…) does (LerpInteger).
// - Camera zoom interpolates in log10 space, so a zoom from 1 to 100 passes 10 at
//   the midpoint.
// - Camera angles (Euler ZYX, degrees, as napari) interpolate by quaternion slerp on
//   the shorter arc; `turns` on the destination keyframe adds full turns about the
//   same axis (a negative count runs the other way: −1 takes the longer arc). When
//   both orientations are equal, the turns are about world axis z (the first Euler
//   angle), which is what an orbit wants.
// - Colours and colormaps crossfade: at f the colormap maps t to
//   (1 − f)·A(t) + f·B(t), exactly, as a colour list on the union of both control
//   points (napari-animation switches colormaps); a colour (points, shapes,
//   vectors) is (1 − f)·a + f·b channel by channel, alpha included.
// - Layer transforms (scale, translate, rotate, shear, affine): rotations stay
//   rotations (transform_interpolation.h).
// - `visible`, a boolean, switches at the first in-between frame (b for f > 0), as
//   napari-animation: a layer fading in from hidden shows from its first faint frame.
// - Other discrete values (blending, interpolation, ndisplay, order) switch at the
//   midpoint: a for f < 0.5, b from 0.5 on.
// f = 0 gives `a` and f = 1 gives `b` exactly, field by field.
#pragma once

#include <array>
#include <cstdint>

#include "anim/view_state.h"
#include "nd/status.h"

namespace stackshot {

double LerpNumber(double a, double b, double f);
int64_t LerpInteger(int64_t a, int64_t b, double f);
double LerpLog(double a, double b, double f);
std::array<double, 3> SlerpAngles(const std::array<double, 3>& a, const std::array<double, 3>& b, double f,
                                  int turns = 0);
Result<ColormapSpec> BlendColormaps(const ColormapSpec& a, const ColormapSpec& b, double f);

// Field by field between two resolved states (fields unset in either stay as in
// `a`). `f` is the eased fraction; `turns` those of the destination keyframe.
Result<ViewState> InterpolateState(const ViewState& a, const ViewState& b, double f, int turns = 0);

}  // namespace stackshot
