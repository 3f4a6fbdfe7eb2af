// Reading the fields every layer type shares: its source and its transform.
// Private to scene/; errors follow scene_spec.h ("<file>#<pointer>: <problem>").
#pragma once

#include <string>

#include "scene/json_reader.h"
#include "scene/scene_spec.h"

namespace stackshot {

// `node` is the "source" object: {"path", "dataset", "latency_ms"} or
// {"multiscale": [source, …]}. Relative paths resolve against `directory` (the
// current folder when empty), lexically normalised; the files need not exist yet.
Result<SourceSpec> ParseSource(const JsonReader& node, const std::string& directory);

// scale, translate, rotate, shear and affine of a layer object.
Status ParseTransform(const JsonReader& layer, TransformParameters& transform);

// opacity (0–1), blending, visible and the transform: what every layer type has.
Status ParseCommonLayerFields(const JsonReader& layer, double& opacity, Blending& blending, bool& visible,
                              TransformParameters& transform);

// True for .h5, .hdf5, .hdf and .he5 (any case).
bool IsHdf5Path(const std::string& path);

}  // namespace stackshot
