// An image sequence: the files a glob pattern matches ("frames/*.png"), in sorted
// order, as one stack whose first axis is the file index.
//
// Conventions: as oiio_source.h; every file must have one page and the size,
// channel count and pixel format of the first. Files are opened per read (a sequence
// may hold thousands) and the CancelToken is polled between files.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/source.h"

namespace stackshot {

// True when `path` holds a glob character (*, ? or [).
bool IsGlobPattern(const std::string& path);

// The paths `pattern` matches (glob(3)), sorted bytewise whatever the locale.
// Errors: nothing matches ("frames/*.png: no files match"), or glob fails.
Result<std::vector<std::string>> ExpandGlob(const std::string& pattern);

// Opens every file's header and checks them. Errors: no match; a file that is not
// an image; a file of several pages; a file whose size, channels or pixel format
// differ from the first ("frames/b.png: 40×32 uint8 differs from frames/a.png: 32×32
// uint8 (every image of a sequence must match)").
Result<std::shared_ptr<Source>> OpenImageSequence(const std::string& pattern);

}  // namespace stackshot
