// Reading one vectors layer of a scene. Private to scene/; errors follow
// scene_spec.h ("<file>#<pointer>: <problem>").
#pragma once

#include <string>

#include "scene/json_reader.h"
#include "scene/scene_spec.h"

namespace stackshot {

// {"type": "vectors", "source": {"path": "flow.h5", "dataset": "/v"}} (an N×2×D
// dataset) or {"type": "vectors", "data": [[[pos…], [proj…]], …]}. Fields:
// edge_color (a colour, one per vector, or the name of a feature), features
// ({"name": [one value per vector]}), edge_colormap, edge_contrast_limits,
// edge_color_cycle (for a text feature), edge_width, length, vector_style,
// out_of_slice_display, opacity, blending, visible and the transform. The name
// defaults to "vectors".
Result<VectorsLayerSpec> ParseVectorsLayer(const JsonReader& node, const std::string& directory);

}  // namespace stackshot
