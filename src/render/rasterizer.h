// Rasterizer: draws the applied slice responses of all visible layers onto a frame,
// bottom to top, over the background.
//
// Each layer is first prepared once (render/layer_painter.h); the frame is then
// composited in bands of rows, every layer in turn, and each band is converted to
// bytes while it is still in cache. Bands run in parallel; a pixel's value does not
// depend on the banding or the thread count.
#pragma once

#include <vector>

#include "render/canvas.h"
#include "render/draw_item.h"

namespace stackshot {

// Draws `items` in order (the first at the bottom). Fails on an appearance that
// cannot be resolved (e.g. an unknown colormap).
Result<RgbaImage> Rasterize(const FrameSpec& frame, const std::vector<DrawItem>& items, int threads);

// As Rasterize, into `frame_out`, reusing its pixel buffer when it has the size
// (animations draw thousands of frames of one size).
Status RasterizeInto(const FrameSpec& frame, const std::vector<DrawItem>& items, int threads,
                     RgbaImage& frame_out);

}  // namespace stackshot
