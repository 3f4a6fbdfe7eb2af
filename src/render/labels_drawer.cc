#include "render/labels_drawer.h"

#include <algorithm>
#include <limits>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "exec/parallel.h"
#include "render/label_colormap.h"
#include "render/pixel_kernels.h"
#include "render/plane_geometry.h"

namespace stackshot {
namespace {

constexpr int64_t kRowGrain = 16;

// A label id as the plane's type T, when it fits there.
template <typename T>
std::optional<T> LabelAs(const LabelId& id) {
  if constexpr (std::is_signed_v<T>) {
    const std::optional<int64_t> v = id.AsSigned();
    if (!v || *v < std::numeric_limits<T>::min() || *v > std::numeric_limits<T>::max()) return std::nullopt;
    return static_cast<T>(*v);
  } else {
    const std::optional<uint64_t> v = id.AsUnsigned();
    if (!v || *v > std::numeric_limits<T>::max()) return std::nullopt;
    return static_cast<T>(*v);
  }
}

template <typename T>
struct LabelsContext {
  PlaneGeometry g;
  const T* data = nullptr;
  int contour = 0;
  bool show_selected = false;
  std::optional<T> selected;  // nothing when the selected label cannot occur in T
  bool direct = false;
  std::unordered_map<T, Rgba> dict;
  Rgba default_color = {0, 0, 0, 0};
  float opacity = 1;
};

// napari's get_contours at one pixel: kept when the 4-neighbourhood maximum differs
// from the minimum over the diamond of radius `thickness`.
template <typename T>
bool OnBoundary(const LabelsContext<T>& ctx, int64_t r, int64_t c) {
  const int64_t rows = ctx.g.rows;
  const int64_t cols = ctx.g.cols;
  auto at = [&](int64_t ri, int64_t ci) { return ctx.data[ri * cols + ci]; };
  T dilated = at(r, c);
  if (r > 0) dilated = std::max(dilated, at(r - 1, c));
  if (r + 1 < rows) dilated = std::max(dilated, at(r + 1, c));
  if (c > 0) dilated = std::max(dilated, at(r, c - 1));
  if (c + 1 < cols) dilated = std::max(dilated, at(r, c + 1));
  T eroded = at(r, c);
  const int64_t t = ctx.contour;
  for (int64_t dr = -t; dr <= t; ++dr) {
    const int64_t ri = r + dr;
    if (ri < 0 || ri >= rows) continue;
    const int64_t reach = t - (dr < 0 ? -dr : dr);
    for (int64_t dc = -reach; dc <= reach; ++dc) {
      const int64_t ci = c + dc;
      if (ci < 0 || ci >= cols) continue;
      eroded = std::min(eroded, at(ri, ci));
    }
  }
  return dilated != eroded;
}

template <typename T>
Rgba ColorOf(const LabelsContext<T>& ctx, T value) {
  if (ctx.show_selected && !(ctx.selected && value == *ctx.selected)) return {0, 0, 0, 0};
  if (ctx.direct) {
    if (auto it = ctx.dict.find(value); it != ctx.dict.end()) return it->second;
    return value == T{0} ? Rgba{0, 0, 0, 0} : ctx.default_color;
  }
  if constexpr (std::is_signed_v<T>) {
    return NapariLabelColors()[LabelColorIndex(static_cast<int64_t>(value))];
  } else {
    return NapariLabelColors()[LabelColorIndex(static_cast<uint64_t>(value))];
  }
}

template <typename T, Blending kMode>
void DrawRows(Canvas& canvas, const Camera2D& camera, const LabelsContext<T>& ctx, int64_t begin, int64_t end) {
  ForEachPlaneRow(ctx.g, camera, canvas, begin, end, [&](float* out, double start_r, double start_c, const Span& span) {
    // Neighbouring screen pixels often show the same plane pixel: reuse its colour.
    int64_t last_index = -1;
    Rgba color = {0, 0, 0, 0};
    for (int col = span.first; col <= span.last; ++col) {
      const double r = start_r + col * ctx.g.step_row;
      const double c = start_c + col * ctx.g.step_col;
      const int64_t ri = NearestIndex(r, ctx.g.rows);
      const int64_t ci = NearestIndex(c, ctx.g.cols);
      const int64_t index = ri * ctx.g.cols + ci;
      if (index != last_index) {
        last_index = index;
        T value = ctx.data[index];
        if (ctx.contour > 0 && !OnBoundary(ctx, ri, ci)) value = T{0};
        color = ColorOf(ctx, value);
      }
      if (!(color[3] > 0.0f)) continue;
      BlendColor<kMode>(out + static_cast<size_t>(col) * 4, Load4(color.data()), color[3] * ctx.opacity);
    }
  });
}

template <typename T>
using LabelsRowsFn = void (*)(Canvas&, const Camera2D&, const LabelsContext<T>&, int64_t, int64_t);

template <typename T>
LabelsRowsFn<T> PickRows(Blending blending) {
  return WithBlendingMode(blending, [](auto m) -> LabelsRowsFn<T> { return &DrawRows<T, decltype(m)::value>; });
}

// Holds the response (the plane the context points into).
template <typename T>
class LabelsPainter final : public LayerPainter {
 public:
  LabelsPainter(std::shared_ptr<const LabelsSliceResponse> response, LabelsContext<T> ctx, const Camera2D& camera,
                Blending blending)
      : response_(std::move(response)), ctx_(std::move(ctx)), camera_(camera), rows_(PickRows<T>(blending)) {}

