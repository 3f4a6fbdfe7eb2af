// Frame export (the animation benchmark): `frames` frames sweeping z through a 3D
// in-memory image, each sliced, passed through the sync barrier, rasterized and
// encoded as PNG (in memory: the disk is not what is measured). Frames per second
// is the figure.
//
// HOOK(frame_export): ExportFramesHook is the frame pipeline. Until src/anim lands
// it renders frame after frame through ViewerModel::Screenshot; fill it with anim's
// pipelined driver (slicing frame N+1 and encoding frame N while frame N is drawn)
// and keep its contract: every frame exported in order, returning the PNG bytes of
// all frames.
#include <memory>

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

// Returns the encoded bytes of all frames.
Result<uint64_t> ExportFramesHook(const FrameExportJob& job) {
  uint64_t encoded = 0;
  for (int64_t frame = 0; frame < job.frames; ++frame) {
    // Frame i shows plane i (wrapping), as a linear z sweep would.
    RETURN_IF_ERROR(job.viewer->SetPoint({static_cast<double>(frame % job.planes), 0, 0}));
    ASSIGN_OR_RETURN(RgbaImage image, job.viewer->Screenshot(job.screenshot));
    encoded += EncodePng(image).size();
  }
  return encoded;
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
    ASSIGN_OR_RETURN(frames_, IntParam(params, "frames", 1));
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
    ASSIGN_OR_RETURN(const uint64_t encoded, ExportFramesHook({&viewer, frames_, planes_, screenshot_}));
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
