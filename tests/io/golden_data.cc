#include "golden_data.h"

#include <cstdint>
#include <filesystem>
#include <limits>

#include "io/hdf5_source.h"
#include "io/oiio_write.h"

namespace stackshot::testing {
namespace {

// 2×2 means (floored) of a [rows, cols(, channels)] array of T.
template <typename T>
Array HalfSize(const Array& in) {
  const int64_t rows = in.shape()[0] / 2;
  const int64_t cols = in.shape()[1] / 2;
  const int64_t channels = in.ndim() == 3 ? in.shape()[2] : 1;
  Shape shape = {rows, cols};
  if (in.ndim() == 3) shape.push_back(channels);
  Array out = Array::Zeros(in.dtype(), shape);
  const T* src = in.data<T>();
  T* dst = out.mutable_data<T>();
  const int64_t in_cols = in.shape()[1];
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) {
      for (int64_t ch = 0; ch < channels; ++ch) {
        auto at = [&](int64_t rr, int64_t cc) { return static_cast<int64_t>(src[(rr * in_cols + cc) * channels + ch]); };
        const int64_t sum = at(2 * r, 2 * c) + at(2 * r, 2 * c + 1) + at(2 * r + 1, 2 * c) + at(2 * r + 1, 2 * c + 1);
        dst[(r * cols + c) * channels + ch] = static_cast<T>(sum / 4);
      }
    }
  }
  return out;
}

int64_t Square(int64_t v) { return v * v; }

}  // namespace

std::vector<Array> GoldenStackPages() {
  constexpr int kPages = 12, kRows = 48, kCols = 64;
  std::vector<Array> pages;
  for (int z = 0; z < kPages; ++z) {
    Array page = Array::Zeros(DType::kUInt16, {kRows, kCols});
    uint16_t* p = page.mutable_data<uint16_t>();
    for (int y = 0; y < kRows; ++y) {
      for (int x = 0; x < kCols; ++x) {
        int64_t value = 100 + 4 * (x + y) + 20 * z;
        for (int k = 0; k < 4; ++k) {
          const int64_t cy = (8 + 11 * k + 2 * z) % kRows;
          const int64_t cx = (6 + 15 * k + 3 * z) % kCols;
          const int64_t r2 = Square(5 + 2 * (k % 3));
          const int64_t d2 = Square(y - cy) + Square(x - cx);
          if (d2 < r2) value = std::max<int64_t>(value, 400 + 3000 * (r2 - d2) / r2 + 100 * k);
        }
        p[y * kCols + x] = static_cast<uint16_t>(value);
      }
    }
    pages.push_back(page);
  }
  return pages;
}

std::vector<Array> GoldenFrames() {
  constexpr int kFrames = 6, kRows = 40, kCols = 56;
  std::vector<Array> frames;
  for (int f = 0; f < kFrames; ++f) {
    Array frame = Array::Zeros(DType::kUInt8, {kRows, kCols});
    uint8_t* p = frame.mutable_data<uint8_t>();
    for (int y = 0; y < kRows; ++y) {
      for (int x = 0; x < kCols; ++x) {
        int value = ((x + y + 6 * f) / 6) % 2 == 0 ? 60 : 110;
        if (Square(y - 20) + Square(x - 8 - 8 * f) < 64) value = 250;
        p[y * kCols + x] = static_cast<uint8_t>(value);
      }
    }
    frames.push_back(frame);
  }
  return frames;
}

Array GoldenRgb() {
  constexpr int kRows = 64, kCols = 80;
  Array rgb = Array::Zeros(DType::kUInt8, {kRows, kCols, 3});
  uint8_t* p = rgb.mutable_data<uint8_t>();
  for (int y = 0; y < kRows; ++y) {
    for (int x = 0; x < kCols; ++x) {
      uint8_t* px = p + (y * kCols + x) * 3;
      px[0] = static_cast<uint8_t>(x * 255 / (kCols - 1));
      px[1] = static_cast<uint8_t>(y * 255 / (kRows - 1));
      px[2] = Square(y - 32) + Square(x - 40) < 400 ? 230 : 30;
    }
  }
  return rgb;
}

