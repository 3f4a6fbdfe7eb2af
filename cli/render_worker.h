// RenderWorker: one screenshot as a worker. The CLI's main thread runs the loop
// that receives its signals and draws progress; the worker thread builds its own
// MainLoop and viewer, so it is the viewer's main thread (ViewerModel and its loop
// are single-thread-owned).
//
// Steps, with a quit / pause check between them: open the scene's data (before the
// progress bar, so that a bad input gives its one error line and nothing else),
// slice up to the sync barrier (taking deliveries in 50 ms slices so that a quit is
// honoured during slow reads: the viewer's destruction cancels them), rasterize, encode and write (to a temporary name renamed into
// place: a quit never leaves a partial file). Progress: 3 steps after opening.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "nd/status.h"
#include "scene/build_viewer.h"
#include "scene/scene_spec.h"
#include "workers/function_worker.h"

namespace stackshot {

struct RenderJob {
  SceneSpec spec;
  std::string scene_name;  // for the progress description ("render cells.json")
  std::string output;
  int threads = 0;
  BuildFlags flags;        // --cache-size, --latency-log, --threads
};

struct RenderReport {
  Status status;  // the input or output error, if any
  int width = 0;
  int height = 0;
  uint64_t file_size = 0;
  uint64_t bytes_sliced = 0;
  double open_s = 0, slice_s = 0, raster_s = 0, encode_s = 0;
  std::vector<std::string> notes;  // data-derived defaults, for -v
};

class RenderSignals : public FunctionSignals<RenderReport> {
 public:
  RenderSignals() {
    Register("completed", completed);
    Register("aborted", aborted);
  }
  // After each step: "opened the scene and its data", "sliced", "rasterized",
  // "wrote OUT".
  Signal<const std::string&> completed;
  Signal<> aborted;
};

class RenderWorker final : public Worker<RenderReport, RenderSignals> {
 public:
  RenderWorker(WorkerConfig config, RenderJob job);

 protected:
  RenderReport Work() override;

 private:
  // Between steps: delivers aborted and returns true when the worker should stop.
  bool StopHere();
  void Completed(std::string step);

  RenderJob job_;
};

}  // namespace stackshot
