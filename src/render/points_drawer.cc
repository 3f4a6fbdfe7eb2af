#include "render/points_drawer.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "exec/parallel.h"
#include "nd/huge_pages.h"
#include "render/pixel_kernels.h"
#include "render/points_colors.h"
#include "render/points_sprites.h"

namespace stackshot {
namespace {

constexpr int kBinRows = 8;               // rows per bin; bins are aligned to frame rows
constexpr int64_t kPointGrain = 1 << 15;  // points per chunk when placing and binning
constexpr int kOffsets = kSubpixelSteps * kSubpixelSteps;  // sprites per look
// More distinct looks than this (e.g. sizes varying point by point) and every
// marker is shaded on its own: sprites would hardly be shared.
constexpr size_t kMaxLooks = 64;
constexpr size_t kSpriteBudget = size_t{32} << 20;  // bytes of shaded sprites per frame

// One placed point: its base pixel (holding the quantised centre), the centre's
// offset in it, and its look.
struct Splat {
  int32_t x, y;
  uint32_t look;    // index into PointsContext::looks
  uint16_t offset;  // qy × kSubpixelSteps + qx
  uint16_t unused = 0;
};

// A shaded sprite's arrays, for the paint loop, possibly upside down: row r (from
// the top) of a mirrored view is row row_count − 1 − r of the sprite.
struct SpriteView {
  const SpriteRow* rows = nullptr;  // null: not shaded (markers shaded one by one)
  const SpriteRun* runs = nullptr;
  const Float4* source = nullptr;
  const float* alpha = nullptr;
  const float* weight = nullptr;
  int first_row = 0;  // of the view, relative to the base pixel
  int row_count = 0;
  int first_col = 0;                   // dense: the leftmost column, relative to the base pixel
  int dense_width = 0;                 // 0: not dense
  DenseBlender dense_blend = nullptr;  // dense: for this width
  bool mirror_y = false;
};

SpriteView ViewOf(const Sprite& sprite, bool mirror_y = false) {
  const int rows = sprite.rows();
  return {sprite.row_runs.data(),
          sprite.runs.data(),
          sprite.source.data(),
          sprite.alpha.data(),
          sprite.weight.data(),
          mirror_y ? -(sprite.first_row + rows - 1) : sprite.first_row,
          rows,
          sprite.first_col,
          sprite.dense_width,
          nullptr,
          mirror_y};
}

// The sprite offset whose (possibly mirrored) sprite draws `offset`: the row offset
// folded to 0–8 for symbols symmetric in y.
inline int FoldOffset(int q) { return q <= kSubpixelSteps / 2 ? q : kSubpixelSteps - q; }
inline uint16_t CanonicalOffset(uint16_t offset, bool symmetric) {
  if (!symmetric) return offset;
  return static_cast<uint16_t>(FoldOffset(offset / kSubpixelSteps) * kSubpixelSteps + offset % kSubpixelSteps);
}

// Splats are stored sorted by their first bin (data order within it), so a band
// reads the few bins' worth of splats near it instead of the whole array. Colours
// are kept once for the layer, or per splat in the same order.
struct PointsContext {
  float opacity = 1;
  std::vector<Splat> splats;        // sorted by first bin, then data order
  std::vector<SplatColors> colors;  // per splat, or empty: `uniform` for all
  SplatColors uniform{};
  std::vector<MarkerStyle> looks;  // the frame's distinct looks, or one per splat
  std::vector<Sprite> sprites;     // the frame's shared sprites
  std::vector<SpriteView> views;   // look × kOffsets + offset → its sprite; empty: none shared
  std::vector<uint32_t> entries;   // splat positions, grouped by bin, data order in each
  std::vector<size_t> bin_start;   // bin b holds entries [bin_start[b], bin_start[b+1])
};

// The sprite rows [r_begin, r_end) that frame rows [row_begin, row_end) show.
struct RowRange {
  int begin, end;
};
inline RowRange RowsIn(const SpriteView& v, const Splat& s, int row_begin, int row_end) {
  return {std::max(row_begin - s.y - v.first_row, 0), std::min(row_end - s.y - v.first_row, v.row_count)};
}

// Blends the rows [row_begin, row_end) (frame rows) of a shaded sprite placed at
// the splat's base pixel, cut to the canvas's columns.
template <Blending kMode>
void BlendSprite(const SpriteView& sprite, const Splat& s, const SplatColors* colors, float e,
                 RunBlender blend_run, Canvas& canvas, int row_begin, int row_end) {
  const RowRange rows = RowsIn(sprite, s, row_begin, row_end);
  const int width = canvas.width();
  const int dense_x = s.x + sprite.first_col;
  if (sprite.dense_blend && dense_x >= 0 && dense_x + sprite.dense_width <= width) {
    // Whole rows, the same loop for every row.
    if (rows.begin >= rows.end) return;
    const int w = sprite.dense_width;
    const int row = sprite.mirror_y ? sprite.row_count - 1 - rows.begin : rows.begin;
    const Float4* src = sprite.source + static_cast<ptrdiff_t>(row) * w;
    float* dst = canvas.row(s.y + sprite.first_row + rows.begin) + static_cast<ptrdiff_t>(dense_x) * 4;
    sprite.dense_blend(
        dst, static_cast<ptrdiff_t>(width) * 4, src, sprite.mirror_y ? -w : w, rows.end - rows.begin, w);
    return;
  }
  FragmentPalette palette{};
  if (colors) palette = MakePalette(*colors, e);
  for (int r = rows.begin; r < rows.end; ++r) {
    float* out = canvas.row(s.y + sprite.first_row + r);
    const int row = sprite.mirror_y ? sprite.row_count - 1 - r : r;
    for (uint32_t k = sprite.rows[row].run; k < sprite.rows[row + 1].run; ++k) {
      const SpriteRun run = sprite.runs[k];
      const int x = s.x + run.x;
      const int skip = std::max(-x, 0);
      const int end = std::min(run.length, width - x);
      if (end <= skip) continue;
      float* px = out + static_cast<ptrdiff_t>(x + skip) * 4;
      const size_t at = run.pixel + static_cast<size_t>(skip);
      if (!colors) {
        blend_run(px, sprite.source + at, end - skip);
      } else {
        const float* alpha = sprite.alpha + at;
        const float* weight = sprite.weight + at;
        for (int i = 0; i < end - skip; ++i, px += 4) BlendColor<kMode>(px, FragmentColor(palette, weight[i]), alpha[i]);
      }
    }
  }
}

// Asks for the pixels a shared sprite will blend in these rows to be cached.
inline void PrefetchSprite(const SpriteView& v, const Splat& s, int row_begin, int row_end, bool uniform) {
  if (!v.rows) return;
  RowRange rows = RowsIn(v, s, row_begin, row_end);
  if (rows.begin >= rows.end) return;
  if (v.mirror_y) rows = {v.row_count - rows.end, v.row_count - rows.begin};
  if (v.dense_blend) {  // rows of dense_width pixels, no runs needed
    const char* begin = reinterpret_cast<const char*>(v.source + static_cast<ptrdiff_t>(rows.begin) * v.dense_width);
    const char* end = reinterpret_cast<const char*>(v.source + static_cast<ptrdiff_t>(rows.end) * v.dense_width);
    for (const char* p = begin; p < end; p += 64) __builtin_prefetch(p);
    return;
  }
  const SpriteRow& top = v.rows[rows.begin];
  const SpriteRow& bottom = v.rows[rows.end];
  const char* begin = uniform ? reinterpret_cast<const char*>(v.source + top.pixel)
                              : reinterpret_cast<const char*>(v.alpha + top.pixel);
  const char* end = uniform ? reinterpret_cast<const char*>(v.source + bottom.pixel)
                            : reinterpret_cast<const char*>(v.alpha + bottom.pixel);
  for (const char* p = begin; p < end; p += 64) __builtin_prefetch(p);
  const char* runs_end = reinterpret_cast<const char*>(v.runs + bottom.run);
  for (const char* p = reinterpret_cast<const char*>(v.runs + top.run); p < runs_end; p += 64) __builtin_prefetch(p);
}

template <Blending kMode>
class PointsPainter final : public LayerPainter {
 public:
  explicit PointsPainter(PointsContext ctx)
      : ctx_(std::move(ctx)), blend_run_(RunBlenderFor(kMode)) {}

