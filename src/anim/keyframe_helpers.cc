#include "anim/keyframe_helpers.h"

#include <algorithm>
#include <string>

namespace stackshot {
namespace {

nlohmann::json PointOnAxis(const Dims& dims, int axis, double value) {
  std::vector<double> point = dims.point();
  point[static_cast<size_t>(axis)] = value;
  return {{"dims", {{"point", point}}}};
}

// "; sweep a sliced axis (0, 1)", or that there is none.
std::string SlicedAxesHint(const Dims& dims) {
  std::string axes;
  for (int axis : dims.not_displayed()) axes += (axes.empty() ? "" : ", ") + std::to_string(axis);
  return axes.empty() ? "; the scene has no sliced axis" : "; sweep a sliced axis (" + axes + ")";
}

}  // namespace

Result<nlohmann::json> SweepKeyframes(const Dims& dims, int axis, bool loop, double fps) {
  if (axis < 0 || axis >= dims.ndim()) {
    return InvalidArgumentError("--axis " + std::to_string(axis) + ": the scene has axes 0 to " +
                                std::to_string(dims.ndim() - 1));
  }
  const std::vector<int> displayed = dims.displayed();
  if (std::find(displayed.begin(), displayed.end(), axis) != displayed.end()) {
    return InvalidArgumentError("--axis " + std::to_string(axis) + ": world axis " + std::to_string(axis) +
                                " is displayed, so every frame would be the same picture" + SlicedAxesHint(dims));
  }
  const AxisRange& range = dims.range()[static_cast<size_t>(axis)];
  const int64_t positions = range.nsteps();
  if (positions < 2) return InvalidArgumentError("--axis " + std::to_string(axis) + ": the axis has one position");
  const int64_t steps = positions - 1;
  const double last = range.start + static_cast<double>(steps) * range.step;
  nlohmann::json keyframes = nlohmann::json::array();
  keyframes.push_back({{"state", PointOnAxis(dims, axis, range.start)}});
  keyframes.push_back({{"steps", steps}, {"state", PointOnAxis(dims, axis, last)}});
  if (loop) keyframes.push_back({{"steps", steps}, {"state", PointOnAxis(dims, axis, range.start)}});
  return nlohmann::json{{"fps", fps}, {"keyframes", keyframes}};
}

Status CheckOrbitAnimates(const Dims& dims) {
  if (dims.ndisplay() >= 3) return Status::Ok();
  return InvalidArgumentError(
      "orbit: the scene is shown in 2D, where the camera's angles change nothing, so every frame would be the same "
      "picture; orbit needs 3D display (dims.ndisplay 3)");
}

Result<nlohmann::json> OrbitKeyframes(const std::array<double, 3>& angles, int turns, int frames, double fps) {
  if (turns == 0) return InvalidArgumentError("--turns must not be 0");
  if (frames < 2) return InvalidArgumentError("--frames must be 2 or more for an orbit");
  const nlohmann::json state = {{"camera", {{"angles", angles}}}};
  nlohmann::json keyframes = nlohmann::json::array();
  keyframes.push_back({{"state", state}});
  keyframes.push_back({{"steps", frames - 1}, {"turns", turns}, {"state", state}});
  return nlohmann::json{{"fps", fps}, {"keyframes", keyframes}};
}

}  // namespace stackshot
