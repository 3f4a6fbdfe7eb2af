// napari's five blending modes as the GL blend functions napari's vispy layers set,
// applied to one pixel of straight RGBA; the result is clamped to [0, 1].
//
// - opaque: the layer replaces what is below (alpha 1), whatever its opacity.
// - translucent, translucent_no_depth: over, with alpha = colour alpha × opacity
//   (without depth they are the same in 2D).
// - additive: dst + src × alpha.
// - minimum: per channel min(dst, src blended over white by alpha).
#pragma once

#include "layers/layer.h"

namespace stackshot {

// dst is 4 floats (RGBA) updated in place; src is straight RGBA already carrying the
// layer opacity in its alpha.
void BlendPixel(Blending mode, float* dst, const float* src);

}  // namespace stackshot
