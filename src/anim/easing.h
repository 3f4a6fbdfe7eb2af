// Easing: how a transition between two keyframes speeds up and slows down.
//
// The ten in-out easings of napari-animation (its `Easing` enum), by the same names
// and with the same values (at t = 0.25: quadratic 0.125, cubic 0.0625, sine
// 0.146447, exponential 0.015625, bounce 0.140625). Two of napari-animation's
// formulas disagree with their own documentation, and stackshot follows the
// documentation: its elastic uses a full period (13·2π) where the formula says 13π/2,
// which makes the curve jump at t = 0.5; and its sine in / out use a full turn where a
// quarter is meant. Every easing maps 0 → 0 and 1 → 1 exactly.
#pragma once

#include <string>
#include <vector>

#include "nd/status.h"

namespace stackshot {

enum class Ease { kLinear, kQuadratic, kCubic, kQuintic, kSine, kCircular, kExponential, kElastic, kBack, kBounce };

const char* EaseName(Ease ease);
// The ten names, in napari-animation's order.
const std::vector<std::string>& EaseNames();
// "unknown ease 'cubc' (nearest: cubic)".
Result<Ease> ParseEase(const std::string& name);

// The eased fraction for t in [0, 1].
double ApplyEase(Ease ease, double t);

// The one-sided sine easings, with napari-animation's full-turn defect fixed
// (quarter cycle): exposed for tests and for the in-out definition.
double SineEaseIn(double t);
double SineEaseOut(double t);

}  // namespace stackshot
