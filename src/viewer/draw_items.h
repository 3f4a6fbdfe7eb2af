// The drawable form of a layer: its applied slice response and its appearance now.
// One branch per layer type; adding a layer type adds one here and a drawer in
// render/.
#pragma once

#include <optional>

#include "layers/layer.h"
#include "render/rasterizer.h"

namespace stackshot {

// Nothing when the layer has no applied response yet.
Result<std::optional<DrawItem>> MakeDrawItem(const Layer& layer);

}  // namespace stackshot
