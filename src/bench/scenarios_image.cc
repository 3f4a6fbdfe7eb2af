// NAP-4's single-slice scenarios on a 3D image:
// - "desirable": a 2D slice of a 3D image held in RAM. Async slicing must not make
//   it slower (NAP-4: at most 10% on one slice).
// - "slow_storage": the same on storage that takes latency_ms per read (remote
//   data). Async slicing does not read faster, but the main thread is free at once:
//   the submit_ms series is what a dims change costs the main thread.
#include <memory>

#include "bench/scenario_common.h"
#include "bench/scenarios.h"

namespace stackshot::bench {
namespace {

class SingleSliceScenario final : public Scenario {
 public:
  explicit SingleSliceScenario(bool slow) : slow_(slow) {}

  std::string name() const override { return slow_ ? "slow_storage" : "desirable"; }
  std::string summary() const override {
    return slow_ ? "undesirable: 2D slice of a 3D image on slow storage (latency_ms per read)"
                 : "desirable: 2D slice of a 3D uint16 image held in RAM";
  }
  std::string primary() const override { return "async_ms"; }
  std::vector<ScenarioParam> Defaults() const override {
    if (slow_) {
      return {{"planes", 16, "planes along z"},
              {"size", 512, "rows and columns of a plane"},
              {"latency_ms", 20, "wait before every read"}};
    }
    return {{"planes", 16, "planes along z"}, {"size", 1024, "rows and columns of a plane"}};
  }
  std::vector<ScenarioParam> QuickDefaults() const override {
    if (slow_) return {{"planes", 4, ""}, {"size", 32, ""}, {"latency_ms", 1, ""}};
    return {{"planes", 4, ""}, {"size", 64, ""}};
  }

  Status Setup(const ParamMap& params, const ScenarioContext&) override {
    ASSIGN_OR_RETURN(const int64_t planes, IntParam(params, "planes", 1));
    ASSIGN_OR_RETURN(const int64_t size, IntParam(params, "size", 1));
    double latency_ms = 0;
    if (slow_) {
      ASSIGN_OR_RETURN(latency_ms, NonNegativeParam(params, "latency_ms"));
    }
    shape_ = {planes, size, size};
    ASSIGN_OR_RETURN(image_, MakeBenchImage(name(), shape_, latency_ms));
    loop_ = std::make_unique<MainLoop>();
    slicer_ = std::make_unique<LayerSlicer>(*loop_, UncachedOptions());
    ApplyOnReady(*slicer_);
    start_bytes_ = image_.source->bytes_read();
    return Status::Ok();
  }

  Result<Sample> RunOnce() override {
    Sample sample;
    const std::vector<std::shared_ptr<Layer>> layers = {image_.layer};
    // Async at the sync barrier (what render and animate do): submit, then wait.
    auto start = Clock::now();
    ASSIGN_OR_RETURN(const uint64_t task, slicer_->Submit(layers, NextDims()));
    (void)task;
    sample["submit_ms"] = Millis(Clock::now() - start);
    RETURN_IF_ERROR(slicer_->WaitUntilIdle(std::chrono::minutes(10)));
    sample["async_ms"] = Millis(Clock::now() - start);
    RETURN_IF_ERROR(CheckApplied());
    // Sync: the caller is blocked until the slice is applied.
    start = Clock::now();
    {
      LayerSlicer::SyncSlicing sync(*slicer_);
      ASSIGN_OR_RETURN(const uint64_t sync_task, slicer_->Submit(layers, NextDims()));
      (void)sync_task;
    }
    sample["sync_ms"] = Millis(Clock::now() - start);
    RETURN_IF_ERROR(CheckApplied());
    return sample;
  }

  std::map<std::string, double> Figures(const std::map<std::string, double>& medians) const override {
    std::map<std::string, double> figures;
    if (medians.at("sync_ms") > 0) figures["async_over_sync"] = medians.at("async_ms") / medians.at("sync_ms");
    figures["main_thread_blocked_async_ms"] = medians.at("submit_ms");
    figures["main_thread_blocked_sync_ms"] = medians.at("sync_ms");
    return figures;
  }

  uint64_t bytes_read() const override { return image_.source ? image_.source->bytes_read() - start_bytes_ : 0; }

 private:
  Dims NextDims() { return DimsAt(shape_, static_cast<double>(next_z_++ % shape_[0])); }

  Status CheckApplied() const {
    if (!image_.layer->loaded()) return InternalError(name() + ": the slice was not applied after the barrier");
    return Status::Ok();
  }

  bool slow_;
  Shape shape_;
  BenchImage image_;
  std::unique_ptr<MainLoop> loop_;
  std::unique_ptr<LayerSlicer> slicer_;
  int64_t next_z_ = 0;
  uint64_t start_bytes_ = 0;
};

}  // namespace

std::unique_ptr<Scenario> MakeDesirableScenario() { return std::make_unique<SingleSliceScenario>(false); }
std::unique_ptr<Scenario> MakeSlowStorageScenario() { return std::make_unique<SingleSliceScenario>(true); }

}  // namespace stackshot::bench
