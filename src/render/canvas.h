// Canvas and the final RGBA8 frame.
//
// Conventions for render/:
// - Screen rows go down, columns go right; pixel (col, row) has its centre at
//   (col + 0.5, row + 0.5) in screen coordinates.
// - The canvas accumulates straight (not premultiplied) float RGBA in 0–1, one layer
//   at a time, bottom to top, clamped after each layer as an 8-bit framebuffer is.
// - Every kernel takes the thread count (exec/); 1 runs inline. Results never
//   depend on it: each pixel is computed by the same operations in the same order.
// - 8-bit output rounds to nearest: byte = floor(v * 255 + 0.5).
#pragma once

#include <cstdint>
#include <vector>

#include "layers/image/image_appearance.h"

namespace stackshot {

// An 8-bit RGBA frame, rows top to bottom.
struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height * 4
  bool IsOpaque() const;        // every alpha is 255
};

// The float canvas of a frame, or of a band of its rows: rows [first_row(),
// end_row()) of a frame width() × height(). row(y) takes the frame row.
class Canvas {
 public:
  Canvas(int width, int height, Rgba background);  // the whole frame
  Canvas(int width, int height, int first_row, int row_count, Rgba background);

  int width() const { return width_; }
  int height() const { return height_; }
  int first_row() const { return first_row_; }
  int end_row() const { return first_row_ + row_count_; }
  float* row(int y) { return &rgba_[static_cast<size_t>(y - first_row_) * width_ * 4]; }
  const float* row(int y) const { return &rgba_[static_cast<size_t>(y - first_row_) * width_ * 4]; }

  // Makes this the band of rows [first_row, first_row + row_count), filled with
  // `background`, keeping the allocation when it is large enough.
  void ResetBand(int first_row, int row_count, Rgba background);

  RgbaImage ToRgba8(int threads) const;
  // Converts the held rows into `frame` (width() × height() bytes), at their rows.
  void StoreRows(RgbaImage& frame) const;

 private:
  int width_;
  int height_;
  int first_row_ = 0;
  int row_count_ = 0;
  std::vector<float> rgba_;
};

uint8_t ToByte(float value);  // clamp to [0,1], then round to nearest

}  // namespace stackshot
