// Private to render/: the per-pixel arithmetic shared by Colormap::Map, BlendPixel
// and the image drawer's inner loops. Inline, so the loops pay no call per pixel,
// and shared, so every path computes the same bits.
#pragma once

#include <algorithm>
#include <type_traits>

#include "layers/image/image_appearance.h"
#include "layers/layer.h"

namespace stackshot {

// The one place a blending mode chosen at run time becomes a template argument:
// calls f(std::integral_constant<Blending, mode>{}) (an unknown value: translucent).
template <typename F>
inline decltype(auto) WithBlendingMode(Blending mode, F&& f) {
  using B = Blending;
  switch (mode) {
    case B::kOpaque: return f(std::integral_constant<B, B::kOpaque>{});
    case B::kTranslucent: break;
    case B::kTranslucentNoDepth: return f(std::integral_constant<B, B::kTranslucentNoDepth>{});
    case B::kAdditive: return f(std::integral_constant<B, B::kAdditive>{});
    case B::kMinimum: return f(std::integral_constant<B, B::kMinimum>{});
  }
  return f(std::integral_constant<B, B::kTranslucent>{});
}

// Four floats in one SIMD register (GCC/Clang vector extension). Every lane is
// plain IEEE float arithmetic, so the bits equal the scalar expressions.
using Float4 = float __attribute__((vector_size(16)));

inline Float4 Load4(const float* p) {
  Float4 v;
  __builtin_memcpy(&v, p, sizeof(v));
  return v;
}
inline void Store4(float* p, Float4 v) { __builtin_memcpy(p, &v, sizeof(v)); }
// Clamps every lane to [0, 1]; NaN becomes 0.
inline Float4 Clamp01(Float4 v) {
  const Float4 zero = {0, 0, 0, 0};
  const Float4 one = {1, 1, 1, 1};
#if defined(__SSE__)
  // maxps(v, zero) is v > zero ? v : zero (NaN and −0 give +0), minps(x, one) is
  // x < one ? x : one: the same bits in two instructions.
  return __builtin_ia32_minps(__builtin_ia32_maxps(v, zero), one);
#else
  v = v > zero ? v : zero;
  return v < one ? v : one;
#endif
}

// Where t falls in a colormap: colors[index] + (colors[index + 1] - colors[index])
// × frac. frac 0 gives colors[index] exactly, also for the last colour.
struct ColormapPosition {
  int index;
  float frac;
};

// Linear interpolation between control points (controls[0] = 0 ≤ … ≤ controls[n-1]
// = 1, n ≥ 2). t is clamped to [0, 1]; NaN counts as 0.
inline ColormapPosition LocateInColormap(const float* controls, int n, float t) {
  if (!(t > 0.0f)) t = 0.0f;
  // The ends give their colours exactly (a + (b - a) × 1 need not be b).
  if (t >= controls[n - 1]) return {n - 1, 0.0f};
  // Guess the interval as if the controls were evenly spaced (they are for every
  // named map), then walk to the one with controls[i] <= t < controls[i+1].
  int i = static_cast<int>(t * static_cast<float>(n - 1));
  i = std::clamp(i, 0, n - 2);
  while (i > 0 && t < controls[i]) --i;
  while (i < n - 2 && t >= controls[i + 1]) ++i;
  const float width = controls[i + 1] - controls[i];
  if (!(width > 0.0f)) return {i + 1, 0.0f};
  return {i, (t - controls[i]) / width};
}

inline Float4 ColorAt(const Rgba* colors, int n, ColormapPosition position) {
  const Float4 a = Load4(colors[position.index].data());
  const Float4 b = Load4(colors[std::min(position.index + 1, n - 1)].data());
  return a + (b - a) * position.frac;
}

inline Rgba ColormapLookup(const float* controls, const Rgba* colors, int n, float t) {
  const Float4 c = ColorAt(colors, n, LocateInColormap(controls, n, t));
  return {c[0], c[1], c[2], c[3]};
}

// color is straight RGB (lane 3 is ignored); a is the source alpha with the layer
// opacity applied. Lane 3 carries the alpha channel through the same expression as
// the colour where the formula allows, with a source value of 1 (1 × a is a).
template <Blending kMode>
inline void BlendColor(float* dst, Float4 color, float a) {
  color[3] = 1.0f;
  const Float4 d = Load4(dst);
  if constexpr (kMode == Blending::kOpaque) {
    // napari draws opaque layers with GL blending off: the colour replaces the pixel.
    Store4(dst, Clamp01(color));
  } else if constexpr (kMode == Blending::kTranslucent || kMode == Blending::kTranslucentNoDepth) {
    // rgb = src × a + dst × (1 - a); alpha = a + dst_alpha × (1 - a).
    const float keep = 1.0f - a;
    Store4(dst, Clamp01(color * a + d * keep));
  } else if constexpr (kMode == Blending::kAdditive) {
    // rgb = dst + src × a; alpha = dst_alpha + a.
    Store4(dst, Clamp01(d + color * a));
  } else {
    static_assert(kMode == Blending::kMinimum);
    // The source is first blended over white by its alpha; GL's min equation then
    // keeps the darker value. The fragment's alpha is 1, so min leaves dst alpha.
    const float keep = 1.0f - a;
    const Float4 over_white = color * a + keep;
    Float4 out = d < over_white ? d : over_white;
    out[3] = d[3];
    Store4(dst, Clamp01(out));
  }
}

// src is straight RGBA with the layer opacity already in its alpha.
template <Blending kMode>
inline void BlendInline(float* dst, const float* src) {
  BlendColor<kMode>(dst, Load4(src), src[3]);
}

}  // namespace stackshot
