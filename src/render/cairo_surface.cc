#include "render/cairo_surface.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "render/pixel_kernels.h"

namespace stackshot {

void ScreenBounds::Add(double x, double y) {
  if (!std::isfinite(x) || !std::isfinite(y)) return;
  if (empty()) {
    min_x_ = max_x_ = x;
    min_y_ = max_y_ = y;
    return;
  }
  min_x_ = std::min(min_x_, x);
  max_x_ = std::max(max_x_, x);
  min_y_ = std::min(min_y_, y);
  max_y_ = std::max(max_y_, y);
}

void ScreenBounds::Reset() { *this = ScreenBounds(); }

ScreenBox ScreenBounds::Box(double pad, int width, int height) const {
  ScreenBox box;
  if (empty()) return box;
  const auto clip = [](double v, int hi) { return static_cast<int>(std::clamp(v, 0.0, static_cast<double>(hi))); };
  box.x0 = clip(std::floor(min_x_ - pad), width);
  box.y0 = clip(std::floor(min_y_ - pad), height);
  box.x1 = clip(std::ceil(max_x_ + pad), width);
  box.y1 = clip(std::ceil(max_y_ + pad), height);
  return box;
}

cairo_matrix_t DataToScreenMatrix(const Affine& plane_to_world, const Camera2D& camera, int width, int height,
                                  int origin_x, int origin_y) {
  // world y = L00 row + L01 col + t0, world x = L10 row + L11 col + t1;
  // screen x = (world x - center_x) zoom + width / 2, likewise y.
  const double z = camera.zoom;
  cairo_matrix_t m;
  m.xx = z * plane_to_world.linear(1, 1);
  m.xy = z * plane_to_world.linear(1, 0);
  m.x0 = z * (plane_to_world.translation(1) - camera.center_x) + width / 2.0 - origin_x;
  m.yx = z * plane_to_world.linear(0, 1);
  m.yy = z * plane_to_world.linear(0, 0);
  m.y0 = z * (plane_to_world.translation(0) - camera.center_y) + height / 2.0 - origin_y;
  return m;
}

double MaxStretch(const cairo_matrix_t& m) {
  return std::max(std::hypot(m.xx, m.yx), std::hypot(m.xy, m.yy)) * std::sqrt(2.0);
}

Result<CairoSurfacePtr> MakeLayerSurface(const ScreenBox& box) {
  CairoSurfacePtr surface(Cairo().image_surface_create(CAIRO_FORMAT_ARGB32, box.x1 - box.x0, box.y1 - box.y0));
  const cairo_status_t status = Cairo().surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS) {
    return InternalError(std::string("cairo surface: ") + Cairo().status_to_string(status));
  }
  return surface;
}

std::optional<cairo_matrix_t> DataToFrameMatrix(const Affine& plane_to_world, const FrameSpec& frame) {
  const cairo_matrix_t m = DataToScreenMatrix(plane_to_world, frame.camera, frame.width, frame.height, 0, 0);
  if (!(std::abs(m.xx * m.yy - m.xy * m.yx) > 0)) return std::nullopt;
  return m;
}

CairoLayerContext::CairoLayerContext(CairoSurfacePtr surface, CairoContextPtr context, ScreenBox box,
                                     Blending blending)
    : surface_(std::move(surface)), context_(std::move(context)), box_(box), blending_(blending) {}

Result<CairoLayerContext> CairoLayerContext::Create(const ScreenBox& box, const Affine& plane_to_world,
                                                    const FrameSpec& frame, Blending blending) {
  ASSIGN_OR_RETURN(CairoSurfacePtr surface, MakeLayerSurface(box));
  CairoContextPtr context(Cairo().create(surface.get()));
  cairo_t* cr = context.get();
  Cairo().set_operator(cr, blending == Blending::kAdditive ? CAIRO_OPERATOR_ADD : CAIRO_OPERATOR_OVER);
  // Without anti-aliasing Cairo covers a pixel when its centre is inside the path:
  // GL's rule for napari's triangles.
  Cairo().set_antialias(cr, frame.antialiasing ? CAIRO_ANTIALIAS_GRAY : CAIRO_ANTIALIAS_NONE);
  const cairo_matrix_t to_surface =
      DataToScreenMatrix(plane_to_world, frame.camera, frame.width, frame.height, box.x0, box.y0);
  Cairo().set_matrix(cr, &to_surface);
  return CairoLayerContext(std::move(surface), std::move(context), box, blending);
}

PainterResult CairoLayerContext::Finish() {
  const cairo_status_t status = Cairo().status(context_.get());
  if (status != CAIRO_STATUS_SUCCESS) return InternalError(std::string("cairo: ") + Cairo().status_to_string(status));
  Cairo().surface_flush(surface_.get());
  return std::unique_ptr<LayerPainter>(new CairoPainter(std::move(surface_), box_, blending_));
}

CairoPainter::CairoPainter(CairoSurfacePtr surface, ScreenBox box, Blending blending)
    : surface_(std::move(surface)), box_(box), blending_(blending) {}

namespace {

template <Blending kMode>
void PaintTyped(const unsigned char* pixels, int stride, const ScreenBox& box, Canvas& canvas, int begin, int end) {
  const int first = std::max(begin, box.y0);
  const int last = std::min(end, box.y1);
  for (int y = first; y < last; ++y) {
    const auto* src = reinterpret_cast<const uint32_t*>(pixels + static_cast<size_t>(y - box.y0) * stride);
    float* out = canvas.row(y) + static_cast<size_t>(box.x0) * 4;
    for (int x = 0; x < box.x1 - box.x0; ++x) {
      const uint32_t p = src[x];
      const uint32_t a = p >> 24;
      if (a == 0) continue;
      // Premultiplied 8-bit: channel / alpha is the straight colour.
      const float inv = 1.0f / static_cast<float>(a);
      const Float4 color = {static_cast<float>((p >> 16) & 0xff) * inv, static_cast<float>((p >> 8) & 0xff) * inv,
                            static_cast<float>(p & 0xff) * inv, 1.0f};
      BlendColor<kMode>(out + static_cast<size_t>(x) * 4, color, static_cast<float>(a) / 255.0f);
    }
  }
}

}  // namespace

void CairoPainter::PaintRows(Canvas& canvas, int begin, int end) const {
  cairo_surface_t* surface = surface_.get();
  const unsigned char* pixels = Cairo().image_surface_get_data(surface);
  const int stride = Cairo().image_surface_get_stride(surface);
  switch (blending_) {
    case Blending::kOpaque:  // coverage blends the replacing colour in at the edges
    case Blending::kTranslucent:
    case Blending::kTranslucentNoDepth:
      PaintTyped<Blending::kTranslucent>(pixels, stride, box_, canvas, begin, end);
      break;
    case Blending::kAdditive: PaintTyped<Blending::kAdditive>(pixels, stride, box_, canvas, begin, end); break;
    case Blending::kMinimum: PaintTyped<Blending::kMinimum>(pixels, stride, box_, canvas, begin, end); break;
  }
}

}  // namespace stackshot
