#include "render_worker.h"

#include <chrono>
#include <filesystem>

#include "render/image_writer.h"

namespace stackshot {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

constexpr std::chrono::milliseconds kPollSlice{50};
constexpr std::chrono::seconds kLoadingNoteAfter{2};
constexpr std::chrono::seconds kLoadingNoteEvery{10};

std::string FormatWaited(double seconds) { return std::to_string(static_cast<int>(seconds)) + " s"; }

}  // namespace

RenderWorker::RenderWorker(WorkerConfig config, RenderJob job) : Worker(std::move(config)), job_(std::move(job)) {}

bool RenderWorker::StopHere() {
  if (!ShouldStop()) return false;
  DeliverAborted();
  return true;
}

void RenderWorker::Completed(std::string step) {
  Deliver([this, step = std::move(step)] { signals().completed.Emit(step); });
}

RenderReport RenderWorker::Work() {
  RenderReport report;
  const auto start = Clock::now();
  // This thread owns the viewer: its loop receives the slicer's deliveries.
  MainLoop loop;
  auto built = BuildViewer(job_.spec, loop, job_.flags);
  if (!built.ok()) {
    report.status = built.status();
    MarkFailed();
    return report;
  }
  built->screenshot.threads = job_.threads;
  report.notes = built->notes;
  ViewerModel& viewer = *built->viewer;
  report.open_s = SecondsSince(start);
  Completed("opened the scene and its data");
  BeginProgress({3, "render " + job_.scene_name});
  if (StopHere()) return report;

  // Slice asynchronously, then pass the sync barrier before drawing; wait in short
  // slices so that a quit during slow reads is seen.
  const auto slice_start = Clock::now();
  if (Status status = viewer.Refresh(); !status.ok()) {
    report.status = status;
    MarkFailed();
    return report;
  }
  // The slicing threads read; this thread only takes their deliveries (not
  // WaitUntilIdle, which may run a queued task here, where a quit could not
  // interrupt it). A quit leaves at once: destroying the viewer cancels the reads.
  const auto deadline = slice_start + built->screenshot.timeout;
  LayerSlicer& slicer = viewer.slicer();
  // When slicing takes long, say which layers are still loading (NAP-4's loading cue).
  auto next_loading_note = slice_start + kLoadingNoteAfter;
  while (!slicer.idle()) {
    if (Clock::now() >= next_loading_note) {
      std::string names;
      for (const std::string& name : viewer.LoadingLayers()) names += (names.empty() ? "'" : ", '") + name + "'";
      if (!names.empty()) Warn("still loading after " + FormatWaited(SecondsSince(slice_start)) + ": " + names);
      next_loading_note += kLoadingNoteEvery;
    }
    if (abort_requested()) {
      DeliverAborted();
      return report;
    }
    if (Clock::now() >= deadline) {
      report.status = slicer.WaitUntilIdle(std::chrono::milliseconds(0));  // names what is pending
      if (report.status.ok()) break;
      MarkFailed();
      return report;
    }
    loop.RunUntil([&] { return slicer.idle() || abort_requested(); }, kPollSlice);
  }
  report.slice_s = SecondsSince(slice_start);
  report.bytes_sliced = viewer.bytes_sliced();
  Completed("sliced");
  AdvanceProgress();
  if (StopHere()) return report;

  const auto raster_start = Clock::now();
  auto image = viewer.Screenshot(built->screenshot);
  if (!image.ok()) {
    report.status = image.status();
    MarkFailed();
    return report;
  }
  report.raster_s = SecondsSince(raster_start);
  report.width = image->width;
  report.height = image->height;
  Completed("rasterized");
  AdvanceProgress();
  if (StopHere()) return report;

  // Not interrupted once begun: written whole under a temporary name, then renamed.
  const auto encode_start = Clock::now();
  if (Status status = WriteImageFile(*image, job_.output, job_.threads); !status.ok()) {
    report.status = status;
    MarkFailed();
    return report;
  }
  report.encode_s = SecondsSince(encode_start);
  std::error_code ec;
  const auto size = std::filesystem::file_size(job_.output, ec);
  report.file_size = ec ? 0 : size;
  Completed("wrote " + job_.output);
  AdvanceProgress();
  return report;
}

}  // namespace stackshot
