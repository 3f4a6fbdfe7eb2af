#include "render/camera.h"

#include <algorithm>
#include <cmath>

namespace stackshot {
namespace {

// napari's reset_view leaves a 5% margin: zoom = 0.95 * min(canvas / size).
constexpr double kFitFraction = 0.95;

}  // namespace

Camera2D FitCamera(std::array<double, 2> min_yx, std::array<double, 2> max_yx, int width, int height) {
  // As napari's ViewerModel.reset_view: center = corner + size / 2; an axis of
  // (nearly) zero size counts as size 1, and when every size is 0 the zoom is
  // 0.95 × the smaller canvas side.
  const std::array<double, 2> size = {max_yx[0] - min_yx[0], max_yx[1] - min_yx[1]};
  Camera2D camera;
  camera.center_y = min_yx[0] + size[0] / 2;
  camera.center_x = min_yx[1] + size[1] / 2;
  const std::array<double, 2> canvas = {static_cast<double>(height), static_cast<double>(width)};
  if (std::max(size[0], size[1]) == 0) {
    camera.zoom = kFitFraction * std::min(canvas[0], canvas[1]);
  } else {
    std::array<double, 2> scale = size;
    for (double& s : scale) {
      if (std::abs(s) <= 1e-8) s = 1;  // np.isclose(s, 0)
    }
    camera.zoom = kFitFraction * std::min(canvas[0] / scale[0], canvas[1] / scale[1]);
  }
  if (!(camera.zoom > 0) || !std::isfinite(camera.zoom)) camera.zoom = 1;
  return camera;
}

std::array<double, 2> ScreenToWorld(const Camera2D& camera, int width, int height, double col, double row) {
  return {camera.center_y + ((row + 0.5) - height / 2.0) / camera.zoom,
          camera.center_x + ((col + 0.5) - width / 2.0) / camera.zoom};
}

}  // namespace stackshot
