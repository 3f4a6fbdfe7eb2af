// NAP-4's multiscale pan: a viewer zoomed in on a large 2D pyramid (levels computed
// on read, each read waiting latency_ms like remote storage) pans across it in
// `steps` screenshots. Every step reads the tile the canvas shows at the finest
// level, then draws it. Async: slices on the slicing thread, drawn after the sync
// barrier; sync: sliced on the caller's thread.
#include <memory>

#include "bench/scenario_common.h"
#include "bench/scenarios.h"
#include "viewer/viewer_model.h"

namespace stackshot::bench {
namespace {

class MultiscalePanScenario final : public Scenario {
 public:
  std::string name() const override { return "multiscale_pan"; }
  std::string summary() const override {
    return "undesirable: panning a zoomed-in view of a remote multiscale 2D image (tiles of the finest level)";
  }
  std::string primary() const override { return "async_frame_ms"; }
  std::vector<ScenarioParam> Defaults() const override {
    return {{"size", 16384, "side of the finest level"},
            {"levels", 4, "pyramid levels, each half the one before"},
            {"width", 640, "canvas width"},
            {"height", 360, "canvas height"},
            {"steps", 10, "screenshots per pan"},
            {"step_px", 200, "pan between screenshots, in screen pixels"},
            {"latency_ms", 10, "wait before every read"}};
  }
  std::vector<ScenarioParam> QuickDefaults() const override {
    return {{"size", 256, ""},  {"levels", 2, ""},  {"width", 32, ""},     {"height", 24, ""},
            {"steps", 3, ""},   {"step_px", 8, ""}, {"latency_ms", 0, ""}};
  }

  Status Setup(const ParamMap& params, const ScenarioContext& context) override {
    ASSIGN_OR_RETURN(const int64_t size, IntParam(params, "size", 2));
    ASSIGN_OR_RETURN(const int64_t levels, IntParam(params, "levels", 1));
    ASSIGN_OR_RETURN(width_, IntParam(params, "width", 1));
    ASSIGN_OR_RETURN(height_, IntParam(params, "height", 1));
    ASSIGN_OR_RETURN(steps_, IntParam(params, "steps", 1));
    ASSIGN_OR_RETURN(step_px_, NonNegativeParam(params, "step_px"));
    ASSIGN_OR_RETURN(const double latency_ms, NonNegativeParam(params, "latency_ms"));
    if ((size >> (levels - 1)) < 1) return InvalidArgumentError("multiscale_pan: size too small for that many levels");
    size_ = size;
    std::vector<std::shared_ptr<const Source>> pyramid;
    sources_.clear();
    for (int64_t level = 0; level < levels; ++level) {
      std::shared_ptr<Source> source = std::make_shared<GeneratedLevel>(size >> level, int64_t{1} << level);
      if (latency_ms > 0) source = WithLatency(source, latency_ms);
      sources_.push_back(source);
      pyramid.push_back(source);
    }
    pyramid_ = std::move(pyramid);
    threads_ = context.threads;
    start_bytes_ = SourceBytes();
    return Status::Ok();
  }

  Result<Sample> RunOnce() override {
    Sample sample;
    ASSIGN_OR_RETURN(sample["async_frame_ms"], Pan(false));
    ASSIGN_OR_RETURN(sample["sync_frame_ms"], Pan(true));
    return sample;
  }

  std::map<std::string, double> Figures(const std::map<std::string, double>& m) const override {
    std::map<std::string, double> figures;
    if (m.at("sync_frame_ms") > 0) figures["async_over_sync"] = m.at("async_frame_ms") / m.at("sync_frame_ms");
    if (m.at("async_frame_ms") > 0) figures["fps_async"] = 1000.0 / m.at("async_frame_ms");
    if (m.at("sync_frame_ms") > 0) figures["fps_sync"] = 1000.0 / m.at("sync_frame_ms");
    figures["level_read"] = last_level_;
    return figures;
  }

  uint64_t bytes_read() const override { return SourceBytes() - start_bytes_; }

 private:
  uint64_t SourceBytes() const {
    uint64_t bytes = 0;
    for (const auto& source : sources_) bytes += source->bytes_read();
    return bytes;
  }

  // One pan, left to right along the middle row at zoom 1 (one level-0 pixel per
  // screen pixel); returns the mean milliseconds per screenshot.
  Result<double> Pan(bool synchronous) {
    // A fresh layer per viewer: a layer remembers the request ids of its slicer.
    ASSIGN_OR_RETURN(std::shared_ptr<ImageLayer> layer, ImageLayer::Create("pyramid", pyramid_, Affine::Identity(2), false));
    RETURN_IF_ERROR(layer->SetContrastLimits({0, 65535}));
    MainLoop loop;
    ViewerModel viewer(loop, UncachedOptions());
    viewer.AddLayer(layer);
    ScreenshotOptions options;
    options.width = static_cast<int>(width_);
    options.height = static_cast<int>(height_);
    options.threads = threads_;
    const double center_y = static_cast<double>(size_) / 2;
    const double first_x = static_cast<double>(width_) / 2;
    const auto start = Clock::now();
    for (int64_t i = 0; i < steps_; ++i) {
      viewer.SetCamera(Camera2D{center_y, first_x + static_cast<double>(i) * step_px_, 1.0});
      Result<RgbaImage> image = [&] {
        if (!synchronous) return viewer.Screenshot(options);
        LayerSlicer::SyncSlicing sync(viewer.slicer());
        return viewer.Screenshot(options);
      }();
      if (!image.ok()) return image.status().WithContext("multiscale_pan step " + std::to_string(i));
    }
    const double total = Millis(Clock::now() - start);
    if (const auto& response = layer->applied_response()) last_level_ = response->data_level();
    return total / static_cast<double>(steps_);
  }

  int64_t size_ = 0, width_ = 0, height_ = 0, steps_ = 0;
  double step_px_ = 0;
  int threads_ = 0;
  int last_level_ = -1;
  std::vector<std::shared_ptr<Source>> sources_;
  std::vector<std::shared_ptr<const Source>> pyramid_;
  uint64_t start_bytes_ = 0;
};

}  // namespace

std::unique_ptr<Scenario> MakeMultiscalePanScenario() { return std::make_unique<MultiscalePanScenario>(); }

}  // namespace stackshot::bench
