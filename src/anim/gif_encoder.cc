#include "anim/gif_encoder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "anim/gif_lzw.h"

namespace stackshot {
namespace {

void Put16(std::vector<uint8_t>& out, int value) {
  out.push_back(static_cast<uint8_t>(value & 0xff));
  out.push_back(static_cast<uint8_t>((value >> 8) & 0xff));
}

// The rectangle of pixels that differ between two frames; empty when none do.
struct Rect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // [x0, x1) × [y0, y1)
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

Rect Changed(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, int width, int height) {
  Rect rect{width, height, 0, 0};
  for (int y = 0; y < height; ++y) {
    const uint32_t* row_a = a.data() + static_cast<size_t>(y) * width;
    const uint32_t* row_b = b.data() + static_cast<size_t>(y) * width;
    if (std::memcmp(row_a, row_b, static_cast<size_t>(width) * sizeof(uint32_t)) == 0) continue;
    int left = 0;
    while (row_a[left] == row_b[left]) ++left;
    int right = width;
    while (row_a[right - 1] == row_b[right - 1]) --right;
    rect.x0 = std::min(rect.x0, left);
    rect.x1 = std::max(rect.x1, right);
    rect.y0 = std::min(rect.y0, y);
    rect.y1 = y + 1;
  }
  return rect;
}

// A changed pixel whose shown colour is this close (squared distance: at most one
// level off in each channel) stays as shown. A slow fade or a re-quantised flat
// area then costs almost nothing: 15.4 → 11.1 MB on the 131-frame benchmark GIF
// (docs/benchmarks.md) for a mean error of 0.09 → 0.26 levels.
constexpr int kNear = 3;

int Distance(uint32_t a, uint32_t b) {
  int sum = 0;
  for (int shift : {0, 8, 16}) {
    const int d = static_cast<int>((a >> shift) & 0xff) - static_cast<int>((b >> shift) & 0xff);
    sum += d * d;
  }
  return sum;
}

}  // namespace

double GifFps(double fps) { return std::min(fps, kGifMaxFps); }

int GifDelay(int64_t frame, double fps) {
  // fps as a whole number of thousandths, so the sums below are exact.
  const int64_t milli = std::max<int64_t>(1, std::llround(GifFps(fps) * 1000));
  // round(100 k / fps) = round(100000 k / milli), halves up.
  auto elapsed = [milli](int64_t k) { return (200000 * k + milli) / (2 * milli); };
  return static_cast<int>(std::min<int64_t>(65535, elapsed(frame + 1) - elapsed(frame)));
}

GifEncoder::GifEncoder(int width, int height, double fps) : width_(width), height_(height), fps_(fps) {}

void GifEncoder::AppendHeader(std::vector<uint8_t>& out) const {
  static constexpr char kSignature[] = "GIF89a";
  out.insert(out.end(), kSignature, kSignature + 6);
  Put16(out, width_);
  Put16(out, height_);
  out.push_back(0x70);  // no global colour table; 8 bits per primary
  out.push_back(0);     // background index
  out.push_back(0);     // no aspect ratio
  // Loop forever.
  static constexpr uint8_t kLoop[] = {0x21, 0xff, 0x0b, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0',
                                      0x03, 0x01, 0x00, 0x00, 0x00};
  out.insert(out.end(), kLoop, kLoop + sizeof kLoop);
}

void GifEncoder::AddFrame(const uint8_t* rgba, std::vector<uint8_t>& out) {
  const size_t count = static_cast<size_t>(width_) * height_;
  current_.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* p = rgba + 4 * i;
    current_[i] = (uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) | p[2];
  }
  Rect rect{0, 0, width_, height_};
  if (frames_ == 0) {
    AppendHeader(out);
  } else {
    rect = Changed(current_, source_, width_, height_);
  }
  const bool unchanged = rect.empty();
  if (unchanged) rect = {0, 0, 1, 1};
  const int w = rect.x1 - rect.x0, h = rect.y1 - rect.y0;
  region_.resize(static_cast<size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    const size_t from = static_cast<size_t>(rect.y0 + y) * width_ + rect.x0;
    uint32_t* row = region_.data() + static_cast<size_t>(y) * w;
    for (int x = 0; x < w; ++x) {
      const uint32_t colour = current_[from + x];
      row[x] = frames_ > 0 && colour == source_[from + x] ? kGifKeep : colour;
    }
  }
  quantizer_.Quantize(region_, frames_ > 0, palette_, indices_);
  if (frames_ == 0) shown_.resize(count);
  for (int y = 0; y < h; ++y) {
    const size_t from = static_cast<size_t>(rect.y0 + y) * width_ + rect.x0;
    const size_t row = static_cast<size_t>(y) * w;
    for (int x = 0; x < w; ++x) {
      uint8_t& index = indices_[row + x];
      if (index == palette_.transparent) continue;
      const uint32_t colour = region_[row + x];
      const uint32_t entry = palette_.colours[index];
      uint32_t& shown = shown_[from + x];
      if (frames_ > 0 && Distance(shown, colour) <= std::max(kNear, Distance(entry, colour))) {
        index = static_cast<uint8_t>(palette_.transparent);
      } else {
        shown = entry;
      }
    }
  }

  int bits = 1;  // the colour table has 2^bits entries
  while ((size_t{1} << bits) < palette_.colours.size()) ++bits;
  // Graphic control: leave in place, the frame time, the transparent index.
  out.insert(out.end(), {0x21, 0xf9, 0x04});
  out.push_back(static_cast<uint8_t>((1 << 2) | (palette_.transparent >= 0 ? 1 : 0)));
  Put16(out, GifDelay(frames_, fps_));
  out.push_back(static_cast<uint8_t>(std::max(palette_.transparent, 0)));
  out.push_back(0);
  // Image descriptor with its local colour table.
  out.push_back(0x2c);
  Put16(out, rect.x0);
  Put16(out, rect.y0);
  Put16(out, w);
  Put16(out, h);
  out.push_back(static_cast<uint8_t>(0x80 | (bits - 1)));
  for (size_t i = 0; i < (size_t{1} << bits); ++i) {
    const uint32_t colour = i < palette_.colours.size() ? palette_.colours[i] : 0;
    out.push_back(static_cast<uint8_t>(colour >> 16));
    out.push_back(static_cast<uint8_t>(colour >> 8));
    out.push_back(static_cast<uint8_t>(colour));
  }
  AppendGifLzw(indices_.data(), indices_.size(), std::max(2, bits), out);
  std::swap(source_, current_);
  ++frames_;
}

void GifEncoder::Finish(std::vector<uint8_t>& out) {
  if (frames_ == 0) AppendHeader(out);
  out.push_back(0x3b);
}

}  // namespace stackshot
