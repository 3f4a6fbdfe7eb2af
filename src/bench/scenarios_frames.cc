// Frame export (the animation benchmark): `frames` frames sweeping z through a 3D
// in-memory image through `stackshot animate`'s pipeline (anim/frame_pipeline.h):
// each frame sliced and passed through the sync barrier, while earlier frames are
// rasterized and encoded as PNG (in memory: the disk is not what is measured).
// Frames per second is the figure.
#include <atomic>
#include <memory>

#include "anim/apply_state.h"
#include "anim/frame_pipeline.h"
#include "bench/scenario_common.h"
#include "bench/scenarios.h"
#include "render/image_writer.h"
#include "viewer/viewer_model.h"

namespace stackshot::bench {
namespace {

struct FrameExportJob {
  ViewerModel* viewer = nullptr;
  int64_t frames = 0;
  int64_t planes = 0;
  ScreenshotOptions screenshot;
};

// Encodes each frame as PNG in memory and counts the bytes.
class CountingPngSink final : public FrameSink {
 public:
  Status Write(int64_t, const RgbaImage& image) override {
    bytes_ += EncodePng(image).size();
    return Status::Ok();
  }
  Status Finish() override { return Status::Ok(); }
  void Abandon() override {}
  uint64_t bytes() const { return bytes_; }

 private:
  std::atomic<uint64_t> bytes_{0};
};

// Returns the encoded bytes of all frames: a linear z sweep from plane 0 to the
// last plane over `frames` frames.
Result<uint64_t> ExportFrames(const FrameExportJob& job) {
  ViewerModel& viewer = *job.viewer;
  viewer.SetCanvasSize(job.screenshot.width, job.screenshot.height);
  const ViewState base = CaptureState(viewer, job.screenshot.width, job.screenshot.height, CameraSpec{});
  AnimationSpec animation;
  Keyframe first;
  first.state.dims.point = std::vector<double>{0, 0, 0};
  Keyframe last;
  last.state.dims.point = std::vector<double>{static_cast<double>(job.planes - 1), 0, 0};
  last.steps = static_cast<int>(job.frames - 1);
  animation.keyframes = {first, last};
  ASSIGN_OR_RETURN(FramePlan plan, FramePlan::Make(base, animation));
  std::vector<int64_t> frames(static_cast<size_t>(plan.frame_count()));
  for (size_t i = 0; i < frames.size(); ++i) frames[i] = static_cast<int64_t>(i);
  CountingPngSink sink;
  PipelineOptions options;
  options.threads = job.screenshot.threads;
  options.screenshot = job.screenshot;
  ASSIGN_OR_RETURN(PipelineReport report, RunFramePipeline(viewer, plan, frames, sink, options));
  (void)report;
  return sink.bytes();
}

class FrameExportScenario final : public Scenario {
 public:
  std::string name() const override { return "frame_export"; }
  std::string summary() const override {
    return "the animation benchmark: a z sweep exported frame by frame (slice, barrier, draw, PNG)";
  }
  std::string primary() const override { return "frame_ms"; }
  std::vector<ScenarioParam> Defaults() const override {
    return {{"planes", 32, "planes along z"},
            {"size", 512, "rows and columns of a plane"},
            {"frames", 32, "frames per export"},
            {"width", 640, "frame width"},
            {"height", 480, "frame height"}};
  }
  std::vector<ScenarioParam> QuickDefaults() const override {
    return {{"planes", 4, ""}, {"size", 32, ""}, {"frames", 4, ""}, {"width", 32, ""}, {"height", 24, ""}};
  }

  Status Setup(const ParamMap& params, const ScenarioContext& context) override {
    ASSIGN_OR_RETURN(planes_, IntParam(params, "planes", 1));
    ASSIGN_OR_RETURN(const int64_t size, IntParam(params, "size", 1));
    ASSIGN_OR_RETURN(frames_, IntParam(params, "frames", 2));
    ASSIGN_OR_RETURN(const int64_t width, IntParam(params, "width", 1));
    ASSIGN_OR_RETURN(const int64_t height, IntParam(params, "height", 1));
    shape_ = {planes_, size, size};
    data_ = MakeMemorySource(HashedArray(shape_), "frames");
    screenshot_.width = static_cast<int>(width);
    screenshot_.height = static_cast<int>(height);
    screenshot_.threads = context.threads;
    return Status::Ok();
  }

  Result<Sample> RunOnce() override {
    // A fresh viewer per export, as `stackshot animate` makes one.
    ASSIGN_OR_RETURN(std::shared_ptr<ImageLayer> layer, ImageLayer::Create("frames", data_, Affine::Identity(3)));
    RETURN_IF_ERROR(layer->SetContrastLimits({0, 65535}));
    MainLoop loop;
    ViewerModel viewer(loop, UncachedOptions());
    viewer.AddLayer(layer);
    const auto start = Clock::now();
    ASSIGN_OR_RETURN(const uint64_t encoded, ExportFrames({&viewer, frames_, planes_, screenshot_}));
    const double total_ms = Millis(Clock::now() - start);
    Sample sample;
    sample["frame_ms"] = total_ms / static_cast<double>(frames_);
    sample["encoded_bytes_per_frame"] = static_cast<double>(encoded) / static_cast<double>(frames_);
    return sample;
  }

  std::map<std::string, double> Figures(const std::map<std::string, double>& m) const override {
    std::map<std::string, double> figures;
    if (m.at("frame_ms") > 0) figures["fps"] = 1000.0 / m.at("frame_ms");
    return figures;
  }

  uint64_t bytes_read() const override { return data_ ? data_->bytes_read() : 0; }

 private:
  int64_t planes_ = 0, frames_ = 0;
  Shape shape_;
  std::shared_ptr<Source> data_;
  ScreenshotOptions screenshot_;
};

}  // namespace

std::unique_ptr<Scenario> MakeFrameExportScenario() { return std::make_unique<FrameExportScenario>(); }

}  // namespace stackshot::bench
