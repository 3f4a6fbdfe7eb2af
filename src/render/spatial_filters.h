// Private to render/: the weights of napari's interpolation kernels, as vispy's
// image shader computes them (vispy/glsl/misc/spatial-filters.frag).
//
// Principles:
// - napari shows what vispy's table gives, quirks included, not the textbook
//   kernel: the table is sampled at d = i * R / 1023 but read at 1024 * d / R, each
//   entry is normalised with its mirror entries, entries read back 256/255 too large
//   (bytes packed as base-256 digits, read as digit / 255), and sinc's peak entry
//   wrapped to 0 when packed. So weights do not quite sum to 1 (about 1.008 for
//   R = 2).
// - Weights come from the committed table and IEEE arithmetic only (no libm), so
//   they are the same on every CPU.
//
// Rule (filter2D_radiusR): at plane coordinate x (pixel centres at integers) with
// f = x - floor(x), the 2R taps are the pixels floor(x) - R + 1 … floor(x) + R
// (clamped to the edge pixels); the tap at offset o has distance |f - o|, and its
// weight is the table read at position p = 1024 * distance / R, linearly between
// entries floor(p) and floor(p) + 1 (the last entry repeated past the end).
// Columns are filtered first, then the rows of those results.
#pragma once

#include <cstdint>

#include "layers/image/image_appearance.h"

namespace stackshot {

struct SpatialFilter {
  int radius = 0;
  // kSpatialFilterSize + 2 weights: the table's entries as the shader reads them,
  // the last repeated twice so position 1024 needs no clamp.
  const double* weights = nullptr;
};

// The kernel napari draws `interpolation` with; radius 0 for nearest and linear,
// which vispy leaves to the GPU's own filtering.
SpatialFilter FindSpatialFilter(Interpolation interpolation);

// The weight at table position p in [0, 1024].
inline double SpatialFilterWeightAt(const double* weights, double p) {
  const int64_t i = static_cast<int64_t>(p);
  const double frac = p - static_cast<double>(i);
  return weights[i] + (weights[i + 1] - weights[i]) * frac;
}

// The weight a tap at `distance` (0 ≤ distance ≤ radius) gets.
inline double SpatialFilterWeight(const SpatialFilter& filter, double distance) {
  return SpatialFilterWeightAt(filter.weights, distance * (1024.0 / filter.radius));
}

// The 2R weights for fraction f (taps floor(x) - R + 1 … floor(x) + R, in order).
template <int kRadius>
inline void SpatialFilterWeights(const double* weights, double f, double w[2 * kRadius]) {
  constexpr double kPerPixel = 1024.0 / kRadius;
  for (int k = 0; k < kRadius; ++k) {
    w[k] = SpatialFilterWeightAt(weights, (f + (kRadius - 1 - k)) * kPerPixel);
  }
  for (int k = kRadius; k < 2 * kRadius; ++k) {
    w[k] = SpatialFilterWeightAt(weights, ((k - kRadius + 1) - f) * kPerPixel);
  }
}

// The weight the shader reads for one packed entry: P / (255 * 2^24) * scale + bias,
// with bias and scale as GLSL float constants.
double UnpackSpatialFilterEntry(uint32_t packed);

}  // namespace stackshot
