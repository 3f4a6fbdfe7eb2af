#include "render/blending.h"

#include "render/pixel_kernels.h"

namespace stackshot {

void BlendPixel(Blending mode, float* dst, const float* src) {
  WithBlendingMode(mode, [&](auto m) { BlendInline<decltype(m)::value>(dst, src); });
}

}  // namespace stackshot
