#include "anim/frame_pipeline.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "anim/apply_state.h"
#include "render/rasterizer.h"

namespace stackshot {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// A frame between stages.
struct Job {
  int64_t frame = 0;
  FrameSpec spec;
  std::vector<DrawItem> items;
  RgbaImage image;
};

// A blocking queue of bounded size; Close() wakes everyone and makes Pop() return
// nothing once empty and Push() fail.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}
  bool Push(T value) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(value));
    not_empty_.notify_one();
    return true;
  }
  std::optional<T> Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T value = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return value;
  }
  // No more pushes; what is queued can still be popped.
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<T> items_;
  bool closed_ = false;
};

// The first error of any stage wins.
class SharedError {
 public:
  void Set(Status status) {
    std::lock_guard lock(mutex_);
    if (status_.ok()) status_ = std::move(status);
    failed_.store(true, std::memory_order_release);
  }
  bool failed() const { return failed_.load(std::memory_order_acquire); }
  Status Get() {
    std::lock_guard lock(mutex_);
    return status_;
  }

 private:
  std::mutex mutex_;
  Status status_;
  std::atomic<bool> failed_{false};
};

std::string FramePrefix(int64_t frame) { return "frame " + std::to_string(frame); }

// Stage 1 for one frame: state applied, slices through the barrier, draw items.
class FrameSlicer {
 public:
  FrameSlicer(ViewerModel& viewer, const FramePlan& plan, const ScreenshotOptions& screenshot)
      : viewer_(viewer), plan_(plan), screenshot_(screenshot) {}

  Status Prepare(int64_t frame, Job& job) {
    ASSIGN_OR_RETURN(ViewState state, plan_.StateAt(frame));
    RETURN_IF_ERROR(ApplyState(viewer_, state));
    viewer_.SetCanvasSize(screenshot_.width, screenshot_.height);
    // The viewer decides what to slice again, as for a screenshot: appearance
    // changes need no new slices; a moved point, transform or view, or a layer
    // shown again, does.
    job.frame = frame;
    ASSIGN_OR_RETURN(job.items, viewer_.DrawItemsAtBarrier(screenshot_.timeout));
    job.spec.width = screenshot_.width;
    job.spec.height = screenshot_.height;
    job.spec.background = screenshot_.background;
    job.spec.antialiasing = screenshot_.antialiasing;
    job.spec.camera = viewer_.CameraFor(screenshot_.width, screenshot_.height);
    return Status::Ok();
  }

 private:
  ViewerModel& viewer_;
  const FramePlan& plan_;
  ScreenshotOptions screenshot_;
};

Result<PipelineReport> RunInline(FrameSlicer& slicer, const std::vector<int64_t>& frames, FrameSink& sink,
                                 const PipelineOptions& options) {
  PipelineReport report;
  const auto start = Clock::now();
  Job job;
  for (int64_t frame : frames) {
    if (options.stop && options.stop()) {
      report.stopped = true;
      break;
    }
    auto t0 = Clock::now();
    Status status = slicer.Prepare(frame, job);
    if (!status.ok()) return status.WithContext(FramePrefix(frame));
    report.times.slice += Since(t0);
    t0 = Clock::now();
    status = RasterizeInto(job.spec, job.items, 1, job.image);
    if (!status.ok()) return status.WithContext(FramePrefix(frame));
    job.items.clear();  // release the slices before the next frame
    report.times.raster += Since(t0);
    t0 = Clock::now();
    status = sink.Write(frame, job.image);
    if (!status.ok()) return status.WithContext(FramePrefix(frame));
    report.times.encode += Since(t0);
    ++report.written;
    if (options.progress) options.progress(report.written);
  }
  report.wall_s = Since(start);
  return report;
}

Result<PipelineReport> RunPipelined(FrameSlicer& slicer, const std::vector<int64_t>& frames, FrameSink& sink,
                                    const PipelineOptions& options) {
  PipelineReport report;
  const auto start = Clock::now();
  const size_t lookahead = static_cast<size_t>(std::max(1, options.lookahead));
  BoundedQueue<Job> to_raster(lookahead);
  BoundedQueue<Job> to_encode(2);
  BoundedQueue<RgbaImage> free_images(lookahead + 4);  // recycled frame buffers
  SharedError error;
  std::atomic<int64_t> written{0};
  std::atomic<double> raster_s{0}, encode_s{0};

  std::thread raster([&] {
    double seconds = 0;
    while (auto job = to_raster.Pop()) {
      if (error.failed()) continue;  // drain
      const auto t0 = Clock::now();
      // Waits for a free buffer: this bounds the frames in flight after slicing.
      if (auto image = free_images.Pop()) job->image = std::move(*image);
      Status status = RasterizeInto(job->spec, job->items, options.threads, job->image);
      job->items.clear();
      seconds += Since(t0);
      if (!status.ok()) {
        error.Set(status.WithContext(FramePrefix(job->frame)));
        continue;
      }
      to_encode.Push(std::move(*job));
    }
    to_encode.Close();
    raster_s = seconds;
  });
  std::thread encode([&] {
    double seconds = 0;
    while (auto job = to_encode.Pop()) {
      if (!error.failed()) {
        const auto t0 = Clock::now();
        Status status = sink.Write(job->frame, job->image);
        seconds += Since(t0);
        if (status.ok()) {
          written.fetch_add(1, std::memory_order_release);
        } else {
          error.Set(status.WithContext(FramePrefix(job->frame)));
        }
      }
      // Always back to the pool: the rasterizer may be waiting for a buffer.
      free_images.Push(std::move(job->image));
    }
    encode_s = seconds;
  });
  // Buffers for the first frames; later ones come back from the encoder.
  for (size_t i = 0; i < lookahead + 3; ++i) free_images.Push(RgbaImage{});

  int64_t reported = 0;
  auto report_progress = [&] {
    const int64_t now = written.load(std::memory_order_acquire);
    if (now != reported && options.progress) options.progress(now);
    reported = now;
  };
  for (int64_t frame : frames) {
    report_progress();
    if (error.failed()) break;
    if (options.stop && options.stop()) {
      report.stopped = true;
      break;
    }
    const auto t0 = Clock::now();
    Job job;
    Status status = slicer.Prepare(frame, job);
    report.times.slice += Since(t0);
    if (!status.ok()) {
      error.Set(status.WithContext(FramePrefix(frame)));
      break;
    }
    to_raster.Push(std::move(job));
  }
  to_raster.Close();
  raster.join();
  encode.join();
  free_images.Close();
  report_progress();
  if (error.failed()) return error.Get();
  report.written = written.load();
  report.times.raster = raster_s;
  report.times.encode = encode_s;
  report.wall_s = Since(start);
  return report;
}

}  // namespace

Status CheckKeyframeTransforms(const ViewerModel& viewer, const FramePlan& plan) {
  for (size_t k = 0; k < plan.keyframe_states().size(); ++k) {
    Status status = CheckTransforms(viewer, plan.keyframe_states()[k]);
    if (!status.ok()) return status.WithContext("keyframe " + std::to_string(k));
  }
  return Status::Ok();
}

Result<PipelineReport> RunFramePipeline(ViewerModel& viewer, const FramePlan& plan, const std::vector<int64_t>& frames,
                                        FrameSink& sink, const PipelineOptions& options) {
  FrameSlicer slicer(viewer, plan, options.screenshot);
  if (options.threads == 1) return RunInline(slicer, frames, sink, options);
  return RunPipelined(slicer, frames, sink, options);
}

}  // namespace stackshot
