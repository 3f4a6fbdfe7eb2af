// Parsers of the scene's "dims" and "camera" objects, shared by the scene file and
// the animation's keyframe states (which hold the same objects, partially).
#pragma once

#include "nd/status.h"
#include "scene/json_reader.h"
#include "scene/scene_spec.h"

namespace stackshot {

// `axis_labels` is accepted only where `with_axis_labels` (a keyframe cannot rename
// axes). Errors carry the value's JSON pointer.
Status ParseDims(const JsonReader& node, DimsSpec& dims, bool with_axis_labels = true);
Status ParseCamera(const JsonReader& node, CameraSpec& camera);

}  // namespace stackshot
