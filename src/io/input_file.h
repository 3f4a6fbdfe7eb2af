// CheckInputFile: is this path something a reader may open? Every reader of a file
// named by the user (scene, keyframes, settings, HDF5, images, CSV) asks first.
//
// Principles: only regular files pass. A FIFO would block the reader forever and a
// device such as /dev/zero never ends, so both are refused before any byte is read.
// Each refusal is one line that says what the path is instead ("is a folder", "is a
// FIFO", "cannot open: Permission denied"), never a misleading "no such file".
#pragma once

#include <string>
#include <string_view>

#include "nd/status.h"

namespace stackshot {

// `kind` names what was expected, for the refusal: "a scene file", "an hdf5 file".
// Not found → kNotFound "<path>: no such file"; anything else → one-line error.
Status CheckInputFile(const std::string& path, std::string_view kind);

// CheckInputFile, then the whole file as bytes (scenes, keyframes, settings, CSV).
Result<std::string> ReadInputFile(const std::string& path, std::string_view kind);

}  // namespace stackshot