  void PaintRows(Canvas& canvas, int begin, int end) const override {
    if (begin >= end || ctx_.bin_start.size() < 2) return;
    const int bins = static_cast<int>(ctx_.bin_start.size()) - 1;
    const bool uniform = ctx_.colors.empty();
    const bool shared = !ctx_.views.empty();
    constexpr size_t kAhead = 4;        // entries whose sprite pixels are prefetched ahead
    constexpr size_t kSplatAhead = 12;  // entries whose splats are prefetched ahead
    // Each row belongs to one bin, and a bin paints its points in data order.
    for (int bin = begin / kBinRows; bin <= (end - 1) / kBinRows && bin < bins; ++bin) {
      const int row_begin = std::max(begin, bin * kBinRows);
      const int row_end = std::min(end, (bin + 1) * kBinRows);
      const size_t bin_end = ctx_.bin_start[bin + 1];
      for (size_t e = ctx_.bin_start[bin]; e < bin_end; ++e) {
        const uint32_t at = ctx_.entries[e];
        const Splat& s = ctx_.splats[at];
        const SplatColors* colors = uniform ? nullptr : &ctx_.colors[at];
        if (e + kSplatAhead < bin_end) __builtin_prefetch(&ctx_.splats[ctx_.entries[e + kSplatAhead]]);
        if (shared) {
          if (e + kAhead < bin_end) {
            const Splat& next = ctx_.splats[ctx_.entries[e + kAhead]];
            PrefetchSprite(ctx_.views[next.look * kOffsets + next.offset], next, row_begin, row_end, uniform);
          }
          const SpriteView& view = ctx_.views[s.look * kOffsets + s.offset];
          if (view.rows) {
            BlendSprite<kMode>(view, s, colors, colors ? ctx_.looks[s.look].e : 0.0f, blend_run_, canvas, row_begin,
                               row_end);
            continue;
          }
        }
        PaintAlone(s, colors, canvas, row_begin, row_end);
      }
    }
  }

