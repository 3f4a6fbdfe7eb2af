// The implementations behind the plugin table (oiio_plugin.h): compiled into
// libstackshot_oiio.so only; everything else calls them through the table.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/oiio_source.h"
#include "io/source.h"
#include "nd/array.h"
#include "nd/status.h"

namespace stackshot::oiio_impl {

// As OpenImageFile and DescribeImageFile (oiio_source.h).
Result<std::shared_ptr<Source>> OpenImageFile(const std::string& path);
Result<ImageFileInfo> DescribeImageFile(const std::string& path);
// As OpenImageSequence (image_sequence_source.h), once the pattern is expanded.
Result<std::shared_ptr<Source>> OpenImageSequence(const std::string& pattern, std::vector<std::string> files);
// As WriteImagePages (oiio_write.h).
Status WriteImagePages(const std::string& path, const std::vector<Array>& pages);
// See OiioPlugin::write_rgba and OiioPlugin::read_rgba.
Status WriteRgba(const uint8_t* pixels, int width, int height, bool opaque, bool half_float,
                 const std::string& format_path, const std::string& out_path, int png_level);
Status ReadRgba(const std::string& path, int* width, int* height, std::vector<uint8_t>* pixels);

}  // namespace stackshot::oiio_impl
