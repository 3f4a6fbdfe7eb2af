#include "render/points_drawer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "exec/parallel.h"
#include "nd/huge_pages.h"
#include "render/pixel_kernels.h"
#include "render/points_colors.h"
#include "render/points_marker.h"

namespace stackshot {
namespace {

constexpr int kBinRows = 8;              // rows per bin; bins are aligned to frame rows
constexpr int64_t kPointGrain = 1 << 15;  // points per chunk when placing and binning
constexpr float kAntialias = 1.0f;       // napari's default antialiasing, in pixels

// Where one point lands on screen.
struct Place {
  float sx, sy;        // centre, screen pixels
  float v;             // diameter, pixels
  float e;             // border width, pixels
  int x0, x1, y0, y1;  // pixels whose centres the marker may cover (inclusive); y0 > y1: none
};

// The colours of one point: straight RGBA.
struct SplatColors {
  Float4 face;
  Float4 edge;
};

// Splats (placed points) are stored sorted by their first bin (data order within
// it), so a band reads the few bins' worth of splats near it instead of the whole
// array. Colours are kept once for the layer, or per splat in the same order.
struct PointsContext {
  std::vector<Place> splats;         // sorted by first bin, then data order
  std::vector<SplatColors> colors;   // per splat, or empty: `uniform` for all
  SplatColors uniform{};
  std::vector<uint32_t> entries;     // splat positions, grouped by bin, data order in each
  std::vector<size_t> bin_start;     // bin b holds entries [bin_start[b], bin_start[b+1])
  float opacity = 1;
};

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

constexpr int kSegment = 64;  // pixels of a row shaded at once (a multiple of 4)

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

// Paints one splat's pixels in rows [row_begin, row_end): per segment of a row, the
// fragments of four pixels at a time, then each kept pixel blended in turn.
template <Blending kMode, PointSymbol kSymbol>
void PaintSplatRows(const Place& place, const SplatColors& colors, float opacity, Canvas& canvas, int row_begin,
                    int row_end) {
  // Locals, so stores to the canvas do not force reloads of the splat.
  const Place p = place;
  const Float4 face = colors.face;
  Float4 edge = colors.edge;
  edge[3] = std::min(p.e, 1.0f) * edge[3];  // vispy's edge alpha
  // The colour of a fragment is face + diff × weight, or the edge colour where the
  // weight is negative; without a border the weight is 0 and diff too, so the face
  // colour comes out (+0 for −0, which no blend can tell apart after clamping).
  const Float4 diff = p.e == 0.0f ? Broadcast4(0.0f) : edge - face;
  const float face_alpha = face[3];
  const float edge_alpha = edge[3];
  const int y_begin = std::max(p.y0, row_begin);
  const int y_end = std::min(p.y1 + 1, row_end);
  const float reach = Reach(kSymbol, p.v, p.e);
  // The chord of a round marker pays off only when the box is wider than a few groups.
  const bool use_chord = (kSymbol == PointSymbol::kDisc || kSymbol == PointSymbol::kRing) && p.x1 - p.x0 >= 12;
  alignas(16) float alphas[kSegment];
  alignas(16) float weights[kSegment];
  alignas(16) int keeps[kSegment];
  for (int y = y_begin; y < y_end; ++y) {
    float* out = canvas.row(y);
    const float dy = (static_cast<float>(y) + 0.5f) - p.sy;
    int x_begin = p.x0;
    int x_end = p.x1;
    if (use_chord) {
      // Round shapes: only the row's chord can be reached (one pixel of slack for
      // rounding; the distance test decides).
      const float chord = std::sqrt(std::max(reach * reach - dy * dy, 0.0f)) + 1.0f;
      x_begin = std::max(x_begin, static_cast<int>(std::ceil(p.sx - chord - 0.5f)));
      x_end = std::min(x_end, static_cast<int>(std::floor(p.sx + chord - 0.5f)));
    }
    for (int x0 = x_begin; x0 <= x_end; x0 += kSegment) {
      const int count = std::min(kSegment, x_end - x0 + 1);
      const float fx0 = static_cast<float>(x0);
      Float4 fx = Float4{fx0, fx0 + 1.0f, fx0 + 2.0f, fx0 + 3.0f};  // exact: whole numbers below 2^24
      for (int i = 0; i < count; i += 4, fx += 4.0f) {
        const Float4 dx = (fx + 0.5f) - p.sx;
        const MarkerFragments f = ShadeMarkers(MarkerDistances<kSymbol>(dx, dy, p.v), p.e, kAntialias, face_alpha,
                                               edge_alpha);
        const Float4 a = f.alpha * opacity;
        Int4 keep = f.keep;
        if constexpr (kMode != Blending::kOpaque) keep &= a > 0.0f;  // vispy blends nothing at alpha 0
        Store4(alphas + i, a);
        Store4(weights + i, f.weight);
        __builtin_memcpy(keeps + i, &keep, sizeof keep);
      }
      float* px = out + static_cast<size_t>(x0) * 4;
      for (int i = 0; i < count; ++i, px += 4) {
        if (!keeps[i]) continue;
        const float w = weights[i];
        const Float4 color = w < 0.0f ? edge : face + diff * w;
        BlendColor<kMode>(px, color, alphas[i]);
      }
    }
  }
}

template <Blending kMode, PointSymbol kSymbol>
class PointsPainter final : public LayerPainter {
 public:
  explicit PointsPainter(PointsContext ctx) : ctx_(std::move(ctx)) {}

