// Image files through OpenImageIO: a single PNG / JPEG / TIFF / EXR (any format
// OpenImageIO reads), a multi-page TIFF stack, and `stackshot info` for them.
//
// Conventions: shapes are numpy's. One page is (rows, cols) with one channel and
// (rows, cols, channels) with more; a file of several pages puts the page first:
// (pages, rows, cols[, channels]). Pixel formats map to dtypes as they are (8 to
// 64-bit integers, float32, float64; half floats widen to float32). Every page of a
// stack must have the same size, channel count and pixel format. Reads are serialised
// per file and poll the CancelToken between pages.
#pragma once

#include <memory>
#include <string>

#include "io/source.h"

namespace stackshot {

// Errors: no such file, not an image OpenImageIO reads, an unsupported pixel format,
// a page that differs from the first ("stack.tif: page 3 is 48×64 uint8, page 0 is
// 48×64 uint16 (every page of a stack must match)").
Result<std::shared_ptr<Source>> OpenImageFile(const std::string& path);

struct ImageFileInfo {
  std::string path;
  std::string format;       // OpenImageIO's format name: "tiff", "png", "openexr"
  int pages = 1;
  Shape shape;              // as OpenImageFile gives it
  std::string dtype;        // "uint16"
  std::string compression;  // "lzw", "none", … ("" when the format does not say)
  bool tiled = false;
};

// The header of an image file, without reading pixels; the same errors as
// OpenImageFile.
Result<ImageFileInfo> DescribeImageFile(const std::string& path);

}  // namespace stackshot
