// FramePipeline: renders the frames of a plan into a sink, pipelined.
//
// Stages: (1) on the calling thread, the viewer's owner: apply the frame's state,
// slice and pass the sync barrier (every slice of this frame applied), then take the
// frame's draw items (immutable responses and a copy of the appearance); (2)
// rasterize; (3) encode and write. With threads ≠ 1 each stage has its own thread and
// bounded queues between them: stage 1 runs at most `lookahead` frames ahead of the
// frame being drawn, so slicing of the next frames overlaps rasterizing and
// encoding, and memory stays flat however long the animation (frame buffers are
// reused). With threads = 1 the three run in turn on the calling thread. Frames reach
// the sink in order, and every pixel is the same either way: each frame's slices
// pass the barrier before it is drawn, and the rasterizer's output does not depend on
// its thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "anim/frame_plan.h"
#include "anim/frame_sink.h"
#include "viewer/viewer_model.h"

namespace stackshot {

struct PipelineOptions {
  int threads = 0;    // rasterizer threads (0: all cores); 1: no pipeline threads
  int lookahead = 3;  // frames stage 1 may be ahead of stage 2
  ScreenshotOptions screenshot;
  // Polled on the calling thread between frames; true stops after the frames in
  // flight are written.
  std::function<bool()> stop;
  // On the calling thread, with the number of frames written so far (in order).
  std::function<void(int64_t written)> progress;
};

// Seconds spent in each stage (summed over frames; stages overlap in time).
struct StageTimes {
  double slice = 0;   // apply state, slice, barrier, draw items
  double raster = 0;
  double encode = 0;  // encode and write
};

struct PipelineReport {
  int64_t written = 0;
  bool stopped = false;
  StageTimes times;
  double wall_s = 0;
};

// Checks every keyframe's layer transforms against their layers ("keyframe 1: layer
// 'nuclei': scale: …"). Call it before opening the output: RunFramePipeline would
// otherwise fail only at the first frame that uses a bad transform.
Status CheckKeyframeTransforms(const ViewerModel& viewer, const FramePlan& plan);

// Renders `frames` (indices into `plan`, ascending) into `sink`. The caller finishes
// or abandons the sink. Errors name the frame ("frame 12: layer 'nuclei' …").
Result<PipelineReport> RunFramePipeline(ViewerModel& viewer, const FramePlan& plan,
                                        const std::vector<int64_t>& frames, FrameSink& sink,
                                        const PipelineOptions& options);

}  // namespace stackshot
