// Private to render/: vispy's marker shapes as signed distances, and its marker
// fragment rule (the border centred on the outline, a Gaussian antialiased edge),
// which napari's points use. Distances are in screen pixels; (x, y) is the offset
// of a pixel centre from the marker centre, y downwards as gl_PointCoord; `v` is
// the marker's diameter in pixels.
#pragma once

#include <algorithm>
#include <cmath>

#include "layers/points/points_appearance.h"
#include "render/pixel_kernels.h"

namespace stackshot {

template <PointSymbol kSymbol>
inline float MarkerDistance(float x, float y, float v) {
  constexpr float kSqrt2 = 1.41421356f;
  constexpr float kSqrt3 = 1.73205081f;
  const float ax = std::fabs(x);
  const float ay = std::fabs(y);
  if constexpr (kSymbol == PointSymbol::kDisc) {
    return std::sqrt(x * x + y * y) - v / 2.0f;
  } else if constexpr (kSymbol == PointSymbol::kRing) {
    const float length = std::sqrt(x * x + y * y);
    return std::max(length - v / 2.0f, -(length - v / 4.0f));
  } else if constexpr (kSymbol == PointSymbol::kSquare) {
    return std::max(ax, ay) - v / 2.0f;
  } else if constexpr (kSymbol == PointSymbol::kDiamond) {
    return (ax + ay - v / 2.0f) / kSqrt2;
  } else if constexpr (kSymbol == PointSymbol::kCross || kSymbol == PointSymbol::kX) {
    float px = x;
    float py = y;
    if constexpr (kSymbol == PointSymbol::kX) {
      px = (x + y) / kSqrt2;
      py = (y - x) / kSqrt2;
    }
    const float apx = std::fabs(px);
    const float apy = std::fabs(py);
    const float vbar = std::max(apx - v / 6.0f, apy - v / 2.0f);
    const float hbar = std::max(apy - v / 6.0f, apx - v / 2.0f);
    return std::min(vbar, hbar);
  } else if constexpr (kSymbol == PointSymbol::kVbar) {
    return std::max(ax - v / 6.0f, ay - v / 2.0f);
  } else if constexpr (kSymbol == PointSymbol::kHbar) {
    return std::max(ay - v / 6.0f, ax - v / 2.0f);
  } else if constexpr (kSymbol == PointSymbol::kArrow || kSymbol == PointSymbol::kTailedArrow) {
    const float half = v / 2.0f;
    const float r1 = ax + ay - half;
    const float r2 = x + 0.25f * v + ay - half;
    const float arrow = std::max(r1, -r2);
    if constexpr (kSymbol == PointSymbol::kArrow) {
      return arrow / kSqrt2;
    } else {
      const float upper_bottom = ay - v / 8.0f / kSqrt2;
      const float left_edge = -x - half;
      const float right_edge = x + ay - half;
      float hbar = std::max(upper_bottom, left_edge);
      float scale = 1.0f;
      if (right_edge >= hbar) {
        hbar = right_edge;
        scale = kSqrt2;
      }
      return arrow <= hbar ? arrow / kSqrt2 : hbar / scale;
    }
  } else if constexpr (kSymbol == PointSymbol::kTriangleUp || kSymbol == PointSymbol::kTriangleDown) {
    const float sign = kSymbol == PointSymbol::kTriangleUp ? 1.0f : -1.0f;
    const float height = sign * v * kSqrt3 / 2.0f;
    const float bottom = sign * (y - height / 2.0f);
    const float rotated = kSqrt3 / 2.0f * x - 0.5f * (y - height / 6.0f) + height / 6.0f;
    const float cc_rotated = -kSqrt3 / 2.0f * x - 0.5f * (y - height / 6.0f) + height / 6.0f;
    const float slanted = std::max(sign * (rotated - height / 2.0f), sign * (cc_rotated - height / 2.0f));
    return std::max(slanted, bottom);
  } else if constexpr (kSymbol == PointSymbol::kClobber) {
    // Three discs around the centre, shifted to centre the marker vertically.
    const float radius = 0.32f * v;
    const float shift = 0.36f / kSqrt3 * v;
    const float px = x;
    const float py = y - 0.25f * shift;
    // Centres at angles -90°, 30° and 150° (cos, sin pairs).
    const float c[3][2] = {{0.0f, -shift}, {0.8660254f * shift, 0.5f * shift}, {-0.8660254f * shift, 0.5f * shift}};
    float r = 1e30f;
    for (const auto& centre : c) {
      const float dx = px - centre[0];
      const float dy = py - centre[1];
      r = std::min(r, std::sqrt(dx * dx + dy * dy) - radius);
    }
    return r;
  } else {
    static_assert(kSymbol == PointSymbol::kStar);
    // Five spikes; the first points up, each next one 72° further.
    constexpr float kCos[5] = {1.0f, 0.30901699f, -0.80901699f, -0.80901699f, 0.30901699f};
    constexpr float kSin[5] = {0.0f, 0.95105652f, 0.58778525f, -0.58778525f, -0.95105652f};
    constexpr float kCos18 = 0.95105652f;
    constexpr float kSin18 = 0.30901699f;
    const float shift_y = -0.05f * v;
    const float rot_center_y = -v / 2.0f;
    float star = 0.0f;
    for (int i = 0; i < 5; ++i) {
      const float sx = kCos[i] * x - kSin[i] * (y + shift_y);
      const float sy = kSin[i] * x + kCos[i] * (y + shift_y);
      const float rot18 = kCos18 * sx - kSin18 * (sy - rot_center_y);
      const float rot_18 = kCos18 * sx + kSin18 * (sy - rot_center_y);
      const float spike = std::max(sy - v / 10.0f, std::max(rot18, -rot_18));
      star = i == 0 ? spike : std::min(star, spike);
    }
    return star;
  }
}

// Four lanes of ints, the companion of Float4 for masks and exponent bits.
using Int4 = int __attribute__((vector_size(16)));

inline Float4 Broadcast4(float v) { return Float4{v, v, v, v}; }

// std::max (a < b ? b : a) / std::fabs / std::sqrt lane by lane, with the same results.
inline Float4 Max4(Float4 a, Float4 b) {
#if defined(__SSE__)
  return __builtin_ia32_maxps(b, a);  // b > a ? b : a, one instruction
#else
  return a < b ? b : a;
#endif
}
inline Float4 Abs4(Float4 v) {
  Int4 bits;
  __builtin_memcpy(&bits, &v, sizeof bits);
  bits &= 0x7fffffff;
  __builtin_memcpy(&v, &bits, sizeof v);
  return v;
}
inline Float4 Sqrt4(Float4 v) {
#if defined(__SSE__)
  return __builtin_ia32_sqrtps(v);
#else
  return Float4{std::sqrt(v[0]), std::sqrt(v[1]), std::sqrt(v[2]), std::sqrt(v[3])};
#endif
}

// vispy's Gaussian falloff exp(-x²), lane by lane, without libm: Cody–Waite range
// reduction and a degree-7 polynomial (within 1 ulp of glibc's expf). Plain IEEE
// float operations in a fixed order, so the same bits everywhere; results below
// exp(-87) are flushed to about 1.6e-38.
inline Float4 GaussianFalloff(Float4 x) {
  Float4 y = -(x * x);
  y = Max4(Broadcast4(-87.0f), y);  // -87 < y ? y : -87 (NaN too becomes -87)
  const Float4 round = Broadcast4(12582912.0f);  // 1.5 × 2^23: adding it rounds to an integer
  const Float4 n = (y * 1.44269504f + round) - round;
  Float4 f = y - n * 0.693145752f;  // ln 2, split in a high part exact in float …
  f = f - n * 1.42860677e-06f;       // … and the rest
  // Taylor terms up to f^7, paired (Horner in f²) for shorter dependency chains;
  // the small terms are summed first and 1 is added last.
  const Float4 f2 = f * f;
  const Float4 p23 = f * (1.0f / 6.0f) + 0.5f;
  const Float4 p45 = f * (1.0f / 120.0f) + 1.0f / 24.0f;
  const Float4 p67 = f * (1.0f / 5040.0f) + 1.0f / 720.0f;
  const Float4 p = 1.0f + (f + f2 * (p23 + f2 * (p45 + f2 * p67)));
  const Int4 bits = (__builtin_convertvector(n, Int4) + 127) << 23;  // 2^n
  Float4 scale;
  __builtin_memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

inline float GaussianFalloff(float x) { return GaussianFalloff(Broadcast4(x))[0]; }

// vispy's marker fragment, for four pixels of one point at signed distances r
// (pixels). e is the border width, aa the antialias width, face_alpha the face's
// alpha and edge_alpha vispy's edge alpha min(e, 1) × alpha. Per lane: `alpha`, the
// fragment alpha; `weight`, how the colour is made — negative: the border colour,
// else mix(face, border, weight) (with e == 0 the weight is 0: the face colour);
// `keep`, all ones where vispy keeps the fragment (r ≤ e/2 + aa).
struct MarkerFragments {
  Float4 alpha;
  Float4 weight;
  Int4 keep;
};

inline MarkerFragments ShadeMarkers(Float4 r, float e, float aa, float face_alpha, float edge_alpha) {
  MarkerFragments out;
  out.keep = ~(r > 0.5f * e + aa);
  const Float4 fa = Broadcast4(face_alpha);
  const Float4 ea = Broadcast4(edge_alpha);
  if (e == 0.0f) {
    // No border: the face, fading out over the antialias width outside the outline.
    const Float4 g = GaussianFalloff(1.0f + r / aa);
    out.alpha = r > -aa ? g * fa : fa;
    out.weight = Broadcast4(0.0f);
    return out;
  }
  const float t = std::max(0.5f * e - aa, 0.0f);
  const Int4 outer = r > 0.0f;  // outer part of the border, fading into the background
  if (t == 0.0f) {
    // A border no wider than the antialiasing (napari's default): no core, d = |r|.
    const Float4 g = GaussianFalloff(Abs4(r) / aa);
    const Float4 mix_alpha = fa + (ea - fa) * g;  // GLSL's mix(face, edge, g), alpha lane
    out.alpha = outer ? g * ea : mix_alpha;
    out.weight = outer ? Broadcast4(-1.0f) : g;
    return out;
  }
  const Float4 d = Abs4(r) - t;
  const Float4 g = GaussianFalloff(d / aa);
  const Int4 core = d < 0.0f;  // inside the border's core
  const Float4 mix_alpha = fa + (ea - fa) * g;
  out.alpha = core ? ea : (outer ? g * ea : mix_alpha);
  out.weight = (core | outer) ? Broadcast4(-1.0f) : g;
  return out;
}

}  // namespace stackshot
