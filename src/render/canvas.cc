#include "render/canvas.h"

#include <cmath>

#include "exec/parallel.h"
#include "render/pixel_kernels.h"

namespace stackshot {
namespace {

constexpr int64_t kRowGrain = 16;

}  // namespace

bool RgbaImage::IsOpaque() const {
  for (size_t i = 3; i < pixels.size(); i += 4) {
    if (pixels[i] != 255) return false;
  }
  return true;
}

Canvas::Canvas(int width, int height, Rgba background) : Canvas(width, height, 0, height, background) {}

Canvas::Canvas(int width, int height, int first_row, int row_count, Rgba background)
    : width_(width > 0 ? width : 0), height_(height > 0 ? height : 0) {
  ResetBand(first_row, row_count, background);
}

void Canvas::ResetBand(int first_row, int row_count, Rgba background) {
  first_row_ = first_row;
  row_count_ = row_count > 0 ? row_count : 0;
  rgba_.resize(static_cast<size_t>(width_) * row_count_ * 4);
  for (size_t i = 0; i < rgba_.size(); i += 4) {
    for (int c = 0; c < 4; ++c) rgba_[i + c] = background[c];
  }
}

uint8_t ToByte(float value) {
  // Written so that NaN gives 0.
  if (!(value > 0.0f)) return 0;
  if (value >= 1.0f) return 255;
  return static_cast<uint8_t>(std::floor(value * 255.0f + 0.5f));
}

namespace {

// ToByte on four channels at once: the clamp maps NaN to 0 as ToByte does, and
// after it v × 255 + 0.5 >= 0, where truncation is floor.
void RowToBytes(const float* in, size_t values, uint8_t* out) {
  for (size_t i = 0; i < values; i += 4) {
    const Float4 v = Clamp01(Load4(in + i)) * 255.0f + 0.5f;
    using Int4 = int __attribute__((vector_size(16)));
    const Int4 bytes = __builtin_convertvector(v, Int4);
    for (int c = 0; c < 4; ++c) out[i + c] = static_cast<uint8_t>(bytes[c]);
  }
}

}  // namespace

RgbaImage Canvas::ToRgba8(int threads) const {
  RgbaImage image;
  image.width = width_;
  image.height = height_;
  image.pixels.resize(static_cast<size_t>(width_) * height_ * 4);
  const size_t row_values = static_cast<size_t>(width_) * 4;
  ParallelFor(row_count_, kRowGrain, threads, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const int y = first_row_ + static_cast<int>(i);
      RowToBytes(row(y), row_values, &image.pixels[static_cast<size_t>(y) * row_values]);
    }
  });
  return image;
}

void Canvas::StoreRows(RgbaImage& frame) const {
  const size_t row_values = static_cast<size_t>(width_) * 4;
  for (int y = first_row_; y < end_row(); ++y) {
    RowToBytes(row(y), row_values, &frame.pixels[static_cast<size_t>(y) * row_values]);
  }
}

}  // namespace stackshot
