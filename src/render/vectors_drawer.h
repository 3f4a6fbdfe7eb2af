// Draws one vectors slice: each shown vector as napari's mesh for its
// vector_style (a bar, a triangle, or a bar and a head twice as wide over the last
// quarter of the drawn vector), filled by Cairo into a layer surface in data
// order, hard-edged unless the frame asks for anti-aliasing, then composited with the layer's blending as for shapes (see
// shapes_drawer.h and layers/vectors/vectors_appearance.h). A vector of zero
// length draws nothing (napari's normal is undefined there).
#pragma once

#include "render/draw_item.h"
#include "render/layer_painter.h"

namespace stackshot {

PainterResult PreparePainter(const FrameSpec& frame, const VectorsDrawItem& item, int threads);

}  // namespace stackshot
