// Draws one image slice onto the canvas: maps every screen pixel back to the plane,
// samples it (nearest, bilinear, or one of vispy's kernels), applies contrast
// limits, gamma and the colormap (or, for RGB(A) planes, contrast limits and gamma
// per colour channel), and blends with the layer's blending mode and opacity.
//
// Conventions: a screen pixel whose centre falls outside the plane's pixel-edge box
// [-0.5, n-0.5] is left untouched. Linear and the kernels treat pixel centres as
// sample points and clamp to the edge pixels (GL's clamp-to-edge); the kernels
// (cubic, catrom, spline16, …) weigh the 2R × 2R neighbourhood as vispy's shader
// does (spatial_filters.h), summed in a fixed order. RGB(A) follows vispy's image
// shader as napari uses it: each of r, g, b maps through the contrast limits and
// gamma, the colormap is not used, and alpha (RGBA) is the data value / the
// response's alpha_max, clamped to [0, 1].
#pragma once

#include "render/camera.h"
#include "render/canvas.h"
#include "render/colormap.h"
#include "render/draw_item.h"
#include "render/layer_painter.h"

namespace stackshot {

PainterResult PreparePainter(const FrameSpec& frame, const ImageDrawItem& item, int threads);

// Prepares and paints every row the canvas holds (for tests and one-off draws).
Status DrawImage(Canvas& canvas, const Camera2D& camera, const ImageDrawItem& item, int threads);

}  // namespace stackshot
