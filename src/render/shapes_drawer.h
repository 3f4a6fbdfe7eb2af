// Draws one shapes slice: the shown shapes in z_index order (ties in data order),
// each its face then its edge, filled by Cairo into a layer surface, which is then
// composited with the layer's blending (see cairo_surface.h and
// layers/shapes/shapes_appearance.h for napari's rules). Edges are hard, a pixel
// covered when its centre is inside (napari's meshes on a canvas without
// anti-aliasing), unless the frame asks for anti-aliasing.
//
// Blending follows napari's per-triangle GL blending: translucent and minimum
// layers draw each shape over the ones below it with colour alpha × opacity;
// additive layers add them up (a face and the inner half of its edge add twice, as
// napari's overlapping triangles do); opaque layers use the colours without alpha.
#pragma once

#include "render/draw_item.h"
#include "render/layer_painter.h"

namespace stackshot {

PainterResult PreparePainter(const FrameSpec& frame, const ShapesDrawItem& item, int threads);

}  // namespace stackshot
