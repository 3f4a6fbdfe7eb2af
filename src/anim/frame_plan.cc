#include "anim/frame_plan.h"

#include <algorithm>

#include "anim/interpolation.h"

namespace stackshot {
namespace {

Status CheckLength(const std::optional<std::vector<double>>& values, const std::optional<std::vector<double>>& base,
                   size_t keyframe, const char* field) {
  if (!values || !base || values->size() == base->size()) return Status::Ok();
  return InvalidArgumentError("keyframe " + std::to_string(keyframe) + ": dims." + field + " has " +
                              std::to_string(values->size()) + " values, the scene has " +
                              std::to_string(base->size()) + " axes");
}

Result<int64_t> ParseFrameNumber(const std::string& text, int64_t frame_count, const std::string& whole) {
  size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size()) return InvalidArgumentError("--frames " + whole + ": '" + text + "' is not a frame number");
  return value < 0 ? value + frame_count : value;
}

}  // namespace

int64_t CountFrames(const AnimationSpec& animation) {
  int64_t count = 1;
  for (size_t k = 1; k < animation.keyframes.size(); ++k) count += animation.keyframes[k].steps;
  return count;
}

Result<std::pair<int64_t, int64_t>> ParseFrameRange(const std::string& text, int64_t frame_count) {
  const size_t colon = text.find(':');
  int64_t first = 0;
  int64_t end = frame_count;
  if (colon == std::string::npos) {
    ASSIGN_OR_RETURN(first, ParseFrameNumber(text, frame_count, text));
    end = first + 1;
  } else {
    if (colon > 0) {
      ASSIGN_OR_RETURN(first, ParseFrameNumber(text.substr(0, colon), frame_count, text));
    }
    if (colon + 1 < text.size()) {
      ASSIGN_OR_RETURN(end, ParseFrameNumber(text.substr(colon + 1), frame_count, text));
    }
  }
  if (first < 0 || end > frame_count || first >= end) {
    return InvalidArgumentError("--frames " + text + ": selects no frames of the animation's " +
                                std::to_string(frame_count) + " (0 to " + std::to_string(frame_count - 1) + ")");
  }
  return std::pair<int64_t, int64_t>{first, end};
}

Result<FramePlan> FramePlan::Make(const ViewState& base, const AnimationSpec& animation) {
  if (animation.keyframes.size() < 2) {
    return InvalidArgumentError("an animation needs at least two keyframes, got " +
                                std::to_string(animation.keyframes.size()));
  }
  FramePlan plan;
  plan.keyframes_ = animation.keyframes;
  ViewState state = base;
  for (const auto& [name, transform] : animation.scene_fields) {
    if (state.layers.count(name)) MergeState(state, ViewState{{}, {}, {{name, transform}}});
  }
  int64_t frame = 0;
  for (size_t k = 0; k < animation.keyframes.size(); ++k) {
    const ViewState& top = animation.keyframes[k].state;
    RETURN_IF_ERROR(CheckLength(top.dims.point, base.dims.point, k, "point"));
    RETURN_IF_ERROR(CheckLength(top.dims.margin_left, base.dims.margin_left, k, "margin_left"));
    RETURN_IF_ERROR(CheckLength(top.dims.margin_right, base.dims.margin_right, k, "margin_right"));
    if (top.dims.order && base.dims.order && top.dims.order->size() != base.dims.order->size()) {
      return InvalidArgumentError("keyframe " + std::to_string(k) + ": dims.order has " +
                                  std::to_string(top.dims.order->size()) + " axes, the scene has " +
                                  std::to_string(base.dims.order->size()));
    }
    MergeState(state, top);
    plan.states_.push_back(state);
    plan.starts_.push_back(frame);
    if (k > 0) frame += animation.keyframes[k].steps;
  }
  plan.frame_count_ = frame + 1;
  return plan;
}

FramePlan::Position FramePlan::Locate(int64_t frame) const {
  const size_t last = states_.size() - 1;
  if (frame >= frame_count_ - 1) return {last, last, 0, 0};
  // The transition into keyframe k holds frames [starts_[k], starts_[k] + steps_k):
  // k is the last keyframe (k ≥ 1) starting at or before `frame`. It has steps: one
  // with 0 steps shares its start with the next keyframe, and the last keyframe
  // starts at the final frame, handled above.
  auto it = std::upper_bound(starts_.begin() + 1, starts_.end(), frame);
  const size_t k = static_cast<size_t>(it - starts_.begin()) - 1;
  const int64_t steps = keyframes_[k].steps;
  const int64_t j = frame - starts_[k];
  Position position;
  position.from = k - 1;
  position.to = k;
  position.fraction = static_cast<double>(j) / static_cast<double>(steps);
  position.eased = ApplyEase(keyframes_[k].ease, position.fraction);
  return position;
}

Result<ViewState> FramePlan::StateAt(int64_t frame) const {
  if (frame < 0 || frame >= frame_count_) {
    return InvalidArgumentError("frame " + std::to_string(frame) + " is out of range (" +
                                std::to_string(frame_count_) + " frames)");
  }
  const Position position = Locate(frame);
  if (position.from == position.to || position.fraction == 0) return states_[position.from];
  return InterpolateState(states_[position.from], states_[position.to], position.eased,
                          keyframes_[position.to].turns);
}

}  // namespace stackshot
