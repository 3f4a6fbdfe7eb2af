// AnimateWorker: an animation as a worker. As RenderWorker, the worker thread
// builds its own MainLoop and viewer and so owns them; the CLI's main thread shows
// progress and turns Ctrl-C into a quit.
//
// Steps: open the scene's data (before the bar: bad data gives one error line), plan
// the frames from the viewer's state, open the sink (folder and manifest, GIF
// writer or ffmpeg), then run the frame pipeline (anim/frame_pipeline.h), one
// progress step per frame written. A quit stops after the frames in flight: a folder
// keeps its complete frames, a GIF or video is removed. On an error before any frame
// was written nothing is left behind; a folder that keeps frames keeps its manifest,
// so --resume finishes the run. A new (not resumed) run into a folder first removes
// the frames of an earlier, other animation (animation_manifest.h), saying how many.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "anim/animation_manifest.h"
#include "anim/frame_pipeline.h"
#include "anim/frame_sink.h"
#include "anim/keyframes.h"
#include "nd/status.h"
#include "scene/build_viewer.h"
#include "scene/scene_spec.h"
#include "workers/function_worker.h"

namespace stackshot {

struct AnimateJob {
  SceneSpec spec;
  AnimationSpec animation;
  std::string scene_name;
  OutputSpec output;
  std::vector<int64_t> frames;     // to render, ascending
  double fps = 20;
  int threads = 0;
  BuildFlags flags;
  AnimationManifest manifest;      // written into a folder before its frames
  bool resume = false;             // false: an earlier run's frames of another animation go
};

struct AnimateReport {
  Status status;
  int64_t written = 0;
  int width = 0;
  int height = 0;
  double open_s = 0;
  PipelineReport pipeline;
  std::vector<std::string> notes;
};

class AnimateSignals : public FunctionSignals<AnimateReport> {
 public:
  AnimateSignals() {
    Register("written", written);
    Register("aborted", aborted);
  }
  Signal<int64_t> written;  // frames written so far, after a stop too
  Signal<> aborted;
};

class AnimateWorker final : public Worker<AnimateReport, AnimateSignals> {
 public:
  AnimateWorker(WorkerConfig config, AnimateJob job);

 protected:
  AnimateReport Work() override;

 private:
  AnimateReport Fail(AnimateReport report, Status status);
  AnimateJob job_;
  bool created_folder_ = false;
};

}  // namespace stackshot
