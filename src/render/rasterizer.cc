#include "render/rasterizer.h"

#include <type_traits>

#include "render/image_drawer.h"
#include "render/labels_drawer.h"

namespace stackshot {

Result<RgbaImage> Rasterize(const FrameSpec& frame, const std::vector<DrawItem>& items, int threads) {
  if (frame.width <= 0 || frame.height <= 0) {
    return InvalidArgumentError("canvas size must be positive, got " + std::to_string(frame.width) + "×" +
                                std::to_string(frame.height));
  }
  // Composite layers bottom to top over the background.
  Canvas canvas(frame.width, frame.height, frame.background);
  for (const DrawItem& item : items) {
    Status status = std::visit(
        [&](const auto& typed) -> Status {
          using Item = std::decay_t<decltype(typed)>;
          if constexpr (std::is_same_v<Item, ImageDrawItem>) {
            return DrawImage(canvas, frame.camera, typed, threads);
          } else {
            static_assert(std::is_same_v<Item, LabelsDrawItem>);
            return DrawLabels(canvas, frame.camera, typed, threads);
          }
        },
        item);
    RETURN_IF_ERROR(status);
  }
  return canvas.ToRgba8(threads);
}

}  // namespace stackshot
