// Building a ViewerModel from a SceneSpec: opens the sources, builds the layers,
// sets dims and camera, and decides the data-dependent defaults.
//
// Errors carry "<scene file>#<JSON pointer>: " like parse errors, so a missing
// dataset is reported at the layer's source.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scene/scene_spec.h"
#include "viewer/viewer_model.h"

namespace stackshot {

struct BuiltScene {
  std::unique_ptr<ViewerModel> viewer;
  ScreenshotOptions screenshot;  // canvas size, background and antialiasing from the scene
  // Defaults decided from the data, for -v output ("layer 'nuclei': contrast
  // limits [100, 3900] from the data").
  std::vector<std::string> notes;
};

// Settings given on the command line; they override everything else.
struct BuildFlags {
  std::optional<uint64_t> cache_bytes;
  // --latency-log; when unset, $STACKSHOT_LATENCY_LOG if set.
  std::optional<std::string> latency_log;
  // Threads of the data-parallel slicing kernels (thick-slice projections); 0: all
  // cores. Output never depends on it.
  int threads = 0;
};

// Opens one file source of a spec (an HDF5 dataset, an image file or TIFF stack, or
// an image sequence when the path is a glob matching no file literally), with
// latency_ms applied. Multiscale sources open level by level in BuildViewer.
Result<std::shared_ptr<Source>> OpenSource(const SourceSpec& source);

// Builds the viewer and opens every source; it submits no slice yet (call
// viewer->Refresh(), then Screenshot() waits for it).
// Slicer options: defaults < user settings file < the scene's "slicing" < `flags`.
Result<BuiltScene> BuildViewer(const SceneSpec& spec, MainLoop& loop, const BuildFlags& flags = {});

}  // namespace stackshot
