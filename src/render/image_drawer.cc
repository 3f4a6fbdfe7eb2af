#include "render/image_drawer.h"

#include <emmintrin.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "exec/parallel.h"
#include "render/pixel_kernels.h"
#include "render/plane_geometry.h"
#include "render/spatial_filters.h"

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
  // Integer-valued planes: the colour of every value in [table_first, table_last];
  // values beyond either end have that end's colour.
  const Float4* table = nullptr;
  int64_t table_first = 0;
  int64_t table_last = -1;
  // vispy's kernel weights (spatial_filters.h) for the table samplers.
  const double* kernel = nullptr;
};

// How a pixel is sampled: nearest, bilinear (both as the GPU filters a texture),
// or one of vispy's table kernels of radius R (R = 1…4).
enum class Sampler { kNearest, kLinear, kKernel1, kKernel2, kKernel3, kKernel4 };

constexpr int KernelRadius(Sampler sampler) {
  switch (sampler) {
    case Sampler::kKernel1: return 1;
    case Sampler::kKernel2: return 2;
    case Sampler::kKernel3: return 3;
    case Sampler::kKernel4: return 4;
    default: return 0;
  }
}

// The value of channel `ch` at plane coordinates (r, c), inside the pixel-edge box.
// kRgb says whether pixels hold several channels (the scalar path keeps its index
// arithmetic unchanged).
template <Sampler kSampler, bool kRgb>
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
  if constexpr (kSampler == Sampler::kNearest) {
    return at(NearestIndex(r, rows), NearestIndex(c, cols));
  } else if constexpr (kSampler == Sampler::kLinear) {
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
    // vispy's filter2D_radiusR: the 2R × 2R pixels around the centre below-left of
    // (r, c), edge pixels repeated; each row is filtered over columns first, then the
    // rows, always in this order.
    constexpr int kR = KernelRadius(kSampler);
    static_assert(kR > 0);
    const double rf = std::floor(r);
    const double cf = std::floor(c);
    double wr[2 * kR], wc[2 * kR];
    SpatialFilterWeights<kR>(ctx.kernel, r - rf, wr);
    SpatialFilterWeights<kR>(ctx.kernel, c - cf, wc);
    const int64_t r0 = static_cast<int64_t>(rf) - (kR - 1);
    const int64_t c0 = static_cast<int64_t>(cf) - (kR - 1);
    int64_t ci[2 * kR];
    for (int i = 0; i < 2 * kR; ++i) ci[i] = std::clamp<int64_t>(c0 + i, 0, cols - 1);
    double sum = 0;
    for (int j = 0; j < 2 * kR; ++j) {
      const int64_t ri = std::clamp<int64_t>(r0 + j, 0, rows - 1);
      double row = 0;
      for (int i = 0; i < 2 * kR; ++i) row += wc[i] * at(ri, ci[i]);
      sum += wr[j] * row;
    }
    return sum;
  }
}

// Contrast limits, then gamma. NaN (also 0/0 when lo == hi) counts as 0.
template <bool kGamma>
inline double ToUnit(const DrawContext& ctx, double value) {
  double t = (value - ctx.lo) / ctx.range;
  // maxsd / minsd rather than branches, which noisy data mispredicts: maxsd gives
  // t > 0 ? t : 0 (so NaN gives 0) and minsd t < 1 ? t : 1, the same values.
  t = _mm_cvtsd_f64(_mm_min_sd(_mm_max_sd(_mm_set_sd(t), _mm_setzero_pd()), _mm_set_sd(1.0)));
  if constexpr (kGamma) t = std::pow(t, ctx.gamma);
  return t;
}

