#include "render/image_drawer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "exec/parallel.h"
#include "render/pixel_kernels.h"

namespace stackshot {
namespace {

constexpr int64_t kRowGrain = 16;

// Everything the inner loop reads, computed once per draw.
struct DrawContext {
  const float* data = nullptr;
  int64_t rows = 0;
  int64_t cols = 0;
  double row_edge = 0;  // rows - 0.5
  double col_edge = 0;  // cols - 0.5
  double lo = 0;
  double range = 1;
  double gamma = 1;
  float opacity = 1;
  const float* controls = nullptr;
  const Rgba* colors = nullptr;
  int color_count = 0;
  // world (y, x) → plane (row, col)
  double inv[2][2] = {{1, 0}, {0, 1}};
  double inv_t[2] = {0, 0};
  // Plane coordinates moved by one screen column.
  double step_row = 0;
  double step_col = 0;
};

template <Interpolation kInterp>
inline double Sample(const DrawContext& ctx, double r, double c) {
  if constexpr (kInterp == Interpolation::kNearest) {
    // r + 0.5 >= 0 inside the box, so truncation is floor.
    int64_t ri = static_cast<int64_t>(r + 0.5);
    int64_t ci = static_cast<int64_t>(c + 0.5);
    if (ri > ctx.rows - 1) ri = ctx.rows - 1;
    if (ci > ctx.cols - 1) ci = ctx.cols - 1;
    return ctx.data[ri * ctx.cols + ci];
  } else {
    // Bilinear between pixel centres, clamped to the edge pixels.
    const double rf = std::floor(r);
    const double cf = std::floor(c);
    const double fr = r - rf;
    const double fc = c - cf;
    int64_t r0 = static_cast<int64_t>(rf);
    int64_t c0 = static_cast<int64_t>(cf);
    int64_t r1 = r0 + 1;
    int64_t c1 = c0 + 1;
    r0 = std::clamp<int64_t>(r0, 0, ctx.rows - 1);
    r1 = std::clamp<int64_t>(r1, 0, ctx.rows - 1);
    c0 = std::clamp<int64_t>(c0, 0, ctx.cols - 1);
    c1 = std::clamp<int64_t>(c1, 0, ctx.cols - 1);
    const double v00 = ctx.data[r0 * ctx.cols + c0];
    const double v01 = ctx.data[r0 * ctx.cols + c1];
    const double v10 = ctx.data[r1 * ctx.cols + c0];
    const double v11 = ctx.data[r1 * ctx.cols + c1];
    const double top = v00 + (v01 - v00) * fc;
    const double bottom = v10 + (v11 - v10) * fc;
    return top + (bottom - top) * fr;
  }
}

// Columns first..last of one screen row, whose pixel centres fall inside the
// plane's pixel-edge box; empty when first > last.
struct Span {
  int first = 0;
  int last = -1;
};

// Along a row, plane coordinates are start + col × step: monotonic in col (rounding
// is monotonic), so the inside columns form one interval. Estimate it analytically,
// widen by two columns, then shrink with the exact per-pixel test.
Span InsideSpan(const DrawContext& ctx, double start_r, double start_c, int width) {
  auto inside = [&](int col) {
    const double r = start_r + col * ctx.step_row;
    const double c = start_c + col * ctx.step_col;
    return r >= -0.5 && r <= ctx.row_edge && c >= -0.5 && c <= ctx.col_edge;
  };
  double lo = 0;
  double hi = width - 1;
  auto limit = [&](double start, double step, double edge) {
    if (step == 0) {
      if (!(start >= -0.5 && start <= edge)) hi = -1;
      return;
    }
    double a = (-0.5 - start) / step;
    double b = (edge - start) / step;
    if (step < 0) std::swap(a, b);
    lo = std::max(lo, std::ceil(a) - 2);
    hi = std::min(hi, std::floor(b) + 2);
  };
  limit(start_r, ctx.step_row, ctx.row_edge);
  limit(start_c, ctx.step_col, ctx.col_edge);
  if (!(lo <= hi)) {
    // Empty by the estimate, or NaN from extreme values: settle it exactly.
    if (std::isnan(lo) || std::isnan(hi)) {
      lo = 0;
      hi = width - 1;
    } else {
      return {};
    }
  }
  Span span{static_cast<int>(std::clamp(lo, 0.0, width - 1.0)), static_cast<int>(std::clamp(hi, 0.0, width - 1.0))};
  while (span.first <= span.last && !inside(span.first)) ++span.first;
  while (span.last >= span.first && !inside(span.last)) --span.last;
  return span;
}

// The passes over one row's inside span. Each loop carries a short chain of
// dependent work, so many pixels are in flight at once.
// 1. Where each pixel centre falls on the plane, the sampled value, and t after
//    contrast limits and gamma.
template <Interpolation kInterp, bool kGamma>
void RowT(const DrawContext& ctx, double start_r, double start_c, Span span, float* t_out) {
  for (int col = span.first; col <= span.last; ++col) {
    const double r = start_r + col * ctx.step_row;
    const double c = start_c + col * ctx.step_col;
    const double value = Sample<kInterp>(ctx, r, c);
    // Contrast limits, then gamma. NaN (also 0/0 when lo == hi) counts as 0.
    double t = (value - ctx.lo) / ctx.range;
    if (!(t > 0.0)) t = 0.0;
    if (t > 1.0) t = 1.0;
    if constexpr (kGamma) t = std::pow(t, ctx.gamma);
    t_out[col] = static_cast<float>(t);
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

template <Blending kMode, Interpolation kInterp, bool kGamma>
void DrawRows(Canvas& canvas, const Camera2D& camera, const DrawContext& ctx, int64_t begin, int64_t end) {
  const int width = canvas.width();
  std::vector<float> t_row(static_cast<size_t>(width));
  std::vector<ColormapPosition> positions(static_cast<size_t>(width));
  for (int64_t y = begin; y < end; ++y) {
    // Plane coordinates of the row's first pixel centre; pixel col is at
    // start + col * step, the same bits whichever chunk the row is in.
    const auto world = ScreenToWorld(camera, width, canvas.height(), 0, static_cast<double>(y));
    const double start_r = ctx.inv[0][0] * world[0] + ctx.inv[0][1] * world[1] + ctx.inv_t[0];
    const double start_c = ctx.inv[1][0] * world[0] + ctx.inv[1][1] * world[1] + ctx.inv_t[1];
    const Span span = InsideSpan(ctx, start_r, start_c, width);
    if (span.first > span.last) continue;
    RowT<kInterp, kGamma>(ctx, start_r, start_c, span, t_row.data());
    RowBlend<kMode>(ctx, t_row.data(), span, positions.data(), canvas.row(static_cast<int>(y)));
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
  if (interpolation == Interpolation::kLinear) {
    DrawAll<kMode, Interpolation::kLinear>(canvas, camera, ctx, gamma, threads);
  } else {
    DrawAll<kMode, Interpolation::kNearest>(canvas, camera, ctx, gamma, threads);
  }
}

}  // namespace

Status DrawImage(Canvas& canvas, const Camera2D& camera, const ImageDrawItem& item, int threads) {
  const auto& response = item.response;
  if (!response || response->empty || response->plane.empty()) return Status::Ok();
  const Array& plane = response->plane;
  if (plane.ndim() != 2 || plane.dtype() != DType::kFloat32) {
    return InternalError("image plane must be 2-d float32, got " + ShapeToString(plane.shape()) + " " +
                         DTypeName(plane.dtype()));
  }
  if (plane.shape()[0] <= 0 || plane.shape()[1] <= 0) return Status::Ok();
  if (!(camera.zoom > 0) || !std::isfinite(camera.zoom)) {
    return InvalidArgumentError("camera zoom must be positive, got " + std::to_string(camera.zoom));
  }
  const Affine& to_world = response->plane_to_world;
  if (to_world.ndim() != 2) {
    return InternalError("image plane transform must be 2-d, got " + std::to_string(to_world.ndim()) + "-d");
  }
  ASSIGN_OR_RETURN(const Colormap colormap, ResolveColormap(item.appearance.colormap));

  DrawContext ctx;
  ctx.data = plane.data<float>();
  ctx.rows = plane.shape()[0];
  ctx.cols = plane.shape()[1];
  ctx.row_edge = static_cast<double>(ctx.rows) - 0.5;
  ctx.col_edge = static_cast<double>(ctx.cols) - 0.5;
  ctx.lo = item.appearance.contrast_limits[0];
  ctx.range = item.appearance.contrast_limits[1] - item.appearance.contrast_limits[0];
  ctx.gamma = item.appearance.gamma;
  ctx.opacity = static_cast<float>(item.appearance.opacity);
  ctx.controls = colormap.controls().data();
  ctx.colors = colormap.colors().data();
  ctx.color_count = static_cast<int>(std::min(colormap.controls().size(), colormap.colors().size()));
  if (ctx.color_count < 2) return InternalError("colormap '" + colormap.name() + "' has fewer than 2 colours");

  // Invert the 2-d plane → world transform once.
  const double a = to_world.linear(0, 0), b = to_world.linear(0, 1);
  const double c = to_world.linear(1, 0), d = to_world.linear(1, 1);
  const double det = a * d - b * c;
  if (!(det != 0) || !std::isfinite(det)) return InvalidArgumentError("image plane transform is singular");
  ctx.inv[0][0] = d / det;
  ctx.inv[0][1] = -b / det;
  ctx.inv[1][0] = -c / det;
  ctx.inv[1][1] = a / det;
  const double tr = to_world.translation(0), tc = to_world.translation(1);
  ctx.inv_t[0] = -(ctx.inv[0][0] * tr + ctx.inv[0][1] * tc);
  ctx.inv_t[1] = -(ctx.inv[1][0] * tr + ctx.inv[1][1] * tc);
  // One screen column is 1 / zoom world units along x (the second world axis).
  ctx.step_row = ctx.inv[0][1] / camera.zoom;
  ctx.step_col = ctx.inv[1][1] / camera.zoom;

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
