#include "render/image_drawer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "exec/parallel.h"
#include "render/pixel_kernels.h"
#include "render/plane_geometry.h"

namespace stackshot {
namespace {

constexpr int64_t kRowGrain = 16;

// Everything the inner loop reads, computed once per draw.
struct DrawContext {
  PlaneGeometry g;
  const float* data = nullptr;
  int64_t channels = 1;  // values per pixel: 1, or 3 / 4 for RGB(A)
  double lo = 0;
  double range = 1;
  double gamma = 1;
  float opacity = 1;
  float alpha_max = 1;
  const float* controls = nullptr;
  const Rgba* colors = nullptr;
  int color_count = 0;
};

// Keys' cubic convolution weights (a = -0.5) for offsets -1, 0, 1, 2 at fraction t.
inline void CubicWeights(double t, double w[4]) {
  w[0] = ((-0.5 * t + 1.0) * t - 0.5) * t;
  w[1] = (1.5 * t - 2.5) * t * t + 1.0;
  w[2] = ((-1.5 * t + 2.0) * t + 0.5) * t;
  w[3] = (0.5 * t - 0.5) * t * t;
}

// The value of channel `ch` at plane coordinates (r, c), inside the pixel-edge box.
// kRgb says whether pixels hold several channels (the scalar path keeps its index
// arithmetic unchanged).
template <Interpolation kInterp, bool kRgb>
inline double Sample(const DrawContext& ctx, double r, double c, int64_t ch) {
  const int64_t rows = ctx.g.rows;
  const int64_t cols = ctx.g.cols;
  auto at = [&](int64_t ri, int64_t ci) -> double {
    if constexpr (kRgb) {
      return ctx.data[(ri * cols + ci) * ctx.channels + ch];
    } else {
      return ctx.data[ri * cols + ci];
    }
  };
  if constexpr (kInterp == Interpolation::kNearest) {
    return at(NearestIndex(r, rows), NearestIndex(c, cols));
  } else if constexpr (kInterp == Interpolation::kLinear) {
    // Bilinear between pixel centres, clamped to the edge pixels.
    const double rf = std::floor(r);
    const double cf = std::floor(c);
    const double fr = r - rf;
    const double fc = c - cf;
    int64_t r0 = static_cast<int64_t>(rf);
    int64_t c0 = static_cast<int64_t>(cf);
    int64_t r1 = r0 + 1;
    int64_t c1 = c0 + 1;
    r0 = std::clamp<int64_t>(r0, 0, rows - 1);
    r1 = std::clamp<int64_t>(r1, 0, rows - 1);
    c0 = std::clamp<int64_t>(c0, 0, cols - 1);
    c1 = std::clamp<int64_t>(c1, 0, cols - 1);
    const double v00 = at(r0, c0);
    const double v01 = at(r0, c1);
    const double v10 = at(r1, c0);
    const double v11 = at(r1, c1);
    const double top = v00 + (v01 - v00) * fc;
    const double bottom = v10 + (v11 - v10) * fc;
    return top + (bottom - top) * fr;
  } else {
    static_assert(kInterp == Interpolation::kCubic);
    // 4×4 neighbourhood around the centre below-left of (r, c), edge pixels repeated;
    // each row is summed over columns first, then the rows, always in this order.
    const double rf = std::floor(r);
    const double cf = std::floor(c);
    double wr[4], wc[4];
    CubicWeights(r - rf, wr);
    CubicWeights(c - cf, wc);
    const int64_t r0 = static_cast<int64_t>(rf) - 1;
    const int64_t c0 = static_cast<int64_t>(cf) - 1;
    int64_t ci[4];
    for (int i = 0; i < 4; ++i) ci[i] = std::clamp<int64_t>(c0 + i, 0, cols - 1);
    double sum = 0;
    for (int j = 0; j < 4; ++j) {
      const int64_t ri = std::clamp<int64_t>(r0 + j, 0, rows - 1);
      const double row = wc[0] * at(ri, ci[0]) + wc[1] * at(ri, ci[1]) + wc[2] * at(ri, ci[2]) + wc[3] * at(ri, ci[3]);
      sum += wr[j] * row;
    }
    return sum;
  }
}

// Contrast limits, then gamma. NaN (also 0/0 when lo == hi) counts as 0.
template <bool kGamma>
inline double ToUnit(const DrawContext& ctx, double value) {
  double t = (value - ctx.lo) / ctx.range;
  if (!(t > 0.0)) t = 0.0;
  if (t > 1.0) t = 1.0;
  if constexpr (kGamma) t = std::pow(t, ctx.gamma);
  return t;
}

// The passes over one row's inside span. Each loop carries a short chain of
// dependent work, so many pixels are in flight at once.
// 1. Where each pixel centre falls on the plane, the sampled value, and t after
//    contrast limits and gamma.
template <Interpolation kInterp, bool kGamma>
void RowT(const DrawContext& ctx, double start_r, double start_c, Span span, float* t_out) {
  for (int col = span.first; col <= span.last; ++col) {
    const double r = start_r + col * ctx.g.step_row;
    const double c = start_c + col * ctx.g.step_col;
    t_out[col] = static_cast<float>(ToUnit<kGamma>(ctx, Sample<kInterp, false>(ctx, r, c, 0)));
  }
}

// 2. Where each t falls in the colormap. 3. The colour, blended onto the canvas.
template <Blending kMode>
void RowBlend(const DrawContext& ctx, const float* t_row, Span span, ColormapPosition* positions, float* out) {
  for (int col = span.first; col <= span.last; ++col) {
    positions[col] = LocateInColormap(ctx.controls, ctx.color_count, t_row[col]);
  }
  for (int col = span.first; col <= span.last; ++col) {
    const Float4 color = ColorAt(ctx.colors, ctx.color_count, positions[col]);
    BlendColor<kMode>(out + static_cast<size_t>(col) * 4, color, color[3] * ctx.opacity);
  }
}

// RGB(A): each colour channel through the contrast limits and gamma, then blended.
template <Blending kMode, Interpolation kInterp, bool kGamma>
void RowRgb(const DrawContext& ctx, double start_r, double start_c, Span span, float* out) {
  for (int col = span.first; col <= span.last; ++col) {
    const double r = start_r + col * ctx.g.step_row;
    const double c = start_c + col * ctx.g.step_col;
    Float4 color = {0, 0, 0, 1};
    for (int ch = 0; ch < 3; ++ch) {
      color[ch] = static_cast<float>(ToUnit<kGamma>(ctx, Sample<kInterp, true>(ctx, r, c, ch)));
    }
    float alpha = 1.0f;
    if (ctx.channels == 4) {
      alpha = static_cast<float>(Sample<kInterp, true>(ctx, r, c, 3)) / ctx.alpha_max;
      alpha = !(alpha > 0.0f) ? 0.0f : (alpha > 1.0f ? 1.0f : alpha);
    }
    color[3] = alpha;
    BlendColor<kMode>(out + static_cast<size_t>(col) * 4, color, alpha * ctx.opacity);
  }
}

template <Blending kMode, Interpolation kInterp, bool kGamma>
void DrawRows(Canvas& canvas, const Camera2D& camera, const DrawContext& ctx, int64_t begin, int64_t end) {
  const int width = canvas.width();
  std::vector<float> t_row;
  std::vector<ColormapPosition> positions;
  if (ctx.channels == 1) {
    t_row.resize(static_cast<size_t>(width));
    positions.resize(static_cast<size_t>(width));
  }
  for (int64_t y = begin; y < end; ++y) {
    double start_r, start_c;
    RowStart(ctx.g, camera, width, canvas.height(), y, start_r, start_c);
    const Span span = InsideSpan(ctx.g, start_r, start_c, width);
    if (span.first > span.last) continue;
    float* out = canvas.row(static_cast<int>(y));
    if (ctx.channels == 1) {
      RowT<kInterp, kGamma>(ctx, start_r, start_c, span, t_row.data());
      RowBlend<kMode>(ctx, t_row.data(), span, positions.data(), out);
    } else {
      RowRgb<kMode, kInterp, kGamma>(ctx, start_r, start_c, span, out);
    }
  }
}

template <Blending kMode, Interpolation kInterp>
void DrawAll(Canvas& canvas, const Camera2D& camera, const DrawContext& ctx, bool gamma, int threads) {
  ParallelFor(canvas.height(), kRowGrain, threads, [&](int64_t begin, int64_t end) {
    if (gamma) {
      DrawRows<kMode, kInterp, true>(canvas, camera, ctx, begin, end);
    } else {
      DrawRows<kMode, kInterp, false>(canvas, camera, ctx, begin, end);
    }
  });
}

template <Blending kMode>
void DrawWithMode(Canvas& canvas, const Camera2D& camera, const DrawContext& ctx, Interpolation interpolation,
                  bool gamma, int threads) {
  switch (interpolation) {
    case Interpolation::kLinear:
      DrawAll<kMode, Interpolation::kLinear>(canvas, camera, ctx, gamma, threads);
      break;
    case Interpolation::kCubic:
      DrawAll<kMode, Interpolation::kCubic>(canvas, camera, ctx, gamma, threads);
      break;
    case Interpolation::kNearest:
      DrawAll<kMode, Interpolation::kNearest>(canvas, camera, ctx, gamma, threads);
      break;
  }
}

}  // namespace

Status DrawImage(Canvas& canvas, const Camera2D& camera, const ImageDrawItem& item, int threads) {
  const auto& response = item.response;
  if (!response || response->empty || response->plane.empty()) return Status::Ok();
  const Array& plane = response->plane;
  const bool rgb = plane.ndim() == 3;
  if ((plane.ndim() != 2 && !rgb) || plane.dtype() != DType::kFloat32 ||
      (rgb && plane.shape()[2] != 3 && plane.shape()[2] != 4)) {
    return InternalError("image plane must be 2-d float32 (or 3-d with 3 or 4 channels), got " +
                         ShapeToString(plane.shape()) + " " + DTypeName(plane.dtype()));
  }
  if (plane.shape()[0] <= 0 || plane.shape()[1] <= 0) return Status::Ok();

  DrawContext ctx;
  RETURN_IF_ERROR(MakePlaneGeometry(response->plane_to_world, plane.shape()[0], plane.shape()[1], camera, ctx.g));
  ctx.data = plane.data<float>();
  ctx.channels = rgb ? plane.shape()[2] : 1;
  ctx.lo = item.appearance.contrast_limits[0];
  ctx.range = item.appearance.contrast_limits[1] - item.appearance.contrast_limits[0];
  ctx.gamma = item.appearance.gamma;
  ctx.opacity = static_cast<float>(item.appearance.opacity);
  ctx.alpha_max = response->alpha_max;
  Colormap colormap("unused", {0.0f, 1.0f}, {Rgba{0, 0, 0, 1}, Rgba{1, 1, 1, 1}});
  if (!rgb) {
    ASSIGN_OR_RETURN(colormap, ResolveColormap(item.appearance.colormap));
  }
  ctx.controls = colormap.controls().data();
  ctx.colors = colormap.colors().data();
  ctx.color_count = static_cast<int>(std::min(colormap.controls().size(), colormap.colors().size()));
  if (ctx.color_count < 2) return InternalError("colormap '" + colormap.name() + "' has fewer than 2 colours");

  const bool gamma = ctx.gamma != 1.0;
  const Interpolation interpolation = item.appearance.interpolation;
  switch (item.appearance.blending) {
    case Blending::kOpaque:
      DrawWithMode<Blending::kOpaque>(canvas, camera, ctx, interpolation, gamma, threads);
      break;
    case Blending::kTranslucent:
      DrawWithMode<Blending::kTranslucent>(canvas, camera, ctx, interpolation, gamma, threads);
      break;
    case Blending::kTranslucentNoDepth:
      DrawWithMode<Blending::kTranslucentNoDepth>(canvas, camera, ctx, interpolation, gamma, threads);
      break;
    case Blending::kAdditive:
      DrawWithMode<Blending::kAdditive>(canvas, camera, ctx, interpolation, gamma, threads);
      break;
    case Blending::kMinimum:
      DrawWithMode<Blending::kMinimum>(canvas, camera, ctx, interpolation, gamma, threads);
      break;
  }
  return Status::Ok();
}

}  // namespace stackshot