// The passes over one row's inside span. Each loop carries a short chain of
// dependent work, so many pixels are in flight at once.
// 1. Where each pixel centre falls on the plane, the sampled value, and t after
//    contrast limits and gamma.
template <Sampler kSampler, bool kGamma>
void RowT(const DrawContext& ctx, double start_r, double start_c, Span span, float* t_out) {
  for (int col = span.first; col <= span.last; ++col) {
    const double r = start_r + col * ctx.g.step_row;
    const double c = start_c + col * ctx.g.step_col;
    t_out[col] = static_cast<float>(ToUnit<kGamma>(ctx, Sample<kSampler, false>(ctx, r, c, 0)));
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
template <Blending kMode, Sampler kSampler, bool kGamma>
void RowRgb(const DrawContext& ctx, double start_r, double start_c, Span span, float* out) {
  for (int col = span.first; col <= span.last; ++col) {
    const double r = start_r + col * ctx.g.step_row;
    const double c = start_c + col * ctx.g.step_col;
    Float4 color = {0, 0, 0, 1};
    for (int ch = 0; ch < 3; ++ch) {
      color[ch] = static_cast<float>(ToUnit<kGamma>(ctx, Sample<kSampler, true>(ctx, r, c, ch)));
    }
    float alpha = 1.0f;
    if (ctx.channels == 4) {
      alpha = static_cast<float>(Sample<kSampler, true>(ctx, r, c, 3)) / ctx.alpha_max;
      alpha = !(alpha > 0.0f) ? 0.0f : (alpha > 1.0f ? 1.0f : alpha);
    }
    color[3] = alpha;
    BlendColor<kMode>(out + static_cast<size_t>(col) * 4, color, alpha * ctx.opacity);
  }
}

template <Blending kMode, Sampler kSampler, bool kGamma>
void DrawRows(Canvas& canvas, const Camera2D& camera, const DrawContext& ctx, int64_t begin, int64_t end) {
  std::vector<float> t_row;
  std::vector<ColormapPosition> positions;
  if (ctx.channels == 1) {
    t_row.resize(static_cast<size_t>(canvas.width()));
    positions.resize(static_cast<size_t>(canvas.width()));
  }
  ForEachPlaneRow(ctx.g, camera, canvas, begin, end, [&](float* out, double start_r, double start_c, const Span& span) {
    if (ctx.channels == 1) {
      RowT<kSampler, kGamma>(ctx, start_r, start_c, span, t_row.data());
      RowBlend<kMode>(ctx, t_row.data(), span, positions.data(), out);
    } else {
      RowRgb<kMode, kSampler, kGamma>(ctx, start_r, start_c, span, out);
    }
  });
}

using RowsFn = void (*)(Canvas&, const Camera2D&, const DrawContext&, int64_t, int64_t);

// Nearest sampling through the colour table: the same pixel, the same colour (the
// table holds what RowT and RowBlend compute for each value), without the per-pixel
// contrast, gamma and colormap search.
template <Blending kMode>
void DrawRowsFromTable(Canvas& canvas, const Camera2D& camera, const DrawContext& ctx, int64_t begin, int64_t end) {
  ForEachPlaneRow(ctx.g, camera, canvas, begin, end, [&](float* out, double start_r, double start_c, const Span& span) {
    for (int col = span.first; col <= span.last; ++col) {
      const double r = start_r + col * ctx.g.step_row;
      const double c = start_c + col * ctx.g.step_col;
      const float value = ctx.data[NearestIndex(r, ctx.g.rows) * ctx.g.cols + NearestIndex(c, ctx.g.cols)];
      const int64_t index = std::clamp(static_cast<int64_t>(value), ctx.table_first, ctx.table_last);
      const Float4 color = ctx.table[index - ctx.table_first];
      BlendColor<kMode>(out + static_cast<size_t>(col) * 4, color, color[3] * ctx.opacity);
    }
  });
}

RowsFn PickTableRows(Blending blending) {
  return WithBlendingMode(blending, [](auto m) -> RowsFn { return &DrawRowsFromTable<decltype(m)::value>; });
}

// The colour of value v, exactly as RowT and RowBlend compute it.
template <bool kGamma>
Float4 ColorOfValue(const DrawContext& ctx, double value) {
  const float t = static_cast<float>(ToUnit<kGamma>(ctx, value));
  return ColorAt(ctx.colors, ctx.color_count, LocateInColormap(ctx.controls, ctx.color_count, t));
}

template <Blending kMode, Sampler kSampler>
RowsFn PickRows(bool gamma) {
  return gamma ? &DrawRows<kMode, kSampler, true> : &DrawRows<kMode, kSampler, false>;
}

template <Blending kMode>
RowsFn PickRows(Interpolation interpolation, int kernel_radius, bool gamma) {
  if (interpolation == Interpolation::kLinear) return PickRows<kMode, Sampler::kLinear>(gamma);
  switch (kernel_radius) {
    case 1: return PickRows<kMode, Sampler::kKernel1>(gamma);
    case 2: return PickRows<kMode, Sampler::kKernel2>(gamma);
    case 3: return PickRows<kMode, Sampler::kKernel3>(gamma);
    case 4: return PickRows<kMode, Sampler::kKernel4>(gamma);
    default: break;
  }
  return PickRows<kMode, Sampler::kNearest>(gamma);
}

RowsFn PickRows(Blending blending, Interpolation interpolation, int kernel_radius, bool gamma) {
  return WithBlendingMode(blending,
                          [&](auto m) { return PickRows<decltype(m)::value>(interpolation, kernel_radius, gamma); });
}

// Holds the response (the plane the context points into) and the colormap.
class ImagePainter final : public LayerPainter {
 public:
  ImagePainter(std::shared_ptr<const ImageSliceResponse> response, Colormap colormap, const Camera2D& camera)
      : response_(std::move(response)), colormap_(std::move(colormap)), camera_(camera) {}

  Status Prepare(const ImageAppearance& appearance, int64_t pixels_drawn) {
    const Array& plane = response_->plane;
    const bool rgb = plane.ndim() == 3;
    RETURN_IF_ERROR(MakePlaneGeometry(response_->plane_to_world, plane.shape()[0], plane.shape()[1], camera_, ctx_.g));
    ctx_.data = plane.data<float>();
    ctx_.channels = rgb ? plane.shape()[2] : 1;
    ctx_.lo = appearance.contrast_limits[0];
    ctx_.range = appearance.contrast_limits[1] - appearance.contrast_limits[0];
    ctx_.gamma = appearance.gamma;
    ctx_.opacity = static_cast<float>(appearance.opacity);
    ctx_.alpha_max = response_->alpha_max;
    ctx_.controls = colormap_.controls().data();
    ctx_.colors = colormap_.colors().data();
    ctx_.color_count = static_cast<int>(std::min(colormap_.controls().size(), colormap_.colors().size()));
    if (ctx_.color_count < 2) return InternalError("colormap '" + colormap_.name() + "' has fewer than 2 colours");
    const SpatialFilter filter = FindSpatialFilter(appearance.interpolation);
    if (filter.radius == 0 && appearance.interpolation != Interpolation::kNearest &&
        appearance.interpolation != Interpolation::kLinear) {
      return InternalError(std::string("no kernel table for interpolation '") +
                           InterpolationName(appearance.interpolation) + "'");
    }
    ctx_.kernel = filter.weights;
    rows_ = PickRows(appearance.blending, appearance.interpolation, filter.radius, ctx_.gamma != 1.0);
    if (!rgb && appearance.interpolation == Interpolation::kNearest) BuildTable(appearance.blending, pixels_drawn);
    return Status::Ok();
  }

  void PaintRows(Canvas& canvas, int begin, int end) const override { rows_(canvas, camera_, ctx_, begin, end); }

 private:
  // For integer-valued planes: colours of the values between the contrast limits
  // (every value at or below lo maps to t = 0, at or above hi to t = 1, so the ends
  // stand for the rest), when the table is smaller than the work it saves.
  void BuildTable(Blending blending, int64_t pixels_drawn) {
    const int64_t values = response_->integer_values;
    if (values <= 0 || !(ctx_.range > 0) || !std::isfinite(ctx_.lo) || !std::isfinite(ctx_.range)) return;
    const double hi = ctx_.lo + ctx_.range;
    const int64_t first = static_cast<int64_t>(std::clamp(std::floor(ctx_.lo), 0.0, static_cast<double>(values - 1)));
    const int64_t last = static_cast<int64_t>(std::clamp(std::ceil(hi), 0.0, static_cast<double>(values - 1)));
    // The ends stand for the values beyond them only when they lie beyond the limits.
    if (static_cast<double>(first) > ctx_.lo && first > 0) return;
    if (static_cast<double>(last) < hi && last < values - 1) return;
    if ((last - first + 1) * 4 > pixels_drawn) return;
    table_.resize(static_cast<size_t>(last - first + 1));
    const bool gamma = ctx_.gamma != 1.0;
    for (int64_t v = first; v <= last; ++v) {
      table_[static_cast<size_t>(v - first)] =
          gamma ? ColorOfValue<true>(ctx_, static_cast<double>(v)) : ColorOfValue<false>(ctx_, static_cast<double>(v));
    }
    ctx_.table = table_.data();
    ctx_.table_first = first;
    ctx_.table_last = last;
    rows_ = PickTableRows(blending);
  }

  std::shared_ptr<const ImageSliceResponse> response_;
  std::vector<Float4> table_;
  Colormap colormap_;
  Camera2D camera_;
  DrawContext ctx_;
  RowsFn rows_ = nullptr;
};

}  // namespace

PainterResult PreparePainter(const FrameSpec& frame, const ImageDrawItem& item, int /*threads*/) {
  const auto& response = item.response;
  if (!response || response->empty || response->plane.empty()) return std::unique_ptr<LayerPainter>(new EmptyPainter);
  const Array& plane = response->plane;
  const bool rgb = plane.ndim() == 3;
  if ((plane.ndim() != 2 && !rgb) || plane.dtype() != DType::kFloat32 ||
      (rgb && plane.shape()[2] != 3 && plane.shape()[2] != 4)) {
    return InternalError("image plane must be 2-d float32 (or 3-d with 3 or 4 channels), got " +
                         ShapeToString(plane.shape()) + " " + DTypeName(plane.dtype()));
  }
  if (plane.shape()[0] <= 0 || plane.shape()[1] <= 0) return std::unique_ptr<LayerPainter>(new EmptyPainter);

  Colormap colormap("unused", {0.0f, 1.0f}, {Rgba{0, 0, 0, 1}, Rgba{1, 1, 1, 1}});
  if (!rgb) {
    ASSIGN_OR_RETURN(colormap, ResolveColormap(item.appearance.colormap));
  }
  auto painter = std::make_unique<ImagePainter>(response, std::move(colormap), frame.camera);
  RETURN_IF_ERROR(painter->Prepare(item.appearance, static_cast<int64_t>(frame.width) * frame.height));
  return std::unique_ptr<LayerPainter>(std::move(painter));
}

Status DrawImage(Canvas& canvas, const Camera2D& camera, const ImageDrawItem& item, int threads) {
  FrameSpec frame;
  frame.width = canvas.width();
  frame.height = canvas.height();
  frame.camera = camera;
  ASSIGN_OR_RETURN(std::unique_ptr<LayerPainter> painter, PreparePainter(frame, item, threads));
  ParallelFor(canvas.end_row() - canvas.first_row(), kRowGrain, threads, [&](int64_t begin, int64_t end) {
    painter->PaintRows(canvas, canvas.first_row() + static_cast<int>(begin), canvas.first_row() + static_cast<int>(end));
  });
  return Status::Ok();
}

}  // namespace stackshot
