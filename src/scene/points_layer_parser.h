// Reading one points layer of a scene: {"type": "points", "source": {...} | "data":
// [[z, y, x], ...], ...}. Private to scene/; errors follow scene_spec.h
// ("<file>#<pointer>: <problem>").
#pragma once

#include <string>

#include "scene/json_reader.h"
#include "scene/scene_spec.h"

namespace stackshot {

// `node` is the layer object (its "type" already checked). The name defaults to
// "points". A source is napari's points CSV (.csv) or an N×D HDF5 dataset; inline
// "data" may come with "features": {"name": [one value per point]}. Colours:
// a colour, a list of colours (one per point), a feature name, or {"feature": ...,
// "cycle": [...]} / {"feature": ..., "colormap": ..., "contrast_limits": [lo, hi]};
// napari's face_color_cycle, face_colormap and face_contrast_limits (and border_*)
// are accepted too.
Result<PointsLayerSpec> ParsePointsLayer(const JsonReader& node, const std::string& directory);

}  // namespace stackshot
