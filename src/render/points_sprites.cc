#include "render/points_sprites.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "render/points_marker.h"

namespace stackshot {
namespace {

// How far from its centre a marker can reach: the exact distance for the round and
// square shapes, vispy's point-sprite half-size for the others.
float Reach(PointSymbol symbol, float v, float e) {
  switch (symbol) {
    case PointSymbol::kDisc:
    case PointSymbol::kRing:
    case PointSymbol::kSquare: return v / 2.0f + e / 2.0f + kAntialias;
    default: return v / 2.0f + 2.0f * e + 3.0f * kAntialias;
  }
}

// Signed distances of four pixels (offsets dx, one row dy) from the marker's outline.
template <PointSymbol kSymbol>
Float4 MarkerDistances(Float4 dx, float dy, float v) {
  if constexpr (kSymbol == PointSymbol::kDisc || kSymbol == PointSymbol::kRing) {
    const Float4 length = Sqrt4(dx * dx + dy * dy);
    if constexpr (kSymbol == PointSymbol::kDisc) {
      return length - v / 2.0f;
    } else {
      return Max4(length - v / 2.0f, -(length - v / 4.0f));
    }
  } else if constexpr (kSymbol == PointSymbol::kSquare) {
    return Max4(Abs4(dx), Broadcast4(std::fabs(dy))) - v / 2.0f;
  } else {
    return Float4{MarkerDistance<kSymbol>(dx[0], dy, v), MarkerDistance<kSymbol>(dx[1], dy, v),
                  MarkerDistance<kSymbol>(dx[2], dy, v), MarkerDistance<kSymbol>(dx[3], dy, v)};
  }
}

constexpr int kSegment = 64;  // pixels of a row shaded at once (a multiple of 4)
constexpr Float4 kNotKept = {0.0f, 0.0f, 0.0f, -0.0f};  // a dense pixel not blended

// Shades the requested rectangle row by row: fragments four pixels at a time (the
// offsets (i + 0.5) − q/16 are exact), then the kept pixels appended as runs (and,
// dense, the others as kNotKept).
template <Blending kMode, PointSymbol kSymbol>
void ShadeSprite(const SpriteRequest& rq, Sprite& out) {
  const MarkerStyle s = rq.style;
  const float fx = static_cast<float>(rq.qx) / kSubpixelSteps;
  const float fy = static_cast<float>(rq.qy) / kSubpixelSteps;
  const bool uniform = rq.uniform != nullptr;
  out.first_row = rq.y_begin;
  out.first_col = rq.x_begin - (rq.dense ? rq.pad_left : 0);
  out.dense_width = rq.dense ? rq.pad_left + (rq.x_end - rq.x_begin) + rq.pad_right : 0;
  out.row_runs.clear();
  out.runs.clear();
  out.source.clear();
  out.alpha.clear();
  out.weight.clear();
  out.row_runs.push_back({0, 0});
  alignas(16) float alphas[kSegment];
  alignas(16) float weights[kSegment];
  alignas(16) int keeps[kSegment];
  uint32_t pixel = 0;
  for (int y = rq.y_begin; y < rq.y_end; ++y) {
    const float dy = (static_cast<float>(y) + 0.5f) - fy;
    bool in_run = false;
    if (rq.dense) {
      out.source.insert(out.source.end(), static_cast<size_t>(rq.pad_left), kNotKept);
      pixel += static_cast<uint32_t>(rq.pad_left);
    }
    for (int x0 = rq.x_begin; x0 < rq.x_end; x0 += kSegment) {
      const int count = std::min(kSegment, rq.x_end - x0);
      const float fx0 = static_cast<float>(x0);
      Float4 px = Float4{fx0, fx0 + 1.0f, fx0 + 2.0f, fx0 + 3.0f};  // exact: whole numbers below 2^24
      for (int i = 0; i < count; i += 4, px += 4.0f) {
        const Float4 dx = (px + 0.5f) - fx;
        const MarkerFragments f =
            ShadeMarkers(MarkerDistances<kSymbol>(dx, dy, s.v), s.e, kAntialias, s.face_alpha, s.edge_alpha);
        const Float4 a = f.alpha * rq.opacity;
        Int4 keep = f.keep;
        if constexpr (kMode != Blending::kOpaque) keep &= a > 0.0f;  // vispy blends nothing at alpha 0
        Store4(alphas + i, a);
        Store4(weights + i, f.weight);
        std::memcpy(keeps + i, &keep, sizeof keep);
      }
      for (int i = 0; i < count; ++i) {
        if (!keeps[i]) {
          in_run = false;
          if (rq.dense) {
            out.source.push_back(kNotKept);
            ++pixel;
          }
          continue;
        }
        if (!in_run) {
          out.runs.push_back({x0 + i, 0, pixel});
          in_run = true;
        }
        ++out.runs.back().length;
        ++pixel;
        if (uniform) {
          out.source.push_back(PrepareSource<kMode>(FragmentColor(*rq.uniform, weights[i]), alphas[i]));
        } else {
          out.alpha.push_back(alphas[i]);
          out.weight.push_back(weights[i]);
        }
      }
    }
    if (rq.dense) {
      out.source.insert(out.source.end(), static_cast<size_t>(rq.pad_right), kNotKept);
      pixel += static_cast<uint32_t>(rq.pad_right);
    }
    out.row_runs.push_back({static_cast<uint32_t>(out.runs.size()), pixel});
  }
}

template <Blending kMode>
SpriteShader ShaderForSymbol(PointSymbol symbol) {
  switch (symbol) {
#define STACKSHOT_SPRITE_CASE(name) \
  case PointSymbol::name: return &ShadeSprite<kMode, PointSymbol::name>;
    STACKSHOT_SPRITE_CASE(kArrow)
    STACKSHOT_SPRITE_CASE(kClobber)
    STACKSHOT_SPRITE_CASE(kCross)
    STACKSHOT_SPRITE_CASE(kDiamond)
    STACKSHOT_SPRITE_CASE(kDisc)
    STACKSHOT_SPRITE_CASE(kHbar)
    STACKSHOT_SPRITE_CASE(kRing)
    STACKSHOT_SPRITE_CASE(kSquare)
    STACKSHOT_SPRITE_CASE(kStar)
    STACKSHOT_SPRITE_CASE(kTailedArrow)
    STACKSHOT_SPRITE_CASE(kTriangleDown)
    STACKSHOT_SPRITE_CASE(kTriangleUp)
    STACKSHOT_SPRITE_CASE(kVbar)
    STACKSHOT_SPRITE_CASE(kX)
#undef STACKSHOT_SPRITE_CASE
  }
  return &ShadeSprite<kMode, PointSymbol::kDisc>;
}

template <Blending kMode>
void BlendRun(float* dst, const Float4* src, int n) {
  for (int i = 0; i < n; ++i, dst += 4) BlendPrepared<kMode>(dst, src[i]);
}

#if defined(__x86_64__) || defined(__i386__)
// BlendPrepared two pixels at a time: per 128-bit lane exactly the SSE operations
// (maxps/minps as Clamp01, minps as `d < src ? d : src`).
template <Blending kMode>
__attribute__((target("avx"))) void BlendRunAvx(float* dst, const Float4* src, int n) {
  const __m256 zero = _mm256_setzero_ps();
  const __m256 one = _mm256_set1_ps(1.0f);
  int i = 0;
  for (; i + 2 <= n; i += 2, dst += 8) {
    const __m256 s = _mm256_loadu_ps(reinterpret_cast<const float*>(src + i));
    if constexpr (kMode == Blending::kOpaque) {
      _mm256_storeu_ps(dst, s);
    } else {
      const __m256 d = _mm256_loadu_ps(dst);
      __m256 out;
      if constexpr (kMode == Blending::kTranslucent || kMode == Blending::kTranslucentNoDepth) {
        const __m256 keep = _mm256_sub_ps(one, _mm256_permute_ps(s, 0xff));  // 1 − a of each pixel
        out = _mm256_add_ps(s, _mm256_mul_ps(d, keep));
      } else if constexpr (kMode == Blending::kAdditive) {
        out = _mm256_add_ps(d, s);
      } else {
        static_assert(kMode == Blending::kMinimum);
        out = _mm256_blend_ps(_mm256_min_ps(d, s), d, 0x88);  // alpha: dst's
      }
      _mm256_storeu_ps(dst, _mm256_min_ps(_mm256_max_ps(out, zero), one));
    }
  }
  if (i < n) BlendPrepared<kMode>(dst, src[i]);
}
#endif

// Dense rows: every pixel of the row, the kept ones (source lane 3 > 0) blended.
template <Blending kMode>
void BlendDense(float* dst, ptrdiff_t dst_stride, const Float4* src, ptrdiff_t src_stride, int rows, int n) {
  for (int r = 0; r < rows; ++r, dst += dst_stride, src += src_stride) {
    float* px = dst;
    for (int i = 0; i < n; ++i, px += 4) {
      const Float4 v = src[i];
      if (v[3] > 0.0f) BlendPrepared<kMode>(px, v);
    }
  }
}

#if defined(__x86_64__) || defined(__i386__)
// BlendDense two pixels at a time (an odd last one alone): the blend computed for
// both, then each pixel not kept (lane 3 of −0: sign bit set) keeps its old value
// (rewriting a value leaves its bits). kWidth > 0: the row width, known when
// compiling (loops unrolled).
template <Blending kMode, int kWidth>
__attribute__((target("avx"))) void BlendDenseAvx(float* dst_row, ptrdiff_t dst_stride, const Float4* src_row,
                                                  ptrdiff_t src_stride, int rows, int width) {
  const int n = kWidth > 0 ? kWidth : width;
  const __m256 zero = _mm256_setzero_ps();
  const __m256 one = _mm256_set1_ps(1.0f);
  for (int r = 0; r < rows; ++r, dst_row += dst_stride, src_row += src_stride) {
    float* dst = dst_row;
    const Float4* src = src_row;
    int i = 0;
    for (; i + 2 <= n; i += 2, dst += 8) {
      const __m256 s = _mm256_loadu_ps(reinterpret_cast<const float*>(src + i));
      const __m256 d = _mm256_loadu_ps(dst);
      const __m256 alpha = _mm256_permute_ps(s, 0xff);  // sign bit set: not kept
      __m256 out;
      if constexpr (kMode == Blending::kOpaque) {
        out = s;
      } else {
        if constexpr (kMode == Blending::kTranslucent || kMode == Blending::kTranslucentNoDepth) {
          const __m256 keep = _mm256_sub_ps(one, alpha);
          out = _mm256_add_ps(s, _mm256_mul_ps(d, keep));
        } else if constexpr (kMode == Blending::kAdditive) {
          out = _mm256_add_ps(d, s);
        } else {
          static_assert(kMode == Blending::kMinimum);
          out = _mm256_blend_ps(_mm256_min_ps(d, s), d, 0x88);
        }
        out = _mm256_min_ps(_mm256_max_ps(out, zero), one);
      }
      // vblendvps written out: GCC 12 turns _mm256_blendv_ps into scalar code here.
      __m256 kept_or_old;
      asm("vblendvps %3, %2, %1, %0" : "=x"(kept_or_old) : "x"(out), "x"(d), "x"(alpha));
      _mm256_storeu_ps(dst, kept_or_old);
    }
    if (i < n) {  // an odd width: the last pixel alone, the same operations
      const __m128 s = _mm_loadu_ps(reinterpret_cast<const float*>(src + i));
      const __m128 d = _mm_loadu_ps(dst);
      const __m128 alpha = _mm_permute_ps(s, 0xff);
      __m128 out;
      if constexpr (kMode == Blending::kOpaque) {
        out = s;
      } else {
        if constexpr (kMode == Blending::kTranslucent || kMode == Blending::kTranslucentNoDepth) {
          out = _mm_add_ps(s, _mm_mul_ps(d, _mm_sub_ps(_mm_set1_ps(1.0f), alpha)));
        } else if constexpr (kMode == Blending::kAdditive) {
          out = _mm_add_ps(d, s);
        } else {
          static_assert(kMode == Blending::kMinimum);
          out = _mm_blend_ps(_mm_min_ps(d, s), d, 0x8);
        }
        out = _mm_min_ps(_mm_max_ps(out, _mm_setzero_ps()), _mm_set1_ps(1.0f));
      }
      __m128 kept_or_old;
      asm("vblendvps %3, %2, %1, %0" : "=x"(kept_or_old) : "x"(out), "x"(d), "x"(alpha));
      _mm_storeu_ps(dst, kept_or_old);
    }
  }
}
#endif

#if defined(__x86_64__) || defined(__i386__)
template <Blending kMode>
DenseBlender DenseAvxForWidth(int width) {
  switch (width) {
#define STACKSHOT_WIDTH_CASE(w) \
  case w: return &BlendDenseAvx<kMode, w>;
    STACKSHOT_WIDTH_CASE(1)
    STACKSHOT_WIDTH_CASE(2)
    STACKSHOT_WIDTH_CASE(3)
    STACKSHOT_WIDTH_CASE(4)
    STACKSHOT_WIDTH_CASE(5)
    STACKSHOT_WIDTH_CASE(6)
    STACKSHOT_WIDTH_CASE(7)
    STACKSHOT_WIDTH_CASE(8)
    STACKSHOT_WIDTH_CASE(9)
    STACKSHOT_WIDTH_CASE(10)
    STACKSHOT_WIDTH_CASE(11)
    STACKSHOT_WIDTH_CASE(12)
    STACKSHOT_WIDTH_CASE(13)
    STACKSHOT_WIDTH_CASE(14)
    STACKSHOT_WIDTH_CASE(15)
    STACKSHOT_WIDTH_CASE(16)
#undef STACKSHOT_WIDTH_CASE
    default: return &BlendDenseAvx<kMode, 0>;
  }
}
#endif

template <Blending kMode>
DenseBlender DenseBlenderForMode(int width, bool allow_avx) {
#if defined(__x86_64__) || defined(__i386__)
  if (allow_avx && __builtin_cpu_supports("avx")) return DenseAvxForWidth<kMode>(width);
#endif
  (void)width;
  return &BlendDense<kMode>;
}

template <Blending kMode>
RunBlender RunBlenderForMode(bool allow_avx) {
#if defined(__x86_64__) || defined(__i386__)
  if (allow_avx && __builtin_cpu_supports("avx")) return &BlendRunAvx<kMode>;
#endif
  return &BlendRun<kMode>;
}

}  // namespace

RunBlender RunBlenderFor(Blending mode, bool allow_avx) {
  return WithBlendingMode(mode, [&](auto m) { return RunBlenderForMode<decltype(m)::value>(allow_avx); });
}

DenseBlender DenseBlenderFor(Blending mode, int width, bool allow_avx) {
  return WithBlendingMode(mode, [&](auto m) { return DenseBlenderForMode<decltype(m)::value>(width, allow_avx); });
}

bool SymmetricInY(PointSymbol symbol) {
  switch (symbol) {
    case PointSymbol::kArrow:
    case PointSymbol::kCross:
    case PointSymbol::kDiamond:
    case PointSymbol::kDisc:
    case PointSymbol::kHbar:
    case PointSymbol::kRing:
    case PointSymbol::kSquare:
    case PointSymbol::kTailedArrow:
    case PointSymbol::kVbar:
    case PointSymbol::kX: return true;
    default: return false;
  }
}

SpriteSpan MarkerSpan(const MarkerStyle& style, int q) {
  const double reach = Reach(style.symbol, style.v, style.e);
  if (!(reach >= 0.0)) return {0, -1};
  // Pixels whose centre (i + 0.5) lies within reach of the centre; far beyond any
  // canvas the span is cut (those pixels are never drawn).
  constexpr double kLimit = 1 << 30;
  const double f = static_cast<double>(q) / kSubpixelSteps;
  return {static_cast<int>(std::max(std::ceil(f - reach - 0.5), -kLimit)),
          static_cast<int>(std::min(std::floor(f + reach - 0.5), kLimit))};
}

SpriteBox MarkerBox(const MarkerStyle& style, int qx, int qy) {
  const SpriteSpan x = MarkerSpan(style, qx);
  const SpriteSpan y = MarkerSpan(style, qy);
  return {x.lo, x.hi, y.lo, y.hi};
}

FragmentPalette MakePalette(const SplatColors& colors, float e) {
  FragmentPalette p;
  p.face = colors.face;
  p.edge = colors.edge;
  p.edge[3] = std::min(e, 1.0f) * p.edge[3];  // vispy's edge alpha (BlendColor ignores lane 3)
  // Without a border the weight is 0 and diff too, so the face colour comes out
  // (+0 for −0, which no blend can tell apart after clamping).
  p.diff = e == 0.0f ? Broadcast4(0.0f) : p.edge - p.face;
  return p;
}

SpriteShader ShaderFor(Blending mode, PointSymbol symbol) {
  return WithBlendingMode(mode, [&](auto m) { return ShaderForSymbol<decltype(m)::value>(symbol); });
}

}  // namespace stackshot
