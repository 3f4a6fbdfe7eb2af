#include "render/points_drawer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "exec/parallel.h"
#include "render/pixel_kernels.h"
#include "render/points_colors.h"
#include "render/points_marker.h"

namespace stackshot {
namespace {

constexpr int kBinRows = 8;              // rows per bin; bins are aligned to frame rows
constexpr int64_t kPointGrain = 1 << 15;  // points per chunk when placing and binning
constexpr float kAntialias = 1.0f;       // napari's default antialiasing, in pixels

// One point as it lands on screen.
struct Splat {
  float sx, sy;  // centre, screen pixels
  float v;       // diameter, pixels
  float e;       // border width, pixels
  int x0, x1, y0, y1;  // pixels whose centres the marker may cover (inclusive)
  Rgba face;
  Rgba edge;
};

struct PointsContext {
  std::vector<Splat> splats;       // visible order (data order)
  std::vector<uint32_t> entries;   // splat indices, grouped by bin, data order in each
  std::vector<size_t> bin_start;   // bin b holds entries [bin_start[b], bin_start[b+1])
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

template <Blending kMode, PointSymbol kSymbol>
void PaintSplatRows(const PointsContext& ctx, const Splat& s, Canvas& canvas, int row_begin, int row_end) {
  const int y_begin = std::max(s.y0, row_begin);
  const int y_end = std::min(s.y1 + 1, row_end);
  MarkerFragment fragment;
  for (int y = y_begin; y < y_end; ++y) {
    float* out = canvas.row(y);
    const float dy = (static_cast<float>(y) + 0.5f) - s.sy;
    for (int x = s.x0; x <= s.x1; ++x) {
      const float dx = (static_cast<float>(x) + 0.5f) - s.sx;
      const float r = MarkerDistance<kSymbol>(dx, dy, s.v);
      if (!ShadeMarker(r, s.e, kAntialias, s.face.data(), s.edge.data(), fragment)) continue;
      const float a = fragment.rgba[3] * ctx.opacity;
      if (!(a > 0.0f) && kMode != Blending::kOpaque) continue;
      BlendColor<kMode>(out + static_cast<size_t>(x) * 4, Load4(fragment.rgba), a);
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
        PaintSplatRows<kMode, kSymbol>(ctx_, ctx_.splats[ctx_.entries[e]], canvas, row_begin, row_end);
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

// Sorts the splats into bins of rows: per chunk of points a count per bin, then
// every chunk writes its points at its own offsets, so each bin lists its points in
// data order whatever the thread count.
void BinSplats(PointsContext& ctx, int height, int threads) {
  const int bins = (height + kBinRows - 1) / kBinRows;
  const int64_t n = static_cast<int64_t>(ctx.splats.size());
  const int64_t chunks = ChunkCount(n, kPointGrain);
  std::vector<uint32_t> counts(static_cast<size_t>(chunks * bins), 0);
  ParallelForChunks(n, kPointGrain, threads, [&](int64_t chunk, int64_t begin, int64_t end) {
    uint32_t* count = &counts[static_cast<size_t>(chunk * bins)];
    for (int64_t k = begin; k < end; ++k) {
      const Splat& s = ctx.splats[k];
      if (s.y0 > s.y1) continue;
      for (int b = s.y0 / kBinRows; b <= s.y1 / kBinRows; ++b) ++count[b];
    }
  });
  // Offsets: bin-major, then chunk order within a bin.
  std::vector<size_t> offsets(counts.size());
  ctx.bin_start.assign(static_cast<size_t>(bins) + 1, 0);
  size_t total = 0;
  for (int b = 0; b < bins; ++b) {
    ctx.bin_start[b] = total;
    for (int64_t c = 0; c < chunks; ++c) {
      offsets[static_cast<size_t>(c * bins + b)] = total;
      total += counts[static_cast<size_t>(c * bins + b)];
    }
  }
  ctx.bin_start[bins] = total;
  ctx.entries.resize(total);
  ParallelForChunks(n, kPointGrain, threads, [&](int64_t chunk, int64_t begin, int64_t end) {
    size_t* offset = &offsets[static_cast<size_t>(chunk * bins)];
    for (int64_t k = begin; k < end; ++k) {
      const Splat& s = ctx.splats[k];
      if (s.y0 > s.y1) continue;
      for (int b = s.y0 / kBinRows; b <= s.y1 / kBinRows; ++b) ctx.entries[offset[b]++] = static_cast<uint32_t>(k);
    }
  });
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
  ASSIGN_OR_RETURN(std::vector<Rgba> face, ResolvePointColors(style.face_color, *style.data, response->indices,
                                                               "face_color"));
  ASSIGN_OR_RETURN(std::vector<Rgba> edge, ResolvePointColors(style.border_color, *style.data, response->indices,
                                                               "border_color"));
  const Affine& a = response->displayed_to_world;
  if (a.ndim() != 2) return InternalError("points response without a 2D transform");
  const Camera2D& camera = frame.camera;
  const double zoom = camera.zoom;
  const double half_w = frame.width / 2.0;
  const double half_h = frame.height / 2.0;
  const double min_px = style.canvas_size_limits[0];
  const double max_px = style.canvas_size_limits[1];

  // Place every point on screen, in fixed chunks.
  PointsContext ctx;
  ctx.opacity = static_cast<float>(style.opacity);
  const int64_t n = static_cast<int64_t>(response->indices.size());
  ctx.splats.resize(static_cast<size_t>(n));
  ParallelFor(n, kPointGrain, threads, [&](int64_t begin, int64_t end) {
    for (int64_t k = begin; k < end; ++k) {
      Splat& s = ctx.splats[k];
      const double r = response->rows[k];
      const double c = response->cols[k];
      const double wy = a.linear(0, 0) * r + a.linear(0, 1) * c + a.translation(0);
      const double wx = a.linear(1, 0) * r + a.linear(1, 1) * c + a.translation(1);
      s.sx = static_cast<float>((wx - camera.center_x) * zoom + half_w);
      s.sy = static_cast<float>((wy - camera.center_y) * zoom + half_h);
      s.face = face[k];
      s.edge = edge[k];
      const double size_px = static_cast<double>(response->sizes[k]) * zoom;
      s.x0 = s.y0 = 0;
      s.x1 = s.y1 = -1;
      if (!(size_px > 0.0)) continue;  // vispy discards markers of size 0
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
      if (!(x1 >= 0 && y1 >= 0 && x0 < frame.width && y0 < frame.height && x0 <= x1 && y0 <= y1)) continue;
      s.x0 = static_cast<int>(std::max(x0, 0.0));
      s.x1 = static_cast<int>(std::min(x1, frame.width - 1.0));
      s.y0 = static_cast<int>(std::max(y0, 0.0));
      s.y1 = static_cast<int>(std::min(y1, frame.height - 1.0));
    }
  });
  BinSplats(ctx, frame.height, threads);
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
