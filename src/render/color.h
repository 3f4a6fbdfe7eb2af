// Colour values as users write them: a CSS/napari name, "#rrggbb", "#rrggbbaa",
// "#rgb", or an [r, g, b(, a)] list in 0–1 (the list form is parsed by scene/).
#pragma once

#include <string>

#include "layers/image/image_appearance.h"

namespace stackshot {

// Fails naming the nearest known colour names.
Result<Rgba> ParseColor(const std::string& text);

}  // namespace stackshot
