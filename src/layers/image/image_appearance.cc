#include "layers/image/image_appearance.h"

#include <algorithm>
#include <vector>

#include "nd/nearest_names.h"

namespace stackshot {

namespace {

constexpr Interpolation kAllInterpolations[] = {
    Interpolation::kNearest,  Interpolation::kLinear,  Interpolation::kCubic,    Interpolation::kCatrom,
    Interpolation::kSpline16, Interpolation::kSpline36, Interpolation::kGaussian, Interpolation::kBessel,
    Interpolation::kMitchell, Interpolation::kHanning, Interpolation::kHamming,  Interpolation::kHermite,
    Interpolation::kKaiser,   Interpolation::kQuadric, Interpolation::kSinc,     Interpolation::kLanczos,
    Interpolation::kBlackman};

// napari's other names: vispy's deprecated aliases (say which name replaces them)
// and the user kernel. Known names deserve this rather than a spelling suggestion.
struct UnsupportedName {
  const char* name;
  const char* use;  // the name to use instead, or nullptr
};
constexpr UnsupportedName kNapariOnlyInterpolations[] = {{"bicubic", "cubic"}, {"bilinear", "linear"}, {"custom", nullptr}};

}  // namespace

std::span<const Interpolation> AllInterpolations() { return kAllInterpolations; }

const char* InterpolationName(Interpolation interpolation) {
  switch (interpolation) {
    case Interpolation::kNearest: return "nearest";
    case Interpolation::kLinear: return "linear";
    case Interpolation::kCubic: return "cubic";
    case Interpolation::kCatrom: return "catrom";
    case Interpolation::kSpline16: return "spline16";
    case Interpolation::kSpline36: return "spline36";
    case Interpolation::kGaussian: return "gaussian";
    case Interpolation::kBessel: return "bessel";
    case Interpolation::kMitchell: return "mitchell";
    case Interpolation::kHanning: return "hanning";
    case Interpolation::kHamming: return "hamming";
    case Interpolation::kHermite: return "hermite";
    case Interpolation::kKaiser: return "kaiser";
    case Interpolation::kQuadric: return "quadric";
    case Interpolation::kSinc: return "sinc";
    case Interpolation::kLanczos: return "lanczos";
    case Interpolation::kBlackman: return "blackman";
  }
  return "unknown";
}

Result<Interpolation> ParseInterpolation(const std::string& name) {
  std::vector<std::string> names;
  for (Interpolation interpolation : kAllInterpolations) {
    if (name == InterpolationName(interpolation)) return interpolation;
    names.emplace_back(InterpolationName(interpolation));
  }
  for (const UnsupportedName& unsupported : kNapariOnlyInterpolations) {
    if (name != unsupported.name) continue;
    if (unsupported.use) {
      return InvalidArgumentError("interpolation '" + name + "' is not supported (a deprecated alias: use '" +
                                  unsupported.use + "')");
    }
    std::string valid;
    for (const std::string& known : names) valid += (valid.empty() ? "" : ", ") + known;
    return InvalidArgumentError("interpolation '" + name + "' is not supported (valid: " + valid + ")");
  }
  return InvalidArgumentError("unknown interpolation '" + name + "' (" + SuggestNames(name, names) + ")");
}

}  // namespace stackshot
