// PNG encoding of an 8-bit frame in the smallest colour type that holds every pixel
// exactly: grey when every pixel is opaque grey (R = G = B, A = 255), a palette
// (with tRNS when needed) when the frame has at most 256 colours, else RGB when
// every alpha is 255, else RGBA. Any PNG reader decodes the frame's own pixels.
// Rows are filtered "sub" (palette rows "none"), then one zlib stream.
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
// 9)); the colour type as above. Empty on an encoder failure.
std::vector<uint8_t> EncodePng(const RgbaImage& image, int level = 1, int threads = 1);

}  // namespace stackshot
