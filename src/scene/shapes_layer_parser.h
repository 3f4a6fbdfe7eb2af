// Reading one shapes layer of a scene. Private to scene/; errors follow
// scene_spec.h ("<file>#<pointer>: <problem>").
#pragma once

#include <string>

#include "scene/json_reader.h"
#include "scene/scene_spec.h"

namespace stackshot {

// {"type": "shapes", "source": {"path": "rois.csv"}} (napari's shapes CSV) or
// {"type": "shapes", "data": [[[r, c], …], …], "shape_type": "polygon" | [...]}
// (napari's list of vertex arrays, types default to rectangle as napari's). Fields:
// face_color, edge_color (a colour or one per shape), edge_width, z_index (a number
// or one per shape), opacity, blending, visible and the transform. The name
// defaults to "shapes".
Result<ShapesLayerSpec> ParseShapesLayer(const JsonReader& node, const std::string& directory);

}  // namespace stackshot
