// LZW compression of a GIF frame's colour indices (GIF89a, appendix F).
//
// Codes start min_code_size + 1 bits wide and grow to 12, packed least significant
// bit first into sub-blocks of at most 255 bytes. The stream opens with a clear
// code; when all 4096 codes are taken a clear code restarts the table (the encoder
// never relies on a decoder's deferred clear). The bytes depend only on the indices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stackshot {

// Appends the image data of `count` indices (each < 2^min_code_size; min_code_size
// 2 to 8) to `out`: the min code size byte, the data sub-blocks and the terminator.
void AppendGifLzw(const uint8_t* indices, size_t count, int min_code_size, std::vector<uint8_t>& out);

}  // namespace stackshot
