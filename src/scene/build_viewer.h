// Building a ViewerModel from a SceneSpec: opens the sources, builds the layers,
// sets dims and camera, and decides the data-dependent defaults.
//
// Errors carry "<scene file>#<JSON pointer>: " like parse errors, so a missing
// dataset is reported at the layer's source.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "scene/scene_spec.h"
#include "viewer/viewer_model.h"

namespace stackshot {

struct BuiltScene {
  std::unique_ptr<ViewerModel> viewer;
  ScreenshotOptions screenshot;  // canvas size and background from the scene
  // Defaults decided from the data, for -v output ("layer 'nuclei': contrast
  // limits [100, 3900] from the data").
  std::vector<std::string> notes;
};

// Opens the source of a spec (HDF5 now), with latency_ms applied.
Result<std::shared_ptr<Source>> OpenSource(const SourceSpec& source);

// Builds the viewer and opens every source; it submits no slice yet (call
// viewer->Refresh(), then Screenshot() waits for it).
Result<BuiltScene> BuildViewer(const SceneSpec& spec, MainLoop& loop);

}  // namespace stackshot
