// Reading one labels layer of a scene: {"type": "labels", "source": {...}, ...}.
// Private to scene/; errors follow scene_spec.h ("<file>#<pointer>: <problem>").
#pragma once

#include <string>

#include "scene/json_reader.h"
#include "scene/scene_spec.h"

namespace stackshot {

// `node` is the layer object (its "type" already checked). Sources and transforms
// read as for images; the name defaults to "labels". The colour dict
// {"color": {"1": "red", "7": [0, 1, 0], "default": "gray"}} maps labels (integer
// keys, any width) to colours; "default" colours the labels it does not list.
Result<LabelsLayerSpec> ParseLabelsLayer(const JsonReader& node, const std::string& directory);

}  // namespace stackshot
