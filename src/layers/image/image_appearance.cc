#include "layers/image/image_appearance.h"

#include <algorithm>
#include <vector>

#include "nd/nearest_names.h"

namespace stackshot {

namespace {

constexpr Interpolation kAllInterpolations[] = {Interpolation::kNearest, Interpolation::kLinear,
                                                Interpolation::kCubic};

// napari's other 2D interpolation modes: known names deserve "not supported yet"
// rather than a spelling suggestion.
constexpr const char* kNapariOnlyInterpolations[] = {
    "bessel",  "bicubic", "bilinear", "blackman", "catrom",   "custom",  "gaussian", "hamming",
    "hanning", "hermite", "kaiser",   "lanczos",  "mitchell", "quadric", "sinc",     "spline16",
    "spline36"};

}  // namespace

const char* InterpolationName(Interpolation interpolation) {
  switch (interpolation) {
    case Interpolation::kNearest: return "nearest";
    case Interpolation::kLinear: return "linear";
    case Interpolation::kCubic: return "cubic";
  }
  return "unknown";
}

Result<Interpolation> ParseInterpolation(const std::string& name) {
  std::vector<std::string> names;
  for (Interpolation interpolation : kAllInterpolations) {
    if (name == InterpolationName(interpolation)) return interpolation;
    names.emplace_back(InterpolationName(interpolation));
  }
  if (std::find(std::begin(kNapariOnlyInterpolations), std::end(kNapariOnlyInterpolations), name) !=
      std::end(kNapariOnlyInterpolations)) {
    return InvalidArgumentError("interpolation '" + name + "' is not supported yet (valid: nearest, linear, cubic)");
  }
  return InvalidArgumentError("unknown interpolation '" + name + "' (" + SuggestNames(name, names) + ")");
}

}  // namespace stackshot
