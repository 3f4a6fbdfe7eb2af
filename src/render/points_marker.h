// Private to render/: vispy's marker shapes as signed distances, and its marker
// fragment rule (the border centred on the outline, a Gaussian antialiased edge),
// which napari's points use. Distances are in screen pixels; (x, y) is the offset
// of a pixel centre from the marker centre, y downwards as gl_PointCoord; `v` is
// the marker's diameter in pixels.
#pragma once

#include <algorithm>
#include <cmath>

#include "layers/points/points_appearance.h"

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

// vispy's marker fragment: the colour (straight RGB) and alpha at signed distance
// r, for border width e and antialias width aa (pixels). alpha 0: discarded.
struct MarkerFragment {
  float rgba[4];
};

inline bool ShadeMarker(float r, float e, float aa, const float* face, const float* edge, MarkerFragment& out) {
  if (r > 0.5f * e + aa) return false;
  const float t = std::max(0.5f * e - aa, 0.0f);
  const float d = std::fabs(r) - t;
  const float edge_alpha = std::min(e, 1.0f) * edge[3];
  if (d < 0.0f) {
    out = {{edge[0], edge[1], edge[2], edge_alpha}};
  } else if (e == 0.0f) {
    if (r > -aa) {
      float alpha = 1.0f + r / aa;
      alpha = std::exp(-alpha * alpha);
      out = {{face[0], face[1], face[2], alpha * face[3]}};
    } else {
      out = {{face[0], face[1], face[2], face[3]}};
    }
  } else {
    float alpha = d / aa;
    alpha = std::exp(-alpha * alpha);
    if (r > 0.0f) {
      out = {{edge[0], edge[1], edge[2], alpha * edge_alpha}};
    } else {
      // GLSL's mix(face, edge, alpha), on all four channels.
      for (int c = 0; c < 3; ++c) out.rgba[c] = face[c] + (edge[c] - face[c]) * alpha;
      out.rgba[3] = face[3] + (edge_alpha - face[3]) * alpha;
    }
  }
  return true;
}

}  // namespace stackshot
