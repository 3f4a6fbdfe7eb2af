#include "render/blending.h"

#include "render/pixel_kernels.h"

namespace stackshot {

void BlendPixel(Blending mode, float* dst, const float* src) {
  switch (mode) {
    case Blending::kOpaque: return BlendInline<Blending::kOpaque>(dst, src);
    case Blending::kTranslucent: return BlendInline<Blending::kTranslucent>(dst, src);
    case Blending::kTranslucentNoDepth: return BlendInline<Blending::kTranslucentNoDepth>(dst, src);
    case Blending::kAdditive: return BlendInline<Blending::kAdditive>(dst, src);
    case Blending::kMinimum: return BlendInline<Blending::kMinimum>(dst, src);
  }
}

}  // namespace stackshot
