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

Canvas::Canvas(int width, int height, Rgba background)
    : width_(width > 0 ? width : 0), height_(height > 0 ? height : 0) {
  rgba_.resize(static_cast<size_t>(width_) * height_ * 4);
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

RgbaImage Canvas::ToRgba8(int threads) const {
  RgbaImage image;
  image.width = width_;
  image.height = height_;
  image.pixels.resize(rgba_.size());
  const size_t row_values = static_cast<size_t>(width_) * 4;
  ParallelFor(height_, kRowGrain, threads, [&](int64_t begin, int64_t end) {
    for (int64_t y = begin; y < end; ++y) {
      const float* in = &rgba_[static_cast<size_t>(y) * row_values];
      uint8_t* out = &image.pixels[static_cast<size_t>(y) * row_values];
      // ToByte on four channels at once: the clamp maps NaN to 0 as ToByte does, and
      // after it v × 255 + 0.5 >= 0, where truncation is floor.
      for (size_t i = 0; i < row_values; i += 4) {
        const Float4 v = Clamp01(Load4(in + i)) * 255.0f + 0.5f;
        using Int4 = int __attribute__((vector_size(16)));
        const Int4 bytes = __builtin_convertvector(v, Int4);
        for (int c = 0; c < 4; ++c) out[i + c] = static_cast<uint8_t>(bytes[c]);
      }
    }
  });
  return image;
}

}  // namespace stackshot
