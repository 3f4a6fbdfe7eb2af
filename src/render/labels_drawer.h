// Draws one labels slice onto the canvas: every screen pixel takes the label of the
// plane pixel under its centre (never interpolated), optionally only where that
// pixel is on a region boundary (contour), then the label's colour (napari's default
// colours or the colour dict; see layers/labels/labels_appearance.h), blended with
// the layer's blending mode and opacity. Transparent labels leave the canvas as it is.
//
// Conventions: as image_drawer.h for placing pixels. The contour test is napari's
// get_contours on the whole plane: a pixel is kept when the maximum over its
// 4-neighbourhood differs from the minimum over the diamond of radius `contour`
// (neighbours outside the plane are ignored, as scipy's reflect mode gives here).
#pragma once

#include "render/camera.h"
#include "render/canvas.h"
#include "render/draw_item.h"
#include "render/layer_painter.h"

namespace stackshot {

PainterResult PreparePainter(const FrameSpec& frame, const LabelsDrawItem& item, int threads);

// Prepares and paints every row the canvas holds (for tests and one-off draws).
Status DrawLabels(Canvas& canvas, const Camera2D& camera, const LabelsDrawItem& item, int threads);

}  // namespace stackshot
