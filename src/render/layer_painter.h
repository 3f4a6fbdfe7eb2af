// LayerPainter: one layer made ready to draw. Preparing does, once per frame,
// everything that depends on the whole layer (its geometry on screen, colormap
// tables, a vector layer's shapes rendered into a coverage surface); PaintRows then
// composites any band of screen rows onto a canvas that holds those rows.
//
// The rasterizer composites the frame one band of rows at a time, every layer in
// turn, so a band stays in cache from background to bytes. Bands are painted
// concurrently: PaintRows must be safe to call from several threads at once on
// disjoint bands, and a pixel's value may not depend on how rows are banded.
#pragma once

#include <memory>

#include "nd/status.h"
#include "render/canvas.h"
#include "render/draw_item.h"

namespace stackshot {

class LayerPainter {
 public:
  virtual ~LayerPainter() = default;
  // Composites screen rows [begin, end) (frame coordinates) onto `canvas`, which
  // holds them; pixels of the layer's own blending mode and opacity.
  virtual void PaintRows(Canvas& canvas, int begin, int end) const = 0;
};

// Every drawer provides an overload of PreparePainter for its item type (declared in
// its own header); a layer with nothing to show gives a painter that paints nothing.
// `threads` may be used for preparation work that is split in a fixed way.
using PainterResult = Result<std::unique_ptr<LayerPainter>>;

// Paints nothing (an empty slice, a layer outside the view).
class EmptyPainter final : public LayerPainter {
 public:
  void PaintRows(Canvas&, int, int) const override {}
};

}  // namespace stackshot
