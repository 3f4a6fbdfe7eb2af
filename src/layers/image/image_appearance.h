// How an image layer looks: everything the drawer needs besides the slice.
//
// Conventions: values are napari's. Value v maps to
// t = clamp((v - lo) / (hi - lo), 0, 1) ^ gamma, then to the colormap at t.
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "layers/layer.h"

namespace stackshot {

using Rgba = std::array<float, 4>;  // straight (not premultiplied) colour, 0–1

// A colormap by napari name ("viridis", "gray_r") or as a list of colours with
// optional control points (evenly spaced when empty). render/ resolves it.
struct ColormapSpec {
  std::string name = "gray";
  std::vector<Rgba> colors;
  std::vector<float> controls;
  bool is_custom() const { return !colors.empty(); }
};

// napari's 2D interpolation names, with vispy's kernels: nearest; linear (bilinear
// between pixel centres); and the kernels vispy samples from its lookup table over
// a 2R × 2R neighbourhood clamped to the edge pixels (render/spatial_filters.h):
// cubic is the smoothing cubic B-spline, catrom is Catmull-Rom.
enum class Interpolation {
  kNearest, kLinear, kCubic, kCatrom, kSpline16, kSpline36, kGaussian, kBessel, kMitchell,
  kHanning, kHamming, kHermite, kKaiser, kQuadric, kSinc, kLanczos, kBlackman,
};
// Every value, in napari's listing order.
std::span<const Interpolation> AllInterpolations();
const char* InterpolationName(Interpolation interpolation);
Result<Interpolation> ParseInterpolation(const std::string& name);

struct ImageAppearance {
  ColormapSpec colormap;
  std::array<double, 2> contrast_limits = {0.0, 1.0};
  double gamma = 1.0;
  double opacity = 1.0;
  Blending blending = Blending::kTranslucent;
  Interpolation interpolation = Interpolation::kNearest;
};

}  // namespace stackshot