 private:
  // Shades just the pixels of this band and of the canvas of a marker without a
  // shared sprite, and blends them (kept out of the shared-sprite loop).
  __attribute__((noinline)) void PaintAlone(const Splat& s, const SplatColors* colors, Canvas& canvas, int row_begin,
                                            int row_end) const {
    thread_local Sprite scratch;
    const MarkerStyle& look = ctx_.looks[s.look];
    const int qx = s.offset % kSubpixelSteps;
    const int qy = s.offset / kSubpixelSteps;
    const SpriteBox box = MarkerBox(look, qx, qy);
    const FragmentPalette palette = MakePalette(ctx_.uniform, look.e);
    SpriteRequest request{look, ctx_.opacity, qx, qy, colors ? nullptr : &palette,
                          std::max(box.x0, -s.x), std::min(box.x1 + 1, canvas.width() - s.x),
                          std::max(box.y0, row_begin - s.y), std::min(box.y1 + 1, row_end - s.y)};
    if (request.x_begin >= request.x_end || request.y_begin >= request.y_end) return;
    ShaderFor(kMode, look.symbol)(request, scratch);
    BlendSprite<kMode>(ViewOf(scratch), s, colors, look.e, blend_run_, canvas, row_begin, row_end);
  }

  PointsContext ctx_;
  RunBlender blend_run_;
};

std::unique_ptr<LayerPainter> MakePainter(Blending blending, PointsContext ctx) {
  return WithBlendingMode(blending, [&](auto m) -> std::unique_ptr<LayerPainter> {
    return std::make_unique<PointsPainter<decltype(m)::value>>(std::move(ctx));
  });
}

// Sizes a large per-frame buffer, advising huge pages before its first touch.
template <typename T>
void ReserveHuge(std::vector<T>& v, size_t n) {
  v.reserve(n);
  AdviseHugePages(v.data(), n * sizeof(T));
  v.resize(n);
}

// Where one point lands: its splat (look not yet assigned), its look, and the
// canvas rows it may cover.
struct Placed {
  Splat splat;
  MarkerStyle look;
  int y0, y1;
};

// A placed point between the two passes: its splat (look: the index in its chunk's
// list of looks), the bins of rows it touches.
struct PlacedSplat {
  Splat splat;
  uint32_t first_bin, last_bin;
};
constexpr uint32_t kHidden = UINT32_MAX;  // PlacedSplat look of a point that draws nothing

// The calling thread's spare buffer of placements, kept between frames.
std::vector<PlacedSplat>& SparePlacements() {
  thread_local std::vector<PlacedSplat> buffer;
  return buffer;
}

// floor(x) for |x| < 2^62, without the libm call baseline x86-64 makes.
inline int64_t FloorToInt(double x) {
  const int64_t t = static_cast<int64_t>(x);  // rounds towards zero
  return t - (static_cast<double>(t) > x ? 1 : 0);
}

// The spans of the last look placed, per sub-pixel offset, computed on first use
// (a layer's points mostly share one look).
class SpanMemo {
 public:
  SpriteSpan Get(const MarkerStyle& look, int q) {
    if (!valid_ || !SameStyle(look_, look)) {
      look_ = look;
      valid_ = true;
      known_ = 0;
    }
    if (!(known_ >> q & 1u)) {
      spans_[q] = MarkerSpan(look, q);
      known_ |= 1u << q;
    }
    return spans_[q];
  }

