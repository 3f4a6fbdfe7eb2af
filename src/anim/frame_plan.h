// FramePlan: which state each frame of an animation shows (napari-animation's
// FrameSequence).
//
// Frames = Σ steps of the keyframes after the first + 1. Frame 0 is keyframe 0;
// within the transition into keyframe k (steps s > 0) frame j of s shows
// interpolate(state k−1, state k, ease_k(j / s)); the last frame is the last keyframe
// exactly. Steps 0 is a cut: keyframe k−1 gets no frame of its own after it. Looking
// up a frame costs O(log keyframes), so frame 1000 costs what frame 10 does.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "anim/keyframes.h"
#include "anim/view_state.h"

namespace stackshot {

// Σ steps of the keyframes after the first + 1 (no data needed).
int64_t CountFrames(const AnimationSpec& animation);

// "--frames A:B": frames A to B − 1 (Python's slice; either side may be left out,
// a negative one counts from the end), or "N" for one frame. Fails on an empty or
// out-of-range selection, naming the frame count.
Result<std::pair<int64_t, int64_t>> ParseFrameRange(const std::string& text, int64_t frame_count);

class FramePlan {
 public:
  // `base`: the scene's full state (apply_state.h's CaptureState); keyframe states
  // apply on top of it, each on the ones before. Fails when a keyframe's dims list
  // has another length than the scene's axes.
  static Result<FramePlan> Make(const ViewState& base, const AnimationSpec& animation);

  int64_t frame_count() const { return frame_count_; }
  // The resolved (full) state of each keyframe.
  const std::vector<ViewState>& keyframe_states() const { return states_; }

  struct Position {
    size_t from = 0;       // keyframe index
    size_t to = 0;         // keyframe index (== from at the last frame)
    double fraction = 0;   // j / steps, before easing
    double eased = 0;
  };
  Position Locate(int64_t frame) const;  // 0 ≤ frame < frame_count()
  Result<ViewState> StateAt(int64_t frame) const;

 private:
  std::vector<Keyframe> keyframes_;
  std::vector<ViewState> states_;
  std::vector<int64_t> starts_;  // first frame of the transition into keyframe k (k ≥ 1)
  int64_t frame_count_ = 0;
};

}  // namespace stackshot
