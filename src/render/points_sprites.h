// Private to render/: marker sprites. A sprite is one marker's fragments (vispy's
// rule, render/points_marker.h) shaded for one look — shape, size, border, the
// colours' alphas, the layer opacity — and one sub-pixel offset, kept as runs of
// the pixels vispy keeps (with uniform colours also as dense rows). Marker centres are quantised to 1/kSubpixelSteps pixel,
// so a frame's markers share few sprites: each is shaded once per frame and every
// point using it only blends. Markers that share no sprite are shaded one at a
// time by the same code, so both ways give the same bits.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "layers/points/points_appearance.h"
#include "render/pixel_kernels.h"

namespace stackshot {

constexpr int kSubpixelSteps = 16;  // marker centres are quantised to 1/16 pixel
constexpr float kAntialias = 1.0f;  // napari's default antialiasing, in pixels

// A marker's look apart from where it lands.
struct MarkerStyle {
  float v;           // diameter, pixels
  float e;           // border width, pixels
  float face_alpha;  // the face colour's alpha
  float edge_alpha;  // vispy's edge alpha: min(e, 1) × the border colour's alpha
  PointSymbol symbol = PointSymbol::kDisc;
};

// Compares bits, so a style equals itself whatever its values.
inline bool SameStyle(const MarkerStyle& a, const MarkerStyle& b) {
  return a.symbol == b.symbol && std::bit_cast<uint32_t>(a.v) == std::bit_cast<uint32_t>(b.v) &&
         std::bit_cast<uint32_t>(a.e) == std::bit_cast<uint32_t>(b.e) &&
         std::bit_cast<uint32_t>(a.face_alpha) == std::bit_cast<uint32_t>(b.face_alpha) &&
         std::bit_cast<uint32_t>(a.edge_alpha) == std::bit_cast<uint32_t>(b.edge_alpha);
}

// The pixels a marker may cover, relative to its base pixel (the pixel holding its
// quantised centre), inclusive; qx, qy: the centre's offset in that pixel in
// 1/kSubpixelSteps. Empty (x0 > x1) when nothing can be covered.
struct SpriteBox {
  int x0, x1, y0, y1;
};
SpriteBox MarkerBox(const MarkerStyle& style, int qx, int qy);

// One axis of MarkerBox: the pixels [lo, hi] for the centre's offset q.
struct SpriteSpan {
  int lo, hi;
};
SpriteSpan MarkerSpan(const MarkerStyle& style, int q);

// The colours of one point (straight RGBA) and what a fragment's colour is made
// of: the border colour where the weight is negative, else face + diff × weight.
struct SplatColors {
  Float4 face;
  Float4 edge;
};
struct FragmentPalette {
  Float4 face;
  Float4 edge;
  Float4 diff;  // 0 without a border, so the face colour comes out exactly
};
FragmentPalette MakePalette(const SplatColors& colors, float e);
inline Float4 FragmentColor(const FragmentPalette& p, float weight) {
  return weight < 0.0f ? p.edge : p.face + p.diff * weight;
}

// BlendColor (pixel_kernels.h) in two steps with the same bits: what depends only
// on the source is computed once per sprite pixel, the rest per blend. Lane 3 of a
// source is positive whenever a > 0 (dense rows rely on it).
template <Blending kMode>
inline Float4 PrepareSource(Float4 color, float a) {
  color[3] = 1.0f;
  if constexpr (kMode == Blending::kOpaque) {
    return Clamp01(color);
  } else if constexpr (kMode == Blending::kMinimum) {
    Float4 over_white = color * a + (1.0f - a);  // the source over white
    over_white[3] = 1.0f;                        // unused by the blend (dst keeps its alpha)
    return over_white;
  } else {
    return color * a;  // lane 3: 1 × a = a
  }
}

template <Blending kMode>
inline void BlendPrepared(float* dst, Float4 src) {
  if constexpr (kMode == Blending::kOpaque) {
    Store4(dst, src);
  } else if constexpr (kMode == Blending::kTranslucent || kMode == Blending::kTranslucentNoDepth) {
    const float keep = 1.0f - src[3];
    Store4(dst, Clamp01(src + Load4(dst) * keep));
  } else if constexpr (kMode == Blending::kAdditive) {
    Store4(dst, Clamp01(Load4(dst) + src));
  } else {
    static_assert(kMode == Blending::kMinimum);
    const Float4 d = Load4(dst);
    Float4 out = d < src ? d : src;
    out[3] = d[3];
    Store4(dst, Clamp01(out));
  }
}

// Blends n consecutive pixels from PrepareSource values. RunBlenderFor picks an AVX
// version (two pixels per instruction, the same IEEE operations, so the same bits)
// where the processor has AVX (and allow_avx: tests compare both).
using RunBlender = void (*)(float* dst, const Float4* src, int n);
RunBlender RunBlenderFor(Blending mode, bool allow_avx = true);
// The same over `rows` dense rows of n pixels, row k from src + k × src_stride onto
// dst + k × dst_stride floats: pixels whose source has lane 3 of −0 (not kept) are
// left as they are. The loop count is the sprite's width, the same for every row
// and every sprite of a look, which branch prediction likes better than run lengths.
// The AVX version is unrolled for n == width (width 0: any n).
using DenseBlender = void (*)(float* dst, ptrdiff_t dst_stride, const Float4* src, ptrdiff_t src_stride, int rows,
                              int n);
DenseBlender DenseBlenderFor(Blending mode, int width, bool allow_avx = true);

// Symbols whose distance is even in y with the same float bits (they use |y|): the
// sprite of row offset 16 − q is the sprite of q upside down, so a frame shades only
// row offsets 0–8. (Mirroring columns too would halve the sprites again but costs a
// mispredicted branch per marker: measured slower.)
bool SymmetricInY(PointSymbol symbol);

// A run of kept pixels in one row: columns [x, x + length) relative to the base
// pixel, their data from index `pixel` on.
struct SpriteRun {
  int32_t x;
  int32_t length;
  uint32_t pixel;
};

// Where a sprite row's runs and pixels start.
struct SpriteRow {
  uint32_t run;
  uint32_t pixel;
};

// Some rows of a marker, shaded. With uniform colours each pixel holds its
// PrepareSource value; with per-point colours its alpha and weight.
struct Sprite {
  int first_row = 0;    // relative to the base pixel
  int first_col = 0;    // of the shaded rectangle
  int dense_width = 0;  // dense: every pixel of the rectangle is in `source`, row by row
  std::vector<SpriteRow> row_runs;  // row first_row + r: runs [row_runs[r].run, row_runs[r + 1].run)
  std::vector<SpriteRun> runs;
  std::vector<Float4> source;  // uniform colours
  std::vector<float> alpha;    // per-point colours: fragment alpha × opacity
  std::vector<float> weight;   // per-point colours: see FragmentColor
  int rows() const { return static_cast<int>(row_runs.size()) - 1; }
};

// What to shade: pixels [x_begin, x_end) × [y_begin, y_end) relative to the base
// pixel (within the marker's box).
struct SpriteRequest {
  MarkerStyle style;
  float opacity;
  int qx, qy;
  const FragmentPalette* uniform;  // uniform colours, or null: alpha and weight
  int x_begin, x_end, y_begin, y_end;
  // Uniform colours only: keep every pixel's source ({0, 0, 0, −0} where not kept),
  // each row with pad_left and pad_right more of those.
  bool dense = false;
  int pad_left = 0, pad_right = 0;
};

// Replaces `out` with the requested pixels. A pixel's values do not depend on the
// rectangle asked for.
using SpriteShader = void (*)(const SpriteRequest& request, Sprite& out);
SpriteShader ShaderFor(Blending mode, PointSymbol symbol);

}  // namespace stackshot