Array GoldenRgbaFloat() {
  constexpr int kSide = 48;
  Array rgba = Array::Zeros(DType::kFloat32, {kSide, kSide, 4});
  float* p = rgba.mutable_data<float>();
  for (int y = 0; y < kSide; ++y) {
    for (int x = 0; x < kSide; ++x) {
      float* px = p + (y * kSide + x) * 4;
      px[0] = static_cast<float>(x) / 24.0f;
      px[1] = static_cast<float>(y) / 24.0f;
      px[2] = 0.5f;
      px[3] = ((x / 8 + y / 8) % 2 == 0) ? 1.0f : 0.25f + static_cast<float>(y) / 96.0f;
    }
  }
  return rgba;
}

std::vector<Array> GoldenPyramid() {
  constexpr int kSide = 256;
  Array level0 = Array::Zeros(DType::kUInt16, {kSide, kSide});
  uint16_t* p = level0.mutable_data<uint16_t>();
  for (int y = 0; y < kSide; ++y) {
    for (int x = 0; x < kSide; ++x) {
      const int checker = ((x / 16 + y / 16) % 2) * 1000;
      const int ring = ((Square(y - 128) + Square(x - 128)) / 400) % 2 * 2000;
      const int fine = (x % 4 == 0 || y % 4 == 0) ? 600 : 0;  // vanishes in coarse levels
      p[y * kSide + x] = static_cast<uint16_t>(300 + checker + ring + fine);
    }
  }
  std::vector<Array> levels = {level0};
  while (levels.back().shape()[0] > 32) levels.push_back(HalfSize<uint16_t>(levels.back()));
  return levels;
}

std::vector<Array> GoldenTiledRgbPyramid() {
  constexpr int kMotif = 64, kTiles = 8, kSide = kMotif * kTiles;
  Array level0 = Array::Zeros(DType::kUInt8, {kSide, kSide, 3});
  uint8_t* p = level0.mutable_data<uint8_t>();
  for (int y = 0; y < kSide; ++y) {
    for (int x = 0; x < kSide; ++x) {
      const int my = y % kMotif, mx = x % kMotif;
      uint8_t* px = p + (static_cast<int64_t>(y) * kSide + x) * 3;
      const bool face = Square(my - 30) + Square(mx - 32) < 400;
      const bool eye = Square(my - 24) + Square(mx - 25) < 9 || Square(my - 24) + Square(mx - 39) < 9;
      // Flat colours only: the file stays small.
      const bool light = (mx / 32 + my / 32) % 2 == 0;
      px[0] = static_cast<uint8_t>(face ? (eye ? 20 : 235) : (light ? 70 : 30));
      px[1] = static_cast<uint8_t>(face ? (eye ? 20 : 190) : (light ? 90 : 50));
      px[2] = static_cast<uint8_t>(face ? (eye ? 80 : 150) : (light ? 200 : 120));
    }
  }
  std::vector<Array> levels = {level0};
  while (levels.back().shape()[0] > 64) levels.push_back(HalfSize<uint8_t>(levels.back()));
  return levels;
}

Array GoldenCellLabels() {
  constexpr int kDepth = 6, kSide = 64, kSeeds = 12;
  Array labels = Array::Zeros(DType::kUInt32, {kDepth, kSide, kSide});
  uint32_t* p = labels.mutable_data<uint32_t>();
  for (int z = 0; z < kDepth; ++z) {
    for (int y = 0; y < kSide; ++y) {
      for (int x = 0; x < kSide; ++x) {
        int64_t best = std::numeric_limits<int64_t>::max();
        uint32_t label = 0;
        for (int k = 0; k < kSeeds; ++k) {
          const int64_t cy = (7 + 23 * k + z) % kSide;
          const int64_t cx = (5 + 37 * k + 2 * z) % kSide;
          const int64_t d2 = Square(y - cy) + Square(x - cx);
          if (d2 < best) {
            best = d2;
            label = static_cast<uint32_t>(k + 1);
          }
        }
        p[(z * kSide + y) * kSide + x] = best < 12 * 12 ? label : 0;
      }
    }
  }
  return labels;
}

