// Draws one points slice: every visible point as napari's vispy marker — a signed
// distance shape (layers/points/points_appearance.h lists the symbols), its border
// centred on the outline, a 1-pixel Gaussian antialiased edge — composited in data
// order with the layer's blending mode and opacity.
//
// Conventions: a point at world (y, x) is centred at screen (col, row) =
// ((x − center_x) × zoom + width / 2, (y − center_y) × zoom + height / 2), pixel
// centres at +0.5, so a point at an integer data coordinate sits on the centre of
// the image pixel there; centres are quantised to 1/16 pixel. Its diameter is
// size × zoom pixels, clamped to the canvas_size_limits (a zero size draws
// nothing). PreparePainter places, colours and bins the points into 8-row bands
// once per frame (split in fixed chunks) and shades the frame's shared marker
// sprites (render/points_sprites.h); PaintRows composites each band's points in
// data order, so a pixel's value does not depend on threads or on how rows are
// banded.
#pragma once

#include "render/camera.h"
#include "render/canvas.h"
#include "render/draw_item.h"
#include "render/layer_painter.h"

namespace stackshot {

PainterResult PreparePainter(const FrameSpec& frame, const PointsDrawItem& item, int threads);

// Prepares and paints every row the canvas holds (for tests and one-off draws).
Status DrawPoints(Canvas& canvas, const Camera2D& camera, const PointsDrawItem& item, int threads);

}  // namespace stackshot