  void PaintRows(Canvas& canvas, int begin, int end) const override { rows_(canvas, camera_, ctx_, begin, end); }

 private:
  std::shared_ptr<const LabelsSliceResponse> response_;
  LabelsContext<T> ctx_;
  Camera2D camera_;
  LabelsRowsFn<T> rows_;
};

}  // namespace

PainterResult PreparePainter(const FrameSpec& frame, const LabelsDrawItem& item, int /*threads*/) {
  const auto& response = item.response;
  if (!response || response->empty || response->plane.empty()) return std::unique_ptr<LayerPainter>(new EmptyPainter);
  const Array& plane = response->plane;
  if (plane.ndim() != 2 || IsFloat(plane.dtype())) {
    return InternalError("labels plane must be 2-d integer, got " + ShapeToString(plane.shape()) + " " +
                         DTypeName(plane.dtype()));
  }
  if (plane.shape()[0] <= 0 || plane.shape()[1] <= 0) return std::unique_ptr<LayerPainter>(new EmptyPainter);
  const LabelsAppearance& style = item.appearance;
  if (style.contour < 0) return InvalidArgumentError("contour must be 0 or more");
  PlaneGeometry geometry;
  RETURN_IF_ERROR(
      MakePlaneGeometry(response->plane_to_world, plane.shape()[0], plane.shape()[1], frame.camera, geometry));
  PainterResult painter = InternalError("labels plane of float type");
  VisitDType(plane.dtype(), [&](auto zero) {
    using T = decltype(zero);
    if constexpr (std::is_integral_v<T>) {
      LabelsContext<T> ctx;
      ctx.g = geometry;
      ctx.data = plane.data<T>();
      ctx.contour = style.contour;
      ctx.show_selected = style.show_selected_label;
      ctx.selected = LabelAs<T>(style.selected_label);
      ctx.direct = style.direct();
      for (const auto& [label, color] : style.colors) {
        // A label the data type cannot hold never occurs in this plane.
        if (auto key = LabelAs<T>(label)) ctx.dict.emplace(*key, color);
      }
      if (style.default_color) ctx.default_color = *style.default_color;
      ctx.opacity = static_cast<float>(style.opacity);
      painter = std::unique_ptr<LayerPainter>(
          std::make_unique<LabelsPainter<T>>(response, std::move(ctx), frame.camera, style.blending));
    }
  });
  return painter;
}

Status DrawLabels(Canvas& canvas, const Camera2D& camera, const LabelsDrawItem& item, int threads) {
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
