// Shared steps of the OpenImageIO sources, lister and writer (private to io/).
#pragma once

#include <OpenImageIO/imageio.h>

#include <memory>
#include <optional>
#include <string>

#include "nd/array.h"

namespace stackshot {

// Our dtype for a pixel format: 8/16/32/64-bit integers as they are, half and
// float as float32, double as float64; nothing for formats we cannot hold.
std::optional<DType> DTypeFromOiio(OIIO::TypeDesc format);
OIIO::TypeDesc OiioFromDType(DType dtype);
// "uint16", or OpenImageIO's name for an unsupported format.
std::string OiioFormatName(OIIO::TypeDesc format);

// The header of one image (a page of a multi-page file): what a source needs.
struct OiioPage {
  int width = 0;
  int height = 0;
  int channels = 0;
  int y_origin = 0;  // the data window's first row (scanline numbers start there)
  DType dtype = DType::kUInt8;
  std::string format_name;  // "uint16", for messages
};

// Opens `path` for reading; errors name the file ("x.png: no such file", "x.png:
// not an image OpenImageIO can read (…)").
Result<std::unique_ptr<OIIO::ImageInput>> OpenOiioInput(const std::string& path);

// The header of subimage `page` of an open input; errors name `where`. Deep and
// volume images, and pixel formats we cannot hold, are errors.
Result<OiioPage> ReadOiioPage(OIIO::ImageInput& input, int page, const std::string& where);

// "48×64 uint16", "48×64×3 uint8" (rows × cols × channels): a page as messages
// show it.
std::string DescribePage(const OiioPage& page);

// Reads rows [row, row + rows) of subimage `page` (every column and channel) and
// copies columns [col, col + cols) and channels [channel, channel + channels) into
// `out`, C-ordered (rows, cols, channels), in `page.dtype`.
Status ReadOiioRegion(OIIO::ImageInput& input, int page, const OiioPage& header, int64_t row, int64_t rows,
                      int64_t col, int64_t cols, int64_t channel, int64_t channels, std::byte* out,
                      const std::string& where);

}  // namespace stackshot
