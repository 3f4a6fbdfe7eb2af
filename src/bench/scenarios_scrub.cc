// NAP-4's scrub: a slider dragged through `requests` positions spread evenly over
// `window_ms`, on data that takes read_ms per plane. NAP-4's target: deal with 25
// requests over 1 second in half the time (first request → last slice applied), and
// the last slice shown one read after the last request.
//
// Asynchronous: the main loop keeps running, each request replaces the queued one
// and cancels a running stale read. Synchronous: the caller is blocked during each
// read and sees the requests that came meanwhile only when it is free again.
#include <algorithm>
#include <memory>
#include <thread>

#include "bench/scenario_common.h"
#include "bench/scenarios.h"

namespace stackshot::bench {
namespace {

struct ScrubRun {
  double first_to_last_ms = 0;  // first request → last request's slice applied
  double last_latency_ms = 0;   // last request → its slice applied
};

class ScrubScenario final : public Scenario {
 public:
  std::string name() const override { return "scrub"; }
  std::string summary() const override {
    return "the scrub: 25 slice requests over 1 s on data taking 100 ms per read, async against sync";
  }
  std::string primary() const override { return "async_latency_ms"; }
  std::vector<ScenarioParam> Defaults() const override {
    return {{"requests", 25, "slider positions requested"},
            {"window_ms", 1000, "time the requests are spread over"},
            {"read_ms", 100, "latency of one plane read"},
            {"size", 256, "rows and columns of a plane"}};
  }
  std::vector<ScenarioParam> QuickDefaults() const override {
    return {{"requests", 5, ""}, {"window_ms", 40, ""}, {"read_ms", 5, ""}, {"size", 16, ""}};
  }

  Status Setup(const ParamMap& params, const ScenarioContext&) override {
    ASSIGN_OR_RETURN(requests_, IntParam(params, "requests", 2));
    ASSIGN_OR_RETURN(window_ms_, NonNegativeParam(params, "window_ms"));
    ASSIGN_OR_RETURN(read_ms_, NonNegativeParam(params, "read_ms"));
    ASSIGN_OR_RETURN(const int64_t size, IntParam(params, "size", 1));
    shape_ = {requests_, size, size};
    return Status::Ok();
  }

  Result<Sample> RunOnce() override {
    // Fresh layers and slicers each time: nothing cached, nothing in flight.
    MainLoop loop;
    ASSIGN_OR_RETURN(BenchImage async_image, MakeBenchImage("scrub_async", shape_, read_ms_));
    ASSIGN_OR_RETURN(BenchImage sync_image, MakeBenchImage("scrub_sync", shape_, read_ms_));
    Sample sample;
    {
      LayerSlicer slicer(loop, UncachedOptions());
      ApplyOnReady(slicer);
      ASSIGN_OR_RETURN(const ScrubRun run, Run(false, slicer, loop, async_image.layer));
      sample["async_latency_ms"] = run.last_latency_ms;
      sample["async_first_to_last_ms"] = run.first_to_last_ms;
    }
    {
      LayerSlicer slicer(loop, UncachedOptions());
      ApplyOnReady(slicer);
      ASSIGN_OR_RETURN(const ScrubRun run, Run(true, slicer, loop, sync_image.layer));
      sample["sync_latency_ms"] = run.last_latency_ms;
      sample["sync_first_to_last_ms"] = run.first_to_last_ms;
    }
    const uint64_t plane_bytes = static_cast<uint64_t>(shape_[1] * shape_[2] * 2);
    sample["async_reads_completed"] = static_cast<double>(async_image.source->bytes_read() / plane_bytes);
    bytes_read_ += async_image.source->bytes_read() + sync_image.source->bytes_read();
    return sample;
  }

  std::map<std::string, double> Figures(const std::map<std::string, double>& m) const override {
    std::map<std::string, double> figures;
    if (m.at("sync_latency_ms") > 0) figures["latency_async_over_sync"] = m.at("async_latency_ms") / m.at("sync_latency_ms");
    if (m.at("sync_first_to_last_ms") > 0) {
      figures["first_to_last_async_over_sync"] = m.at("async_first_to_last_ms") / m.at("sync_first_to_last_ms");
    }
    if (read_ms_ > 0) figures["async_latency_over_read"] = m.at("async_latency_ms") / read_ms_;
    return figures;
  }

  uint64_t bytes_read() const override { return bytes_read_; }

 private:
  Result<ScrubRun> Run(bool synchronous, LayerSlicer& slicer, MainLoop& loop, const std::shared_ptr<ImageLayer>& layer) {
    const std::vector<std::shared_ptr<Layer>> layers = {layer};
    const auto start = Clock::now();
    const auto spacing = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double, std::milli>(window_ms_ / static_cast<double>(requests_ - 1)));
    Clock::time_point last_due;
    for (int64_t i = 0; i < requests_; ++i) {
      const auto due = start + i * spacing;
      last_due = due;
      // The requests come at fixed times (the user's hand); a blocked caller takes
      // the ones that came while it was busy only when it is free again.
      if (synchronous) {
        std::this_thread::sleep_until(due);
        LayerSlicer::SyncSlicing sync(slicer);
        RETURN_IF_ERROR(slicer.Submit(layers, DimsAt(shape_, static_cast<double>(i))).status());
      } else {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(due - Clock::now());
        loop.RunUntil([] { return false; }, std::max(wait, std::chrono::milliseconds(0)));
        RETURN_IF_ERROR(slicer.Submit(layers, DimsAt(shape_, static_cast<double>(i))).status());
      }
    }
    if (!synchronous) RETURN_IF_ERROR(slicer.WaitUntilIdle(std::chrono::minutes(10)));
    if (!layer->loaded()) return InternalError("scrub: the last slice was not applied");
    const auto applied = Clock::now();
    return ScrubRun{Millis(applied - start), Millis(applied - last_due)};
  }

  int64_t requests_ = 25;
  double window_ms_ = 1000;
  double read_ms_ = 100;
  Shape shape_;
  uint64_t bytes_read_ = 0;
};

}  // namespace

std::unique_ptr<Scenario> MakeScrubScenario() { return std::make_unique<ScrubScenario>(); }

}  // namespace stackshot::bench
