// Private to render/: a vector layer's geometry rendered by Cairo into a
// premultiplied ARGB32 surface that covers a box of screen pixels, and the painter
// that composites that surface onto canvas rows.
//
// Conventions: device space is screen pixels (pixel (col, row) covers [col, col+1)
// × [row, row+1), so its centre is at +0.5, as the camera has it). Geometry is given
// in a layer's displayed data coordinates as user space u = column axis, v = row
// axis; the context's matrix maps it to the surface, so stroke widths given in data
// units scale with the layer transform and the zoom (napari's meshes do the same).
// Cairo renders on one thread; rendering is deterministic for a given Cairo.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "nd/affine.h"
#include "render/camera.h"
#include "render/cairo_library.h"
#include "render/layer_painter.h"

namespace stackshot {

// A box of screen pixels [x0, x1) × [y0, y1).
struct ScreenBox {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

// Accumulates device points into the pixel box that holds them, `pad` pixels
// wider on every side.
class ScreenBounds {
 public:
  void Add(double x, double y);
  bool empty() const { return !(min_x_ <= max_x_); }
  // The box, grown by `pad` and clipped to the frame.
  ScreenBox Box(double pad, int width, int height) const;
  void Reset();

 private:
  double min_x_ = 1, min_y_ = 1, max_x_ = 0, max_y_ = 0;
};

// data (row, col) of the displayed axes → screen device (x, y), as a Cairo matrix on
// user space (u = col, v = row), shifted so that screen pixel `origin` is (0, 0).
cairo_matrix_t DataToScreenMatrix(const Affine& plane_to_world, const Camera2D& camera, int width, int height,
                                  int origin_x, int origin_y);
// The largest factor by which the matrix stretches a length (for stroke padding).
double MaxStretch(const cairo_matrix_t& matrix);

struct CairoSurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { Cairo().surface_destroy(surface); }
};
struct CairoContextDeleter {
  void operator()(cairo_t* context) const { Cairo().destroy(context); }
};
using CairoSurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;
using CairoContextPtr = std::unique_ptr<cairo_t, CairoContextDeleter>;

// A transparent ARGB32 surface of the box's size; fails naming Cairo's status.
Result<CairoSurfacePtr> MakeLayerSurface(const ScreenBox& box);

// The displayed axes of a shapes or vectors slice: its data columns drawn as rows
// and as columns.
struct DisplayedAxes {
  int row = 0;
  int col = 0;
};

// The checks that open a Cairo-drawn layer's PreparePainter, in this order: an
// empty slice has nothing to draw (nullopt); Cairo is loaded; the appearance fits
// the data; the slice shows two axes ("<kind> response without two displayed axes").
template <typename Item, typename Appearance>
Result<std::optional<DisplayedAxes>> BeginCairoLayer(const Item& item, const char* kind,
                                                     Status (*check_appearance)(const Appearance&, int64_t)) {
  const auto& response = item.response;
  if (!response || response->empty || response->indices.empty() || !response->data) {
    return std::optional<DisplayedAxes>();
  }
  RETURN_IF_ERROR(LoadCairo().status());
  RETURN_IF_ERROR(check_appearance(item.appearance, response->data->size()));
  if (response->displayed.size() != 2) {
    return InternalError(std::string(kind) + " response without two displayed axes");
  }
  return std::optional<DisplayedAxes>(DisplayedAxes{response->displayed[0], response->displayed[1]});
}

// Displayed data → the frame's screen pixels (DataToScreenMatrix at origin 0, 0);
// nullopt when the matrix is singular, so nothing shows.
std::optional<cairo_matrix_t> DataToFrameMatrix(const Affine& plane_to_world, const FrameSpec& frame);

// A layer's Cairo drawing: a transparent surface over `box` (MakeLayerSurface) and
// a context on it whose user space is the displayed data, with grey antialiasing
// when the frame asks for it (else a pixel is covered or not, by its centre), and
// the ADD operator for additive blending, else OVER. Drawers set their own line and
// fill state on context().
class CairoLayerContext {
 public:
  static Result<CairoLayerContext> Create(const ScreenBox& box, const Affine& plane_to_world, const FrameSpec& frame,
                                          Blending blending);
  cairo_t* context() const { return context_.get(); }
  // The drawn surface, flushed, as a CairoPainter with the blending; fails naming
  // Cairo's status when drawing failed. Call once, after drawing.
  PainterResult Finish();

 private:
  CairoLayerContext(CairoSurfacePtr surface, CairoContextPtr context, ScreenBox box, Blending blending);

  CairoSurfacePtr surface_;
  CairoContextPtr context_;  // destroyed before surface_
  ScreenBox box_;
  Blending blending_;
};

// Composites the surface onto canvas rows: each pixel's premultiplied colour is
// un-premultiplied and blended with `blending` using the pixel's alpha (which
// already holds the layer's opacity and the geometry's coverage); opaque layers
// replace the canvas where covered, smoothed by coverage at the edges.
class CairoPainter final : public LayerPainter {
 public:
  CairoPainter(CairoSurfacePtr surface, ScreenBox box, Blending blending);
  void PaintRows(Canvas& canvas, int begin, int end) const override;

 private:
  CairoSurfacePtr surface_;
  ScreenBox box_;
  Blending blending_;
};

}  // namespace stackshot
