// Writing frames to image files, chosen by extension: .png (our libdeflate-backed
// encoder, measured faster than OpenImageIO's), .tif/.tiff and .exr (OpenImageIO).
//
// Conventions: a file is written to a temporary name beside the target and renamed
// into place, so a failure never leaves a partial file under the target name. PNG
// output is RGB when the frame is opaque, else RGBA. EXR stores half floats equal to
// the 8-bit values / 255.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "render/canvas.h"
#include "render/png_encoder.h"

namespace stackshot {

// Fails on an unknown extension (listing the known ones) before anything is written.
Status CheckOutputPath(const std::string& path);
// `threads` is for the PNG encoder (the bytes never depend on it).
Status WriteImageFile(const RgbaImage& image, const std::string& path, int threads = 1);
// The same image through OpenImageIO's PNG writer (kept for the benchmark).
Status WritePngWithOpenImageIO(const RgbaImage& image, const std::string& path, int compression_level);

// Decodes any image OpenImageIO reads into RGBA8 (tests, golden comparisons).
Result<RgbaImage> ReadImageFile(const std::string& path);

}  // namespace stackshot
