// PNG encoding of an 8-bit frame: filter "sub" on every row, then one zlib stream.
//
// A frame of more than kPngPieceBytes filtered bytes is compressed as two pieces at
// once: the first by zlib, closed with a sync flush (no final bit, ending on a byte
// boundary), the second by libdeflate (faster, and it closes the stream). Each piece
// starts with an empty dictionary, so the pieces concatenate into one valid deflate
// stream. Where the split falls depends only on the frame's size, so the bytes never
// depend on the thread count; `threads` 1 compresses the pieces one after the other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "render/canvas.h"

namespace stackshot {

inline constexpr size_t kPngPieceBytes = size_t{1} << 20;

// PNG bytes at compression `level` (0–12, libdeflate's scale; zlib uses min(level,
// 9)); RGB when the frame is opaque, else RGBA. Empty on an encoder failure.
std::vector<uint8_t> EncodePng(const RgbaImage& image, int level = 1, int threads = 1);

}  // namespace stackshot