Array GoldenHugeLabels() {
  constexpr int kSide = 64;
  Array labels = Array::Zeros(DType::kUInt64, {kSide, kSide});
  uint64_t* p = labels.mutable_data<uint64_t>();
  const uint64_t base = uint64_t{1} << 53;
  for (int y = 0; y < kSide; ++y) {
    for (int x = 0; x < kSide; ++x) {
      uint64_t value = 0;
      if (Square(y - 32) + Square(x - 32) < 26 * 26) value = x < 32 ? base + 1 : base + 2;  // equal as doubles
      if (Square(y - 12) + Square(x - 52) < 64) value = std::numeric_limits<uint64_t>::max();
      p[y * kSide + x] = value;
    }
  }
  return labels;
}

Array GoldenSignedLabels() {
  constexpr int kSide = 64;
  Array labels = Array::Zeros(DType::kInt64, {kSide, kSide});
  int64_t* p = labels.mutable_data<int64_t>();
  const int64_t ids[8] = {1, 50, -1, -50, 7, std::numeric_limits<int64_t>::min(), 49, 98};
  for (int y = 0; y < kSide; ++y) {
    for (int x = 0; x < kSide; ++x) {
      const int cell = (y / 32) * 4 + x / 16;  // 2 rows × 4 columns of blocks
      const bool inside = (y % 32) > 2 && (y % 32) < 30 && (x % 16) > 1 && (x % 16) < 15;
      p[y * kSide + x] = inside ? ids[cell] : 0;
    }
  }
  return labels;
}

Status WriteGoldenData(const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(fs::path(dir) / "frames");
  RETURN_IF_ERROR(WriteImagePages(dir + "/stack_u16.tif", GoldenStackPages()));
  const std::vector<Array> frames = GoldenFrames();
  for (size_t i = 0; i < frames.size(); ++i) {
    RETURN_IF_ERROR(WriteImagePages(dir + "/frames/frame_" + std::to_string(i) + ".png", {frames[i]}));
  }
  RETURN_IF_ERROR(WriteImagePages(dir + "/rgb.png", {GoldenRgb()}));
  RETURN_IF_ERROR(WriteImagePages(dir + "/rgba_float.exr", {GoldenRgbaFloat()}));

  Hdf5WriteOptions options;
  options.gzip_level = 9;
  const std::string pyramid = dir + "/pyramid.h5";
  const std::vector<Array> levels = GoldenPyramid();
  for (size_t i = 0; i < levels.size(); ++i) {
    options.chunks = {std::min<int64_t>(64, levels[i].shape()[0]), std::min<int64_t>(64, levels[i].shape()[1])};
    RETURN_IF_ERROR(WriteHdf5Dataset(pyramid, "/pyramid/s" + std::to_string(i), levels[i], options, i == 0));
  }
  const std::vector<Array> tiles = GoldenTiledRgbPyramid();
  for (size_t i = 0; i < tiles.size(); ++i) {
    options.chunks = {std::min<int64_t>(64, tiles[i].shape()[0]), std::min<int64_t>(64, tiles[i].shape()[1]), 3};
    RETURN_IF_ERROR(WriteHdf5Dataset(pyramid, "/tiles/" + std::to_string(i), tiles[i], options, false));
  }

  const std::string labels = dir + "/labels.h5";
  options.chunks = {1, 64, 64};
  RETURN_IF_ERROR(WriteHdf5Dataset(labels, "/cells", GoldenCellLabels(), options, true));
  options.chunks = {64, 64};
  RETURN_IF_ERROR(WriteHdf5Dataset(labels, "/huge", GoldenHugeLabels(), options, false));
  RETURN_IF_ERROR(WriteHdf5Dataset(labels, "/signed", GoldenSignedLabels(), options, false));
  return Status::Ok();
}

}  // namespace stackshot::testing
