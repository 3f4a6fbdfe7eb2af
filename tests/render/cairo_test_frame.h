// Frames for the Cairo-drawn layers' tests (shapes, vectors): a small frame whose
// world is the screen shifted by half a pixel, and helpers to paint and read it.
#pragma once

#include <vector>

#include "render/canvas.h"
#include "render/draw_item.h"
#include "render/layer_painter.h"

namespace stackshot {

// A width×height frame whose pixel (col, row) covers world [col - 0.5, col + 0.5) ×
// [row - 0.5, row + 0.5): screen = world + 0.5 (zoom 1, centred so).
inline FrameSpec TestFrame(int width = 12, int height = 12) {
  FrameSpec frame;
  frame.width = width;
  frame.height = height;
  frame.camera = {(height - 1) / 2.0, (width - 1) / 2.0, 1};
  return frame;
}

// The painter's layer over a black canvas.
inline Canvas PaintOnBlack(const FrameSpec& frame, const PainterResult& painter) {
  Canvas canvas(frame.width, frame.height, Rgba{0, 0, 0, 1});
  (*painter)->PaintRows(canvas, 0, frame.height);
  return canvas;
}

inline const float* PixelAt(const Canvas& canvas, int col, int row) { return canvas.row(row) + col * 4; }

inline std::vector<float> RgbaAt(const Canvas& canvas, int col, int row) {
  return std::vector<float>(PixelAt(canvas, col, row), PixelAt(canvas, col, row) + 4);
}

}  // namespace stackshot
