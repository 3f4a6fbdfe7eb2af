#include "render/png_encoder.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include <libdeflate.h>
#include <zlib.h>

#include "exec/parallel.h"
#include "nd/huge_pages.h"

namespace stackshot {
namespace {

uint8_t* PutU32(uint8_t* out, uint32_t value) {
  out[0] = static_cast<uint8_t>(value >> 24);
  out[1] = static_cast<uint8_t>(value >> 16);
  out[2] = static_cast<uint8_t>(value >> 8);
  out[3] = static_cast<uint8_t>(value);
  return out + 4;
}

// Writes one chunk at `out` (12 + size bytes) and returns the end.
uint8_t* PutChunk(uint8_t* out, const char (&type)[5], const uint8_t* data, size_t size) {
  out = PutU32(out, static_cast<uint32_t>(size));
  uint8_t* type_at = out;
  std::memcpy(out, type, 4);
  out += 4;
  if (size > 0) std::memcpy(out, data, size);
  out += size;
  // The CRC covers the type and the data.
  return PutU32(out, libdeflate_crc32(0, type_at, 4 + size));
}

struct CompressorDeleter {
  void operator()(libdeflate_compressor* compressor) const { libdeflate_free_compressor(compressor); }
};

// How the frame's pixels are stored: the smallest PNG colour type that holds every
// pixel exactly.
enum class Layout { kGrey, kPalette, kRgb, kRgba };

uint32_t LoadPixel(const uint8_t* p) {
  // R in the low byte, A in the high one; compilers make this one load.
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

// True when every pixel is opaque grey (R = G = B, A = 255). Checked in blocks
// without branches inside, so the loop vectorizes; the first bad block ends it.
bool IsOpaqueGrey(const RgbaImage& image) {
  const size_t count = image.pixels.size() / 4;
  const uint8_t* pixels = image.pixels.data();
  constexpr size_t kBlock = 1024;
  for (size_t begin = 0; begin < count; begin += kBlock) {
    const size_t end = std::min(count, begin + kBlock);
    uint32_t bad = 0;
    for (size_t i = begin; i < end; ++i) {
      const uint32_t p = LoadPixel(pixels + i * 4);
      bad |= p ^ ((p & 0xFFu) * 0x010101u | 0xFF000000u);
    }
    if (bad != 0) return false;
  }
  return true;
}

// The frame's colours in order of first appearance, if there are at most 256.
class Palette {
 public:
  // Scans the frame; false (and stops) at the 257th colour.
  bool Build(const RgbaImage& image) {
    keys_.assign(kSlots, 0);
    indices_.assign(kSlots, -1);
    const uint8_t* pixels = image.pixels.data();
    const size_t count = image.pixels.size() / 4;
    uint32_t last = 0;
    for (size_t i = 0; i < count; ++i) {
      const uint32_t p = LoadPixel(pixels + i * 4);
      if (i > 0 && p == last) continue;
      last = p;
      size_t slot = Slot(p);
      while (indices_[slot] >= 0 && keys_[slot] != p) slot = (slot + 1) & (kSlots - 1);
      if (indices_[slot] >= 0) continue;
      if (colours_.size() == 256) return false;
      keys_[slot] = p;
      indices_[slot] = static_cast<int>(colours_.size());
      colours_.push_back(p);
    }
    return true;
  }
  // The index of a colour that Build saw.
  uint8_t IndexOf(uint32_t p) const {
    size_t slot = Slot(p);
    while (keys_[slot] != p) slot = (slot + 1) & (kSlots - 1);
    return static_cast<uint8_t>(indices_[slot]);
  }
  const std::vector<uint32_t>& colours() const { return colours_; }

 private:
  static constexpr size_t kSlots = 1024;  // at most a quarter full
  static size_t Slot(uint32_t p) { return (p * 0x9E3779B1u) >> 22; }
  std::vector<uint32_t> keys_;
  std::vector<int> indices_;
  std::vector<uint32_t> colours_;
};

size_t BytesPerPixel(Layout layout) {
  switch (layout) {
    case Layout::kGrey:
    case Layout::kPalette:
      return 1;
    case Layout::kRgb:
      return 3;
    case Layout::kRgba:
      return 4;
  }
  return 4;
}

// Rows [begin, end) as PNG scanlines, each starting with its filter type. Grey and
// RGB(A) rows use "sub" (each byte minus the same channel of the pixel before);
// palette rows use "none", since differences of indices mean nothing.
void FilterRows(const RgbaImage& image, Layout layout, const Palette& palette, size_t begin, size_t end,
                uint8_t* filtered) {
  const size_t width = static_cast<size_t>(image.width);
  const size_t channels = BytesPerPixel(layout);
  const size_t row_bytes = width * channels;
  for (size_t y = begin; y < end; ++y) {
    const uint8_t* in = &image.pixels[y * width * 4];
    uint8_t* out = &filtered[y * (row_bytes + 1)];
    if (layout == Layout::kPalette) {
      *out++ = 0;
      uint32_t last = 0;
      uint8_t last_index = 0;
      for (size_t x = 0; x < width; ++x, in += 4) {
        const uint32_t p = LoadPixel(in);
        if (x == 0 || p != last) last_index = palette.IndexOf(p);
        last = p;
        out[x] = last_index;
      }
      continue;
    }
    *out++ = 1;
    if (layout == Layout::kGrey) {
      uint8_t prev = 0;
      for (size_t x = 0; x < width; ++x) {
        const uint8_t v = in[x * 4];
        out[x] = static_cast<uint8_t>(v - prev);
        prev = v;
      }
    } else if (layout == Layout::kRgb) {
      uint8_t prev[3] = {0, 0, 0};
      for (size_t x = 0; x < width; ++x, in += 4, out += 3) {
        for (int c = 0; c < 3; ++c) {
          out[c] = static_cast<uint8_t>(in[c] - prev[c]);
          prev[c] = in[c];
        }
      }
    } else {
      uint8_t prev[4] = {0, 0, 0, 0};
      for (size_t x = 0; x < width; ++x, in += 4, out += 4) {
        for (int c = 0; c < 4; ++c) {
          out[c] = static_cast<uint8_t>(in[c] - prev[c]);
          prev[c] = in[c];
        }
      }
    }
  }
}

// One piece of the deflate stream and the Adler-32 of its input.
struct Piece {
  std::unique_ptr<uint8_t[]> bytes;
  size_t size = 0;
  uint32_t adler = 1;
  bool ok = false;
};

// Raw deflate by zlib, ended by a sync flush: not final, byte-aligned.
void CompressOpenPiece(const uint8_t* in, size_t n, int level, Piece& piece) {
  z_stream stream{};
  if (deflateInit2(&stream, std::clamp(level, 0, 9), Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
  // deflateBound covers a finished stream; a sync flush adds at most a few bytes.
  const size_t bound = deflateBound(&stream, static_cast<uLong>(n)) + 16;
  piece.bytes.reset(new uint8_t[bound]);
  stream.next_in = const_cast<Bytef*>(in);
  stream.avail_in = static_cast<uInt>(n);
  stream.next_out = piece.bytes.get();
  stream.avail_out = static_cast<uInt>(bound);
  const int result = deflate(&stream, Z_SYNC_FLUSH);
  piece.ok = result == Z_OK && stream.avail_in == 0;
  piece.size = bound - stream.avail_out;
  deflateEnd(&stream);
  piece.adler = static_cast<uint32_t>(adler32(1, in, static_cast<uInt>(n)));
}

// Raw deflate by libdeflate: the stream's last blocks.
void CompressFinalPiece(const uint8_t* in, size_t n, int level, Piece& piece) {
  std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor(
      libdeflate_alloc_compressor(std::clamp(level, 0, 12)));
  if (!compressor) return;
  const size_t bound = libdeflate_deflate_compress_bound(compressor.get(), n);
  piece.bytes.reset(new uint8_t[bound]);
  piece.size = libdeflate_deflate_compress(compressor.get(), in, n, piece.bytes.get(), bound);
  piece.ok = piece.size > 0;
  piece.adler = libdeflate_adler32(1, in, n);
}

}  // namespace

std::vector<uint8_t> EncodePng(const RgbaImage& image, int level, int threads) {
  const size_t width = static_cast<size_t>(std::max(image.width, 0));
  const size_t height = static_cast<size_t>(std::max(image.height, 0));
  Palette palette;
  Layout layout = Layout::kRgba;
  if (IsOpaqueGrey(image)) {
    layout = Layout::kGrey;
  } else if (palette.Build(image)) {
    layout = Layout::kPalette;
  } else if (image.IsOpaque()) {
    layout = Layout::kRgb;
  }
  const size_t row_bytes = width * BytesPerPixel(layout);

  // Every byte of `filtered` is written before it is read, and compressors write
  // only what they need of their worst-case bounds: nothing is zero-filled first.
  const size_t filtered_size = (row_bytes + 1) * height;
  std::unique_ptr<uint8_t[]> filtered(new uint8_t[std::max<size_t>(filtered_size, 1)]);
  AdviseHugePages(filtered.get(), filtered_size);

  // Filter and compress each piece (rows [0, split) and [split, height)).
  const size_t split = filtered_size > kPngPieceBytes && height > 1 ? height / 2 : 0;
  const size_t piece_rows[3] = {0, split, height};
  Piece pieces[2];
  ParallelFor(2, 1, threads, [&](int64_t begin, int64_t end) {
    for (int64_t k = begin; k < end; ++k) {
      const size_t first = piece_rows[k];
      const size_t last = piece_rows[k + 1];
      FilterRows(image, layout, palette, first, last, filtered.get());
      const uint8_t* in = filtered.get() + first * (row_bytes + 1);
      const size_t n = (last - first) * (row_bytes + 1);
      if (k == 0) {
        if (n == 0) {
          pieces[0].ok = true;
        } else {
          CompressOpenPiece(in, n, level, pieces[0]);
        }
      } else {
        CompressFinalPiece(in, n, level, pieces[1]);
      }
    }
  });
  if (!pieces[0].ok || !pieces[1].ok) return {};
  const size_t second_size = (height - split) * (row_bytes + 1);
  const uint32_t adler = static_cast<uint32_t>(
      adler32_combine(pieces[0].adler, pieces[1].adler, static_cast<z_off_t>(second_size)));

  // The zlib stream: header (deflate, 32K window, fastest), the pieces, Adler-32.
  std::vector<uint8_t> zlib(2 + pieces[0].size + pieces[1].size + 4);
  zlib[0] = 0x78;
  zlib[1] = 0x01;
  if (pieces[0].size > 0) std::memcpy(&zlib[2], pieces[0].bytes.get(), pieces[0].size);
  std::memcpy(&zlib[2 + pieces[0].size], pieces[1].bytes.get(), pieces[1].size);
  PutU32(&zlib[zlib.size() - 4], adler);

  // Chunks are limited to 2^31 - 1 bytes; split the stream well below that.
  constexpr size_t kMaxChunk = size_t{1} << 30;
  const size_t idat_chunks = (zlib.size() + kMaxChunk - 1) / kMaxChunk;
  constexpr uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  // PLTE (and tRNS when a colour is not opaque) for a palette frame.
  std::vector<uint8_t> plte;
  std::vector<uint8_t> trns;
  if (layout == Layout::kPalette) {
    bool translucent = false;
    for (const uint32_t colour : palette.colours()) {
      for (int c = 0; c < 3; ++c) plte.push_back(static_cast<uint8_t>(colour >> (8 * c)));
      trns.push_back(static_cast<uint8_t>(colour >> 24));
      translucent = translucent || (colour >> 24) != 255;
    }
    if (!translucent) trns.clear();
  }
  const size_t extra_chunks = (plte.empty() ? 0 : 12 + plte.size()) + (trns.empty() ? 0 : 12 + trns.size());
  std::vector<uint8_t> png(8 + (12 + 13) + extra_chunks + idat_chunks * 12 + zlib.size() + 12);
  uint8_t* out = png.data();
  std::memcpy(out, kSignature, 8);
  out += 8;
  uint8_t header[13];
  PutU32(header, static_cast<uint32_t>(width));
  PutU32(header + 4, static_cast<uint32_t>(height));
  constexpr uint8_t kColourType[] = {0, 3, 2, 6};  // grey, palette, RGB, RGBA
  header[8] = 8;  // bit depth
  header[9] = kColourType[static_cast<int>(layout)];
  header[10] = 0;  // deflate
  header[11] = 0;  // adaptive filtering
  header[12] = 0;  // no interlace
  out = PutChunk(out, "IHDR", header, sizeof(header));
  if (!plte.empty()) out = PutChunk(out, "PLTE", plte.data(), plte.size());
  if (!trns.empty()) out = PutChunk(out, "tRNS", trns.data(), trns.size());
  for (size_t at = 0; at < zlib.size(); at += kMaxChunk) {
    out = PutChunk(out, "IDAT", zlib.data() + at, std::min(kMaxChunk, zlib.size() - at));
  }
  PutChunk(out, "IEND", nullptr, 0);
  return png;
}

}  // namespace stackshot
