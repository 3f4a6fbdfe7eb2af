// Draws one image slice onto the canvas: maps every screen pixel back to the plane,
// samples it (nearest or bilinear), applies contrast limits, gamma and the
// colormap, and blends with the layer's blending mode and opacity.
//
// Conventions: a screen pixel whose centre falls outside the plane's pixel-edge box
// [-0.5, n-0.5] is left untouched. Bilinear sampling treats pixel centres as sample
// points and clamps to the edge pixel within the box (GL's clamp-to-edge).
#pragma once

#include "render/camera.h"
#include "render/canvas.h"
#include "render/colormap.h"
#include "render/rasterizer.h"

namespace stackshot {

Status DrawImage(Canvas& canvas, const Camera2D& camera, const ImageDrawItem& item, int threads);

}  // namespace stackshot