 private:
  MarkerStyle look_{};
  bool valid_ = false;
  uint32_t known_ = 0;  // bit q: spans_[q] is computed
  SpriteSpan spans_[kSubpixelSteps];
};

// The index of `look` in `looks`, starting at the last hit; looks.size() if absent.
size_t FindLook(const std::vector<MarkerStyle>& looks, const MarkerStyle& look, size_t& last) {
  if (last < looks.size() && SameStyle(looks[last], look)) return last;
  for (size_t i = 0; i < looks.size(); ++i) {
    if (SameStyle(looks[i], look)) return last = i;
  }
  return looks.size();
}

}  // namespace

PainterResult PreparePainter(const FrameSpec& frame, const PointsDrawItem& item, int threads) {
  const auto& response = item.response;
  if (!response || response->empty || response->indices.empty()) return std::unique_ptr<LayerPainter>(new EmptyPainter);
  const PointsAppearance& style = item.appearance;
  if (!style.data) return InternalError("points appearance without data");
  RETURN_IF_ERROR(CheckPerPointCounts(style, style.data->size()));
  if (response->indices.size() > UINT32_MAX) return InvalidArgumentError("more than 2^32 visible points");
  if (!(style.canvas_size_limits[0] <= style.canvas_size_limits[1])) {
    return InvalidArgumentError("canvas_size_limits must be increasing");
  }
  ASSIGN_OR_RETURN(VisiblePointColors face, ResolveVisiblePointColors(style.face_color, *style.data,
                                                                      response->indices, "face_color"));
  ASSIGN_OR_RETURN(VisiblePointColors edge, ResolveVisiblePointColors(style.border_color, *style.data,
                                                                      response->indices, "border_color"));
  const Affine& a = response->displayed_to_world;
  if (a.ndim() != 2) return InternalError("points response without a 2D transform");
  const Camera2D& camera = frame.camera;
  const double zoom = camera.zoom;
  const double half_w = frame.width / 2.0;
  const double half_h = frame.height / 2.0;
  const double min_px = style.canvas_size_limits[0];
  const double max_px = style.canvas_size_limits[1];
  const double m00 = a.linear(0, 0), m01 = a.linear(0, 1), m10 = a.linear(1, 0), m11 = a.linear(1, 1);
  const double t0 = a.translation(0), t1 = a.translation(1);

  // A point's look: its diameter and border in pixels, its colours' alphas; false
  // for a size that draws nothing (vispy discards markers of size 0).
  auto look_of = [&](int64_t k, MarkerStyle& look) {
    const double size_px = static_cast<double>(response->sizes[k]) * zoom;
    if (!(size_px > 0.0)) return false;
    const double v = std::clamp(size_px, min_px, max_px);
    look.v = static_cast<float>(v);
    const size_t index = static_cast<size_t>(response->indices[static_cast<size_t>(k)]);
    const double width = style.border_widths.empty() ? style.border_width : style.border_widths[index];
    look.e = static_cast<float>(style.border_width_is_relative ? width * v : width * zoom * (v / size_px));
    look.symbol = style.symbols.empty() ? style.symbol : style.symbols[index];
    look.face_alpha = face.At(static_cast<size_t>(k))[3];
    look.edge_alpha = std::min(look.e, 1.0f) * edge.At(static_cast<size_t>(k))[3];
    return true;
  };
  // Most layers have one look: then it and its spans are found once.
  const int64_t n = static_cast<int64_t>(response->indices.size());
  const float first_size = response->sizes[0];
  const bool one_look = face.per_point.empty() && edge.per_point.empty() && style.border_widths.empty() &&
                        style.symbols.empty() &&
                        std::all_of(response->sizes.begin(), response->sizes.end(), [first_size](float size) {
                          return std::bit_cast<uint32_t>(size) == std::bit_cast<uint32_t>(first_size);
                        });
  MarkerStyle the_look{};
  const bool the_look_draws = look_of(0, the_look);
  if (one_look && !the_look_draws) return std::unique_ptr<LayerPainter>(new EmptyPainter);
  SpriteSpan the_spans[kSubpixelSteps];
  for (int q = 0; q < kSubpixelSteps; ++q) the_spans[q] = MarkerSpan(the_look, q);

  // Where point k lands; false when it draws nothing on the canvas. The centre is
  // quantised to 1/kSubpixelSteps pixel (halves round up); centres beyond 2^40
  // pixels are not drawn.
  auto place_point = [&](int64_t k, SpanMemo& memo, Placed& p) __attribute__((always_inline)) {
    if (!one_look && !look_of(k, p.look)) return false;  // one look: p.look is not needed
    const double r = response->rows[k];
    const double c = response->cols[k];
    const double wy = m00 * r + m01 * c + t0;
    const double wx = m10 * r + m11 * c + t1;
    const double sx = (wx - camera.center_x) * zoom + half_w;
    const double sy = (wy - camera.center_y) * zoom + half_h;
    if (!(std::fabs(sx) < 0x1p40 && std::fabs(sy) < 0x1p40)) return false;
    const int64_t qx = FloorToInt(sx * kSubpixelSteps + 0.5);
    const int64_t qy = FloorToInt(sy * kSubpixelSteps + 0.5);
    const int ox = static_cast<int>(qx & (kSubpixelSteps - 1));
    const int oy = static_cast<int>(qy & (kSubpixelSteps - 1));
    const int64_t base_x = qx >> 4;  // floor(q / 16)
    const int64_t base_y = qy >> 4;
    static_assert(kSubpixelSteps == 16);
    const SpriteSpan xs = one_look ? the_spans[ox] : memo.Get(p.look, ox);
    const SpriteSpan ys = one_look ? the_spans[oy] : memo.Get(p.look, oy);
    const int64_t y0 = base_y + ys.lo, y1 = base_y + ys.hi;
    if (!(base_x + xs.hi >= 0 && base_x + xs.lo < frame.width && y1 >= 0 && y0 < frame.height && xs.lo <= xs.hi &&
          ys.lo <= ys.hi)) {
      return false;
    }
    p.splat.x = static_cast<int32_t>(base_x);
    p.splat.y = static_cast<int32_t>(base_y);
    p.splat.offset = static_cast<uint16_t>(oy * kSubpixelSteps + ox);
    p.y0 = static_cast<int>(std::max<int64_t>(y0, 0));
    p.y1 = static_cast<int>(std::min<int64_t>(y1, frame.height - 1));
    return true;
  };

  // 1. Place every point, per chunk: count the points starting in each bin of rows
  //    and the points touching each bin, and gather the chunk's distinct looks in
  //    data order (a splat's look is first its index in its chunk's list).
  const int bins = (frame.height + kBinRows - 1) / kBinRows;
  const int64_t chunks = ChunkCount(n, kPointGrain);
  std::vector<uint32_t> first_counts(static_cast<size_t>(chunks * bins), 0);
  // Per chunk, bins + 1 differences: a point adds 1 from its first bin and takes it
  // away after its last (no loop over the bins per point).
  std::vector<uint32_t> touch_counts(static_cast<size_t>(chunks * (bins + 1)), 0);
  std::vector<std::vector<MarkerStyle>> chunk_looks(static_cast<size_t>(chunks));
  // Kept between frames (like the rasterizer's band canvas): a fresh buffer of this
  // size costs its page faults every frame. Taken out of the thread's spare while in
  // use, so a preparation nested on this thread (while it waits for the workers)
  // cannot share it. Every entry is written below.
  std::vector<PlacedSplat> placements;
  placements.swap(SparePlacements());
  if (placements.size() < static_cast<size_t>(n)) {
    placements = {};
    ReserveHuge(placements, static_cast<size_t>(n));
  }
  ParallelForChunks(n, kPointGrain, threads, [&](int64_t chunk, int64_t begin, int64_t end) {
    uint32_t* first = &first_counts[static_cast<size_t>(chunk * bins)];
    uint32_t* touch = &touch_counts[static_cast<size_t>(chunk * (bins + 1))];
    std::vector<MarkerStyle>& looks = chunk_looks[static_cast<size_t>(chunk)];
    size_t last = 0;
    SpanMemo memo;
    for (int64_t k = begin; k < end; ++k) {
      PlacedSplat& out = placements[static_cast<size_t>(k)];
      Placed p;
      if (!place_point(k, memo, p)) {
        out.splat.look = kHidden;
        continue;
      }
      const uint32_t first_bin = static_cast<uint32_t>(p.y0 / kBinRows);
      const uint32_t last_bin = static_cast<uint32_t>(p.y1 / kBinRows);
      ++first[first_bin];
      ++touch[first_bin];
      --touch[last_bin + 1];  // wraps; the prefix sums come out right
      const size_t found = one_look ? 0 : FindLook(looks, p.look, last);
      if (found == looks.size() && looks.size() <= kMaxLooks) looks.push_back(one_look ? the_look : p.look);
      p.splat.look = found <= kMaxLooks ? static_cast<uint32_t>(found) : kHidden - 1;  // past the limit: none
      out = {p.splat, first_bin, last_bin};
    }
  });

  // 2. Offsets, bin-major then chunk order, and the looks in chunk order: the same
  //    for any thread count.
  std::vector<size_t> first_offsets(first_counts.size());
  for (int64_t c = 0; c < chunks; ++c) {
    uint32_t* touch = &touch_counts[static_cast<size_t>(c * (bins + 1))];
    for (int b = 1; b < bins; ++b) touch[b] += touch[b - 1];
  }
  std::vector<size_t> touch_offsets(first_counts.size());
  PointsContext ctx;
  ctx.opacity = static_cast<float>(style.opacity);
  ctx.bin_start.assign(static_cast<size_t>(bins) + 1, 0);
  size_t placed = 0;
  size_t touching = 0;
  for (int b = 0; b < bins; ++b) {
    ctx.bin_start[b] = touching;
    for (int64_t c = 0; c < chunks; ++c) {
      const size_t i = static_cast<size_t>(c * bins + b);
      first_offsets[i] = placed;
      placed += first_counts[i];
      touch_offsets[i] = touching;
      touching += touch_counts[static_cast<size_t>(c * (bins + 1) + b)];
    }
  }
  ctx.bin_start[bins] = touching;
  std::vector<std::vector<uint32_t>> chunk_look_ids(static_cast<size_t>(chunks));
  for (size_t c = 0; c < chunk_looks.size(); ++c) {
    size_t last = 0;
    for (const MarkerStyle& look : chunk_looks[c]) {
      const size_t id = FindLook(ctx.looks, look, last);
      if (id == ctx.looks.size()) ctx.looks.push_back(look);
      chunk_look_ids[c].push_back(static_cast<uint32_t>(id));
    }
  }
  const bool shared_looks = ctx.looks.size() <= kMaxLooks;
  if (!shared_looks) ReserveHuge(ctx.looks, placed);  // one look per splat
  const size_t sprite_ids = shared_looks ? ctx.looks.size() * kOffsets : 0;

  // 3. Write the splats in first-bin order, list them in every bin they touch and
  //    count each sprite's users per chunk. Without shared looks, each point's look
  //    is computed again (the same arithmetic).
  const bool per_point = !face.per_point.empty() || !edge.per_point.empty();
  ctx.uniform = {Load4(face.At(0).data()), Load4(edge.At(0).data())};
  ReserveHuge(ctx.splats, placed);
  ReserveHuge(ctx.entries, touching);
  if (per_point) ReserveHuge(ctx.colors, placed);
  std::vector<uint32_t> uses(static_cast<size_t>(chunks) * sprite_ids, 0);  // by canonical offset
  // Per shared look: whether its symbol is symmetric in y.
  std::vector<uint8_t> symmetric(shared_looks ? ctx.looks.size() : 0);
  for (size_t l = 0; l < symmetric.size(); ++l) symmetric[l] = SymmetricInY(ctx.looks[l].symbol);
  ParallelForChunks(n, kPointGrain, threads, [&](int64_t chunk, int64_t begin, int64_t end) {
    size_t* first = &first_offsets[static_cast<size_t>(chunk * bins)];
    size_t* touch = &touch_offsets[static_cast<size_t>(chunk * bins)];
    uint32_t* chunk_uses = uses.data() + static_cast<size_t>(chunk) * sprite_ids;
    const std::vector<uint32_t>& look_ids = chunk_look_ids[static_cast<size_t>(chunk)];
    SpanMemo memo;
    for (int64_t k = begin; k < end; ++k) {
      const PlacedSplat in = placements[static_cast<size_t>(k)];
      if (in.splat.look == kHidden) continue;
      const size_t at = first[in.first_bin]++;
      Splat splat = in.splat;
      if (shared_looks) {
        splat.look = look_ids[splat.look];
        ++chunk_uses[splat.look * kOffsets + CanonicalOffset(splat.offset, symmetric[splat.look])];
      } else {
        Placed p;
        place_point(k, memo, p);
        ctx.looks[at] = p.look;
        splat.look = static_cast<uint32_t>(at);
      }
      ctx.splats[at] = splat;
      if (per_point) {
        ctx.colors[at] = {Load4(face.At(static_cast<size_t>(k)).data()), Load4(edge.At(static_cast<size_t>(k)).data())};
      }
      for (uint32_t b = in.first_bin; b <= in.last_bin; ++b) ctx.entries[touch[b]++] = static_cast<uint32_t>(at);
    }
  });
  SparePlacements().swap(placements);

  // 4. Shade once every sprite used more than once, in sprite order, while they
  //    fit the budget; the others are shaded marker by marker. For symbols
  //    symmetric in y, row offsets 9–15 use those of 7–1 upside down. With uniform
  //    colours the sprites of a look are dense, all as wide as the widest.
  if (shared_looks) {
    std::vector<SpriteSpan> dense_cols(ctx.looks.size());
    for (size_t l = 0; l < ctx.looks.size(); ++l) {
      SpriteSpan cols = MarkerSpan(ctx.looks[l], 0);
      for (int q = 1; q < kSubpixelSteps; ++q) {
        const SpriteSpan span = MarkerSpan(ctx.looks[l], q);
        cols = {std::min(cols.lo, span.lo), std::max(cols.hi, span.hi)};
      }
      dense_cols[l] = cols;
    }
    std::vector<int32_t> sprite_of(sprite_ids, -1);
    std::vector<size_t> shaded;
    size_t bytes = 0;
    const size_t pixel_bytes = per_point ? 2 * sizeof(float) : sizeof(Float4);
    for (size_t id = 0; id < sprite_ids; ++id) {
      uint32_t total = 0;
      for (int64_t c = 0; c < chunks; ++c) total += uses[static_cast<size_t>(c) * sprite_ids + id];
      if (total < 2) continue;
      const size_t look = id / kOffsets;
      const SpriteBox box = MarkerBox(ctx.looks[look], static_cast<int>(id % kSubpixelSteps),
                                      static_cast<int>(id % kOffsets / kSubpixelSteps));
      const int64_t width = per_point ? box.x1 - box.x0 + 1 : dense_cols[look].hi - dense_cols[look].lo + 1;
      const size_t area = static_cast<size_t>(width) * static_cast<size_t>(box.y1 - box.y0 + 1);
      if (area > kSpriteBudget / pixel_bytes || bytes + area * pixel_bytes > kSpriteBudget) continue;
      bytes += area * pixel_bytes;
      sprite_of[id] = static_cast<int32_t>(shaded.size());
      shaded.push_back(id);
    }
    ctx.sprites.resize(shaded.size());
    ParallelFor(static_cast<int64_t>(shaded.size()), 8, threads, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        const size_t id = shaded[static_cast<size_t>(i)];
        const MarkerStyle& look = ctx.looks[id / kOffsets];
        const int qx = static_cast<int>(id % kSubpixelSteps);
        const int qy = static_cast<int>(id % kOffsets / kSubpixelSteps);
        const SpriteBox box = MarkerBox(look, qx, qy);
        const FragmentPalette palette = MakePalette(ctx.uniform, look.e);
        SpriteRequest request{look, ctx.opacity, qx, qy, per_point ? nullptr : &palette,
                              box.x0, box.x1 + 1, box.y0, box.y1 + 1};
        if (!per_point) {
          request.dense = true;
          request.pad_left = box.x0 - dense_cols[id / kOffsets].lo;
          request.pad_right = dense_cols[id / kOffsets].hi - box.x1;
        }
        ShaderFor(style.blending, look.symbol)(request, ctx.sprites[static_cast<size_t>(i)]);
      }
    });
    ctx.views.resize(sprite_ids);
    for (size_t id = 0; id < sprite_ids; ++id) {
      const uint16_t offset = static_cast<uint16_t>(id % kOffsets);
      const bool mirrors = symmetric[id / kOffsets];
      const size_t canonical = id - offset + CanonicalOffset(offset, mirrors);
      if (sprite_of[canonical] < 0) continue;
      SpriteView& view = ctx.views[id];
      view = ViewOf(ctx.sprites[static_cast<size_t>(sprite_of[canonical])],
                    mirrors && offset / kSubpixelSteps != FoldOffset(offset / kSubpixelSteps));
      if (view.dense_width > 0) view.dense_blend = DenseBlenderFor(style.blending, view.dense_width);
    }
  }
  return MakePainter(style.blending, std::move(ctx));
}

Status DrawPoints(Canvas& canvas, const Camera2D& camera, const PointsDrawItem& item, int threads) {
  FrameSpec frame;
  frame.width = canvas.width();
  frame.height = canvas.height();
  frame.camera = camera;
  ASSIGN_OR_RETURN(std::unique_ptr<LayerPainter> painter, PreparePainter(frame, item, threads));
  ParallelFor(canvas.end_row() - canvas.first_row(), kBinRows, threads, [&](int64_t begin, int64_t end) {
    painter->PaintRows(canvas, canvas.first_row() + static_cast<int>(begin), canvas.first_row() + static_cast<int>(end));
  });
  return Status::Ok();
}

}  // namespace stackshot
