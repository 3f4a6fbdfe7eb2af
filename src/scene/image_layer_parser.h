// Reading one image layer of a scene: {"type": "image", "source": {...}, ...}.
// Private to scene/; errors follow scene_spec.h ("<file>#<pointer>: <problem>").
#pragma once

#include <string>

#include "scene/json_reader.h"
#include "scene/scene_spec.h"

namespace stackshot {

// `node` is the layer object (its "type" already checked). Relative source paths
// resolve against `directory` (the current folder when empty), lexically normalised;
// the file need not exist yet. The name is returned as written (default "image");
// making names unique is the caller's job.
Result<ImageLayerSpec> ParseImageLayer(const JsonReader& node, const std::string& directory);

}  // namespace stackshot
