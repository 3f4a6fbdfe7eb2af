#include "anim/easing.h"

#include <cmath>
#include <numbers>

#include "nd/nearest_names.h"

namespace stackshot {
namespace {

constexpr double kPi = std::numbers::pi;

double BounceOut(double p) {
  if (p < 4 / 11.0) return (121 * p * p) / 16.0;
  if (p < 8 / 11.0) return ((363 / 40.0) * p * p) - ((99 / 10.0) * p) + (17 / 5.0);
  if (p < 9 / 10.0) return ((4356 / 361.0) * p * p) - ((35442 / 1805.0) * p) + (16061 / 1805.0);
  return ((54 / 5.0) * p * p) - ((513 / 25.0) * p) + (268 / 25.0);
}

double BounceIn(double p) { return 1 - BounceOut(1 - p); }

double Eased(Ease ease, double p) {
  switch (ease) {
    case Ease::kLinear:
      return p;
    case Ease::kQuadratic:
      return p < 0.5 ? 2 * p * p : (-2 * p * p) + (4 * p) - 1;
    case Ease::kCubic: {
      if (p < 0.5) return 4 * p * p * p;
      const double f = (2 * p) - 2;
      return (0.5 * f * f * f) + 1;
    }
    case Ease::kQuintic: {
      if (p < 0.5) return 16 * p * p * p * p * p;
      const double f = (2 * p) - 2;
      return (0.5 * f * f * f * f * f) + 1;
    }
    case Ease::kSine:
      return 0.5 * (1 - std::cos(p * kPi));
    case Ease::kCircular:
      if (p < 0.5) return 0.5 * (1 - std::sqrt(1 - 4 * (p * p)));
      return 0.5 * (std::sqrt(-((2 * p) - 3) * ((2 * p) - 1)) + 1);
    case Ease::kExponential:
      if (p == 0.0 || p == 1.0) return p;
      if (p < 0.5) return 0.5 * std::pow(2.0, (20 * p) - 10);
      return -0.5 * std::pow(2.0, (-20 * p) + 10) + 1;
    case Ease::kElastic: {
      // The documented damped sine, 13π/2 per unit: continuous at 0.5.
      const double w = 13 * kPi / 2;
      if (p < 0.5) return 0.5 * std::sin(w * (2 * p)) * std::pow(2.0, 10 * ((2 * p) - 1));
      return 0.5 * (std::sin(-w * ((2 * p - 1) + 1)) * std::pow(2.0, -10 * (2 * p - 1)) + 2);
    }
    case Ease::kBack: {
      if (p < 0.5) {
        const double f = 2 * p;
        return 0.5 * (f * f * f - f * std::sin(f * kPi));
      }
      const double f = 1 - (2 * p - 1);
      return (0.5 * (1 - (f * f * f - f * std::sin(f * kPi)))) + 0.5;
    }
    case Ease::kBounce:
      return p < 0.5 ? 0.5 * BounceIn(p * 2) : (0.5 * BounceOut(p * 2 - 1)) + 0.5;
  }
  return p;
}

}  // namespace

const std::vector<std::string>& EaseNames() {
  static const std::vector<std::string> names = {"linear",      "quadratic", "cubic", "quintic", "sine",
                                                 "circular",    "exponential", "elastic", "back", "bounce"};
  return names;
}

const char* EaseName(Ease ease) { return EaseNames()[static_cast<size_t>(ease)].c_str(); }

Result<Ease> ParseEase(const std::string& name) {
  const auto& names = EaseNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Ease>(i);
  }
  return InvalidArgumentError("unknown ease '" + name + "' (" + SuggestNames(name, names) + ")");
}

double ApplyEase(Ease ease, double t) {
  // The ends are exact whatever the formula's rounding: the last frame is the keyframe.
  if (t <= 0) return 0;
  if (t >= 1) return 1;
  return Eased(ease, t);
}

double SineEaseIn(double t) { return std::sin((t - 1) * (kPi / 2)) + 1; }
double SineEaseOut(double t) { return std::sin(t * (kPi / 2)); }

}  // namespace stackshot
