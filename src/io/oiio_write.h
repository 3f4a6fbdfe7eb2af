// Writing arrays as image files through OpenImageIO, for tests, examples and
// benchmarks (rendered frames go through render/image_writer.h instead).
#pragma once

#include <string>
#include <vector>

#include "nd/array.h"
#include "nd/status.h"

namespace stackshot {

// Writes each array as one page: (rows, cols) is one channel, (rows, cols, channels)
// several; pages may differ in dtype. Several pages need a format that holds them
// (TIFF). The format follows the extension; the file is written in place.
Status WriteImagePages(const std::string& path, const std::vector<Array>& pages);

}  // namespace stackshot
