#include "animate_worker.h"

#include <chrono>
#include <filesystem>

#include "anim/apply_state.h"
#include "anim/frame_plan.h"

namespace stackshot {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

AnimateWorker::AnimateWorker(WorkerConfig config, AnimateJob job) : Worker(std::move(config)), job_(std::move(job)) {}

AnimateReport AnimateWorker::Fail(AnimateReport report, Status status) {
  // No partial output: a folder this run created and holds no frame goes. One that
  // holds frames keeps its manifest, so --resume finishes the run.
  if (created_folder_ && FrameFiles(job_.output).empty()) {
    std::error_code error;
    std::filesystem::remove(ManifestPath(job_.output), error);
    std::filesystem::remove(job_.output.path, error);  // only when empty
  }
  report.status = std::move(status);
  MarkFailed();
  return report;
}

AnimateReport AnimateWorker::Work() {
  AnimateReport report;
  const auto start = Clock::now();
  MainLoop loop;
  auto built = BuildViewer(job_.spec, loop, job_.flags);
  if (!built.ok()) return Fail(std::move(report), built.status());
  report.notes = built->notes;
  ViewerModel& viewer = *built->viewer;
  ScreenshotOptions screenshot = built->screenshot;
  report.width = screenshot.width;
  report.height = screenshot.height;

  const ViewState base = CaptureState(viewer, screenshot.width, screenshot.height, job_.spec.camera);
  auto plan = FramePlan::Make(base, job_.animation);
  if (!plan.ok()) return Fail(std::move(report), plan.status().WithContext(job_.spec.file));
  // Before the output is opened: a bad transform must leave an earlier run's files alone.
  if (Status status = CheckKeyframeTransforms(viewer, *plan); !status.ok()) return Fail(std::move(report), status);
  report.open_s = SecondsSince(start);

  std::error_code error;
  if (job_.output.kind == OutputKind::kFolder) {
    created_folder_ = !std::filesystem::exists(job_.output.path, error);
  }
  auto sink = OpenFrameSink(job_.output, screenshot.width, screenshot.height, job_.fps);
  if (!sink.ok()) return Fail(std::move(report), sink.status());
  if (job_.output.kind == OutputKind::kFolder) {
    if (!job_.resume && !created_folder_) {
      Result<int64_t> removed = RemoveEarlierFrames(job_.output, job_.manifest);
      if (!removed.ok()) return Fail(std::move(report), removed.status());
      if (*removed > 0) {
        Warn("removed " + std::to_string(*removed) + " frame" + (*removed == 1 ? "" : "s") + " of an earlier run from " +
             job_.output.path + " (another animation)");
      }
    }
    if (Status status = WriteManifest(job_.output, job_.manifest); !status.ok()) {
      return Fail(std::move(report), status);
    }
  }

  BeginProgress({static_cast<int64_t>(job_.frames.size()), "animate " + job_.scene_name});
  PipelineOptions options;
  options.threads = job_.threads;
  options.screenshot = screenshot;
  options.stop = [this] { return ShouldStop(); };
  options.progress = [this](int64_t written) { SetProgress(written); };
  auto ran = RunFramePipeline(viewer, *plan, job_.frames, **sink, options);
  if (!ran.ok()) {
    (*sink)->Abandon();
    return Fail(std::move(report), ran.status());
  }
  report.pipeline = *ran;
  report.written = ran->written;
  const int64_t written = ran->written;
  Deliver([this, written] { signals().written.Emit(written); });
  if (ran->stopped || abort_requested()) {
    (*sink)->Abandon();
    DeliverAborted();
    return report;
  }
  if (Status status = (*sink)->Finish(); !status.ok()) {
    (*sink)->Abandon();
    return Fail(std::move(report), status);
  }
  return report;
}

}  // namespace stackshot