  void PaintRows(Canvas& canvas, int begin, int end) const override {
    if (begin >= end || ctx_.bin_start.size() < 2) return;
    const int bins = static_cast<int>(ctx_.bin_start.size()) - 1;
    // Each row belongs to one bin, and a bin paints its points in data order.
    for (int bin = begin / kBinRows; bin <= (end - 1) / kBinRows && bin < bins; ++bin) {
      const int row_begin = std::max(begin, bin * kBinRows);
      const int row_end = std::min(end, (bin + 1) * kBinRows);
      for (size_t e = ctx_.bin_start[bin]; e < ctx_.bin_start[bin + 1]; ++e) {
        const uint32_t at = ctx_.entries[e];
        PaintSplatRows<kMode, kSymbol>(ctx_.splats[at], ctx_.colors.empty() ? ctx_.uniform : ctx_.colors[at],
                                       ctx_.opacity, canvas, row_begin, row_end);
      }
    }
  }

 private:
  PointsContext ctx_;
};

template <Blending kMode>
std::unique_ptr<LayerPainter> MakeForSymbol(PointSymbol symbol, PointsContext ctx) {
  switch (symbol) {
#define STACKSHOT_POINTS_CASE(name) \
  case PointSymbol::name: return std::make_unique<PointsPainter<kMode, PointSymbol::name>>(std::move(ctx));
    STACKSHOT_POINTS_CASE(kArrow)
    STACKSHOT_POINTS_CASE(kClobber)
    STACKSHOT_POINTS_CASE(kCross)
    STACKSHOT_POINTS_CASE(kDiamond)
    STACKSHOT_POINTS_CASE(kDisc)
    STACKSHOT_POINTS_CASE(kHbar)
    STACKSHOT_POINTS_CASE(kRing)
    STACKSHOT_POINTS_CASE(kSquare)
    STACKSHOT_POINTS_CASE(kStar)
    STACKSHOT_POINTS_CASE(kTailedArrow)
    STACKSHOT_POINTS_CASE(kTriangleDown)
    STACKSHOT_POINTS_CASE(kTriangleUp)
    STACKSHOT_POINTS_CASE(kVbar)
    STACKSHOT_POINTS_CASE(kX)
#undef STACKSHOT_POINTS_CASE
  }
  return std::make_unique<EmptyPainter>();
}

std::unique_ptr<LayerPainter> MakePainter(Blending blending, PointSymbol symbol, PointsContext ctx) {
  switch (blending) {
    case Blending::kOpaque: return MakeForSymbol<Blending::kOpaque>(symbol, std::move(ctx));
    case Blending::kTranslucent: return MakeForSymbol<Blending::kTranslucent>(symbol, std::move(ctx));
    case Blending::kTranslucentNoDepth: return MakeForSymbol<Blending::kTranslucentNoDepth>(symbol, std::move(ctx));
    case Blending::kAdditive: return MakeForSymbol<Blending::kAdditive>(symbol, std::move(ctx));
    case Blending::kMinimum: return MakeForSymbol<Blending::kMinimum>(symbol, std::move(ctx));
  }
  return std::make_unique<EmptyPainter>();
}

// Sizes a large per-frame buffer, advising huge pages before its first touch.
template <typename T>
void ReserveHuge(std::vector<T>& v, size_t n) {
  v.reserve(n);
  AdviseHugePages(v.data(), n * sizeof(T));
  v.resize(n);
}

}  // namespace

PainterResult PreparePainter(const FrameSpec& frame, const PointsDrawItem& item, int threads) {
  const auto& response = item.response;
  if (!response || response->empty || response->indices.empty()) return std::unique_ptr<LayerPainter>(new EmptyPainter);
  const PointsAppearance& style = item.appearance;
  if (!style.data) return InternalError("points appearance without data");
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

  // Where point k lands; false when it draws nothing on the canvas.
  auto place_point = [&](int64_t k, Place& s) {
    const double r = response->rows[k];
    const double c = response->cols[k];
    const double wy = m00 * r + m01 * c + t0;
    const double wx = m10 * r + m11 * c + t1;
    s.sx = static_cast<float>((wx - camera.center_x) * zoom + half_w);
    s.sy = static_cast<float>((wy - camera.center_y) * zoom + half_h);
    const double size_px = static_cast<double>(response->sizes[k]) * zoom;
    if (!(size_px > 0.0)) return false;  // vispy discards markers of size 0
    const double v = std::clamp(size_px, min_px, max_px);
    s.v = static_cast<float>(v);
    s.e = static_cast<float>(style.border_width_is_relative ? style.border_width * v
                                                            : style.border_width * zoom * (v / size_px));
    const double reach = Reach(style.symbol, s.v, s.e);
    // Pixels whose centre (i + 0.5) lies within reach of the centre, on the canvas.
    const double x0 = std::ceil(s.sx - reach - 0.5);
    const double x1 = std::floor(s.sx + reach - 0.5);
    const double y0 = std::ceil(s.sy - reach - 0.5);
    const double y1 = std::floor(s.sy + reach - 0.5);
    if (!(x1 >= 0 && y1 >= 0 && x0 < frame.width && y0 < frame.height && x0 <= x1 && y0 <= y1)) return false;
    s.x0 = static_cast<int>(std::max(x0, 0.0));
    s.x1 = static_cast<int>(std::min(x1, frame.width - 1.0));
    s.y0 = static_cast<int>(std::max(y0, 0.0));
    s.y1 = static_cast<int>(std::min(y1, frame.height - 1.0));
    return true;
  };

  // 1. Count, per chunk of points, the points starting in each bin of rows and the
  //    points touching each bin.
  const int bins = (frame.height + kBinRows - 1) / kBinRows;
  const int64_t n = static_cast<int64_t>(response->indices.size());
  const int64_t chunks = ChunkCount(n, kPointGrain);
  std::vector<uint32_t> first_counts(static_cast<size_t>(chunks * bins), 0);
  std::vector<uint32_t> touch_counts(static_cast<size_t>(chunks * bins), 0);
  ParallelForChunks(n, kPointGrain, threads, [&](int64_t chunk, int64_t begin, int64_t end) {
    uint32_t* first = &first_counts[static_cast<size_t>(chunk * bins)];
    uint32_t* touch = &touch_counts[static_cast<size_t>(chunk * bins)];
    for (int64_t k = begin; k < end; ++k) {
      Place s;
      if (!place_point(k, s)) continue;
      ++first[s.y0 / kBinRows];
      for (int b = s.y0 / kBinRows; b <= s.y1 / kBinRows; ++b) ++touch[b];
    }
  });

  // 2. Offsets, bin-major then chunk order: the same layout for any thread count.
  std::vector<size_t> first_offsets(first_counts.size());
  std::vector<size_t> touch_offsets(touch_counts.size());
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
      touching += touch_counts[i];
    }
  }
  ctx.bin_start[bins] = touching;

  // 3. Place the points again (the same arithmetic), write them in first-bin order
  //    and list them in every bin they touch.
  const bool per_point = !face.per_point.empty() || !edge.per_point.empty();
  ctx.uniform = {Load4(face.At(0).data()), Load4(edge.At(0).data())};
  ReserveHuge(ctx.splats, placed);
  ReserveHuge(ctx.entries, touching);
  if (per_point) ReserveHuge(ctx.colors, placed);
  ParallelForChunks(n, kPointGrain, threads, [&](int64_t chunk, int64_t begin, int64_t end) {
    size_t* first = &first_offsets[static_cast<size_t>(chunk * bins)];
    size_t* touch = &touch_offsets[static_cast<size_t>(chunk * bins)];
    for (int64_t k = begin; k < end; ++k) {
      Place s;
      if (!place_point(k, s)) continue;
      const size_t at = first[s.y0 / kBinRows]++;
      ctx.splats[at] = s;
      if (per_point) {
        ctx.colors[at] = {Load4(face.At(static_cast<size_t>(k)).data()), Load4(edge.At(static_cast<size_t>(k)).data())};
      }
      for (int b = s.y0 / kBinRows; b <= s.y1 / kBinRows; ++b) ctx.entries[touch[b]++] = static_cast<uint32_t>(at);
    }
  });
  return MakePainter(style.blending, style.symbol, std::move(ctx));
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
