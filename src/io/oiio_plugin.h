// OpenImageIO support, loaded on first use. libOpenImageIO pulls in some 260 shared
// libraries whose loading costs ~200 ms at every process start, and most renders
// (HDF5 in, PNG out) never need it. So everything that calls OpenImageIO lives in
// one plugin (libstackshot_oiio.so, built from the oiio_*.cc files) and the rest of
// stackshot reaches it through this table, dlopen()ed the first time it is needed.
//
// The plugin is looked for, in order: $STACKSHOT_OIIO_PLUGIN (if set, only there);
// beside the executable; in <executable's folder>/../lib; at its build path.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/oiio_source.h"
#include "io/source.h"
#include "nd/array.h"
#include "nd/status.h"

namespace stackshot {

// Bumped whenever the table changes: a plugin built for another layout is refused.
inline constexpr int kOiioPluginVersion = 3;

struct OiioPlugin {
  int version = 0;
  Result<std::shared_ptr<Source>> (*open_image_file)(const std::string& path) = nullptr;
  Result<ImageFileInfo> (*describe_image_file)(const std::string& path) = nullptr;
  // `files`: what `pattern` matched, sorted, not empty.
  Result<std::shared_ptr<Source>> (*open_image_sequence)(const std::string& pattern,
                                                         std::vector<std::string> files) = nullptr;
  Status (*write_image_pages)(const std::string& path, const std::vector<Array>& pages) = nullptr;
  // An RGBA8 frame (straight alpha, width × height × 4 bytes) written to `out_path`
  // in the format `format_path`'s extension names: RGB when `opaque`; half floats
  // (byte / 255) when `half_float`; `png_level` for PNG.
  Status (*write_rgba)(const uint8_t* pixels, int width, int height, bool opaque, bool half_float,
                       const std::string& format_path, const std::string& out_path, int png_level) = nullptr;
  // Any image OpenImageIO reads, as RGBA8 (grey and grey+alpha spread to RGB).
  Status (*read_rgba)(const std::string& path, int* width, int* height, std::vector<uint8_t>* pixels) = nullptr;
};

// The plugin's one exported symbol: extern "C" const OiioPlugin* StackshotOiioPlugin().
inline constexpr char kOiioPluginEntry[] = "StackshotOiioPlugin";

// The plugin, loaded once per process (later calls give the first outcome). On
// failure: "cannot load OpenImageIO support (<reason>): needed <needed_for>", e.g.
// needed_for = "to write out.tif".
Result<const OiioPlugin*> LoadOiioPlugin(const std::string& needed_for);

}  // namespace stackshot
