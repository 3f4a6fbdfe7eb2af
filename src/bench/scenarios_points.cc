// NAP-4's undesirable points case: a 2D slice of a 3D points layer of 1 to 20
// million points held in RAM, async against sync. Slicing finds the points within
// half a step of the plane (napari's points slicing), which scans every point. The
// measurement goes through LayerSlicer like the image scenarios.
#include <memory>

#include "bench/scenario_common.h"
#include "bench/scenarios.h"
#include "layers/points/points_layer.h"

namespace stackshot::bench {
namespace {

// columns[axis][point], axes z, y, x (data coordinates).
Result<std::shared_ptr<Layer>> MakePointsLayer(std::vector<std::vector<double>> columns, int threads) {
  auto data = std::make_shared<PointsData>();
  data->ndim = 3;
  data->columns = std::move(columns);
  ASSIGN_OR_RETURN(std::shared_ptr<PointsLayer> layer, PointsLayer::Create("points", data, Affine::Identity(3)));
  layer->set_slice_threads(threads);
  return std::shared_ptr<Layer>(layer);
}

// N points, deterministic (xorshift32), z in [0, planes), y and x in [0, size).
std::vector<std::vector<double>> GeneratePoints(int64_t count, int64_t planes, int64_t size) {
  std::vector<std::vector<double>> columns(3, std::vector<double>(static_cast<size_t>(count)));
  uint32_t state = 2463534242u;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return static_cast<double>(state) / 4294967296.0;  // [0, 1)
  };
  for (size_t i = 0; i < static_cast<size_t>(count); ++i) {
    columns[0][i] = next() * static_cast<double>(planes);
    columns[1][i] = next() * static_cast<double>(size);
    columns[2][i] = next() * static_cast<double>(size);
  }
  return columns;
}

class PointsScenario final : public Scenario {
 public:
  std::string name() const override { return "points"; }
  std::string summary() const override {
    return "undesirable: 2D slice of a 3D points layer (1 to 20 million points in RAM)";
  }
  std::string primary() const override { return "async_ms"; }
  std::vector<ScenarioParam> Defaults() const override {
    return {{"points", 1e6, "number of points (NAP-4: 1 to 20 million)"},
            {"planes", 64, "extent along z"},
            {"size", 1024, "extent along y and x"}};
  }
  std::vector<ScenarioParam> QuickDefaults() const override {
    return {{"points", 1000, ""}, {"planes", 4, ""}, {"size", 32, ""}};
  }

  Status Setup(const ParamMap& params, const ScenarioContext& context) override {
    ASSIGN_OR_RETURN(const int64_t count, IntParam(params, "points", 1));
    ASSIGN_OR_RETURN(const int64_t planes, IntParam(params, "planes", 1));
    ASSIGN_OR_RETURN(const int64_t size, IntParam(params, "size", 1));
    shape_ = {planes, size, size};
    count_ = count;
    ASSIGN_OR_RETURN(layer_, MakePointsLayer(GeneratePoints(count, planes, size), context.threads));
    loop_ = std::make_unique<MainLoop>();
    slicer_ = std::make_unique<LayerSlicer>(*loop_, UncachedOptions());
    ApplyOnReady(*slicer_);
    return Status::Ok();
  }

  Result<Sample> RunOnce() override {
    Sample sample;
    auto start = Clock::now();
    RETURN_IF_ERROR(slicer_->Submit({layer_}, NextDims()).status());
    sample["submit_ms"] = Millis(Clock::now() - start);
    RETURN_IF_ERROR(slicer_->WaitUntilIdle(std::chrono::minutes(10)));
    sample["async_ms"] = Millis(Clock::now() - start);
    start = Clock::now();
    {
      LayerSlicer::SyncSlicing sync(*slicer_);
      RETURN_IF_ERROR(slicer_->Submit({layer_}, NextDims()).status());
    }
    sample["sync_ms"] = Millis(Clock::now() - start);
    if (!layer_->loaded()) return InternalError("points: the slice was not applied after the barrier");
    slices_ += 2;
    return sample;
  }

  std::map<std::string, double> Figures(const std::map<std::string, double>& m) const override {
    std::map<std::string, double> figures;
    if (m.at("sync_ms") > 0) figures["async_over_sync"] = m.at("async_ms") / m.at("sync_ms");
    figures["main_thread_blocked_async_ms"] = m.at("submit_ms");
    figures["main_thread_blocked_sync_ms"] = m.at("sync_ms");
    return figures;
  }

  // In memory there is no source: count the coordinates each slice scans (the
  // sliced axis' column, float64).
  uint64_t bytes_read() const override { return slices_ * static_cast<uint64_t>(count_) * sizeof(double); }

 private:
  Dims NextDims() { return DimsAt(shape_, static_cast<double>(next_z_++ % shape_[0])); }

  Shape shape_;
  std::shared_ptr<Layer> layer_;
  std::unique_ptr<MainLoop> loop_;
  std::unique_ptr<LayerSlicer> slicer_;
  int64_t next_z_ = 0;
  int64_t count_ = 0;
  uint64_t slices_ = 0;
};

}  // namespace

std::unique_ptr<Scenario> MakePointsScenario() { return std::make_unique<PointsScenario>(); }

}  // namespace stackshot::bench
