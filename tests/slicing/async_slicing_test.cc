// NAP-4 behaviour of the LayerSlicer with real image layers: lazy and cooperative
// cancellation, the scrub, per-layer delivery, the cache, prefetch, debounce and the
// latency log. Time only drives the scenarios; nothing asserts on durations.
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "layers/image/image_layer.h"
#include "slicing/layer_slicer.h"

namespace stackshot {
namespace {

using std::chrono::milliseconds;

// A plane stack whose reads take `latency` (cancellable) and are recorded.
class RecordingSource final : public Source {
 public:
  RecordingSource(int64_t planes, milliseconds latency, bool in_memory = false)
      : shape_{planes, 8, 8}, latency_(latency), in_memory_(in_memory) {}
  const Shape& shape() const override { return shape_; }
  DType dtype() const override { return DType::kUInt16; }
  std::string Describe() const override { return "recording"; }
  bool in_memory() const override { return in_memory_; }

  std::vector<int64_t> started() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return started_;
  }
  std::vector<int64_t> completed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return completed_;
  }

 protected:
  Result<Array> ReadChecked(const Box& box, const CancelToken& cancel) const override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      started_.push_back(box.start[0]);
    }
    const auto until = std::chrono::steady_clock::now() + latency_;
    while (std::chrono::steady_clock::now() < until) {
      if (cancel.cancelled()) return CancelledError("recording: read cancelled");
      std::this_thread::sleep_for(milliseconds(2));
    }
    Array out = Array::Zeros(DType::kUInt16, box.count);
    for (int64_t i = 0; i < out.size(); ++i) out.mutable_data<uint16_t>()[i] = static_cast<uint16_t>(box.start[0]);
    std::lock_guard<std::mutex> lock(mutex_);
    completed_.push_back(box.start[0]);
    return out;
  }

 private:
  Shape shape_;
  milliseconds latency_;
  bool in_memory_;
  mutable std::mutex mutex_;
  mutable std::vector<int64_t> started_;
  mutable std::vector<int64_t> completed_;
};

std::shared_ptr<ImageLayer> LayerOn(std::shared_ptr<Source> source, const std::string& name = "img") {
  auto layer = ImageLayer::Create(name, std::move(source), Affine::Identity(3));
  EXPECT_TRUE(layer.ok());
  return *layer;
}

Dims At(double z, int64_t planes = 30) {
  Dims dims(3);
  dims.SetRange({{0, static_cast<double>(planes - 1), 1}, {0, 7, 1}, {0, 7, 1}});
  EXPECT_TRUE(dims.SetPoint({z, 0, 0}).ok());
  return dims;
}

// The plane value the layer shows (the source fills each plane with its index).
int Shown(const Layer& layer) {
  auto response = std::dynamic_pointer_cast<const ImageSliceResponse>(layer.applied_response());
  return response ? static_cast<int>(response->plane.data<float>()[0]) : -1;
}

struct Harness {
  explicit Harness(SlicerOptions options = {}) : slicer(loop, std::move(options)) {
    slicer.slice_ready.Connect([this](const SliceReadyEvent& event) {
      events.push_back(event);
      for (const auto& r : event.results) {
        if (r.status.ok() && r.request_id >= r.layer->applied_request_id()) r.layer->ApplyResponse(r.response, r.request_id);
      }
    });
  }
  MainLoop loop;
  LayerSlicer slicer;
  std::vector<SliceReadyEvent> events;
};

TEST(AsyncSlicingTest, OneTaskSlicesTwoLayersInBatchedMode) {
  Harness h;
  auto a = LayerOn(std::make_shared<RecordingSource>(30, milliseconds(0)), "a");
  auto b = LayerOn(std::make_shared<RecordingSource>(30, milliseconds(0)), "b");
  ASSERT_TRUE(h.slicer.Submit({a, b}, At(4)).ok());
  ASSERT_TRUE(h.slicer.WaitUntilIdle(milliseconds(10000)).ok());
  ASSERT_EQ(h.events.size(), 1u);
  ASSERT_EQ(h.events[0].results.size(), 2u);
  EXPECT_EQ(Shown(*a), 4);
  EXPECT_EQ(Shown(*b), 4);
}

TEST(AsyncSlicingTest, StaleRunningTaskIsCancelledAtItsNextReadBoundary) {
  Harness h;
  auto source = std::make_shared<RecordingSource>(30, milliseconds(60000));  // would take a minute
  auto layer = LayerOn(source);
  ASSERT_TRUE(h.slicer.Submit({layer}, At(1)).ok());
  while (source->started().empty()) std::this_thread::sleep_for(milliseconds(1));
  // A newer request for the same layer: the minute-long read stops cooperatively.
  ASSERT_TRUE(h.slicer.Submit({layer}, At(2)).ok());
  // The second read is just as slow; cancel it by shutting down once it started.
  while (source->started().size() < 2) std::this_thread::sleep_for(milliseconds(1));
  h.slicer.Shutdown();  // returns only when the slicing thread has stopped
  EXPECT_TRUE(source->completed().empty());
  EXPECT_EQ(h.slicer.stats().tasks_interrupted, 1u);
  h.loop.RunPending();
  ASSERT_GE(h.events.size(), 1u);
  EXPECT_TRUE(h.events[0].cancelled);
  EXPECT_EQ(h.events[0].results[0].status.code(), StatusCode::kCancelled);
  EXPECT_EQ(layer->applied_response(), nullptr);  // nothing stale was shown
}

TEST(AsyncSlicingTest, ScrubSlicesTheFirstTheLastAndFewBetween) {
  // 25 requests over 1 s against a source that takes 100 ms per read, with a
  // debounce longer than the spacing of the requests.
  SlicerOptions options;
  options.debounce = milliseconds(300);
  options.prefetch = 0;
  Harness h(options);
  auto source = std::make_shared<RecordingSource>(30, milliseconds(100));
  auto layer = LayerOn(source);
  std::vector<int> shown;
  for (int i = 0; i < 25; ++i) {
    ASSERT_TRUE(h.slicer.Submit({layer}, At(i)).ok());
    h.loop.RunUntil([] { return false; }, milliseconds(40));  // keep the main loop turning
    shown.push_back(Shown(*layer));
  }
  ASSERT_TRUE(h.slicer.WaitUntilIdle(milliseconds(20000)).ok());
  const std::vector<int64_t> started = source->started();
  ASSERT_FALSE(started.empty());
  EXPECT_EQ(started.front(), 0);   // the first request starts at once
  EXPECT_EQ(started.back(), 24);   // the last is sliced
  // And few in between: the rest were replaced while waiting (a margin for a main
  // thread stalled by a loaded machine, still far below 25).
  EXPECT_LE(started.size(), 8u);
  EXPECT_EQ(Shown(*layer), 24);
  EXPECT_TRUE(layer->loaded());
  // What was shown only ever moved forward: no stale response over a newer one.
  for (size_t i = 1; i < shown.size(); ++i) EXPECT_GE(shown[i], shown[i - 1]);
}

TEST(AsyncSlicingTest, PerLayerModeDeliversEachLayerWhenReady) {
  SlicerOptions options;
  options.mode = SlicingMode::kPerLayer;
  options.workers = 2;
  Harness h(options);
  auto slow_source = std::make_shared<RecordingSource>(30, milliseconds(60000));
  auto slow = LayerOn(slow_source, "slow");
  auto fast = LayerOn(std::make_shared<RecordingSource>(30, milliseconds(0)), "fast");
  ASSERT_TRUE(h.slicer.Submit({slow, fast}, At(3)).ok());
  // The fast layer arrives while the slow one is still reading.
  ASSERT_TRUE(h.loop.RunUntil([&] { return fast->loaded(); }, milliseconds(20000)));
  EXPECT_FALSE(slow->loaded());
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].results[0].layer, fast);
  h.slicer.Shutdown();
}

TEST(AsyncSlicingTest, PerLayerModeKeepsOrderWithinALayer) {
  SlicerOptions options;
  options.mode = SlicingMode::kPerLayer;
  Harness h(options);
  auto layer = LayerOn(std::make_shared<RecordingSource>(30, milliseconds(1)));
  for (int z = 0; z < 20; ++z) ASSERT_TRUE(h.slicer.Submit({layer}, At(z)).ok());
  ASSERT_TRUE(h.slicer.WaitUntilIdle(milliseconds(20000)).ok());
  uint64_t last = 0;
  for (const auto& event : h.events) {
    EXPECT_GT(event.results[0].request_id, last);
    last = event.results[0].request_id;
  }
  EXPECT_EQ(Shown(*layer), 19);
}

TEST(AsyncSlicingTest, CacheServesARepeatedPlaneWithoutReading) {
  Harness h;
  auto source = std::make_shared<RecordingSource>(30, milliseconds(0));
  auto layer = LayerOn(source);
  for (double z : {1.0, 2.0, 1.0}) {
    ASSERT_TRUE(h.slicer.Submit({layer}, At(z)).ok());
    ASSERT_TRUE(h.slicer.WaitUntilIdle(milliseconds(10000)).ok());
  }
  EXPECT_EQ(Shown(*layer), 1);
  ASSERT_EQ(h.events.size(), 3u);
  EXPECT_FALSE(h.events[0].results[0].cache_hit);
  EXPECT_TRUE(h.events[2].results[0].cache_hit);
  // Prefetch may have read planes 0 and 3 as well, but plane 1 was read only once.
  const auto started = source->started();
  EXPECT_EQ(std::count(started.begin(), started.end(), 1), 1);
}

TEST(AsyncSlicingTest, CacheEvictsByBudget) {
  SlicerOptions options;
  options.prefetch = 0;
  options.cache_bytes = 2 * (8 * 8 * 4 + 200);  // room for about two 8×8 float planes
  Harness h(options);
  auto source = std::make_shared<RecordingSource>(30, milliseconds(0));
  auto layer = LayerOn(source);
  for (double z : {1.0, 2.0, 3.0, 1.0}) {
    ASSERT_TRUE(h.slicer.Submit({layer}, At(z)).ok());
    ASSERT_TRUE(h.slicer.WaitUntilIdle(milliseconds(10000)).ok());
  }
  const auto started = source->started();
  EXPECT_EQ(std::count(started.begin(), started.end(), 1), 2);  // plane 1 was evicted and read again
  EXPECT_GT(h.slicer.cache()->stats().evictions, 0u);
}

TEST(AsyncSlicingTest, PrefetchMakesSteppingBackACacheHit) {
  Harness h;  // prefetch 1 by default
  auto source = std::make_shared<RecordingSource>(30, milliseconds(0));
  auto layer = LayerOn(source);
  ASSERT_TRUE(h.slicer.Submit({layer}, At(10)).ok());
  ASSERT_TRUE(h.slicer.WaitUntilIdle(milliseconds(10000)).ok());
  ASSERT_TRUE(h.slicer.Submit({layer}, At(11)).ok());  // axis 0 moved
  ASSERT_TRUE(h.slicer.WaitUntilIdle(milliseconds(10000)).ok());
  // Idle now: planes 10 (cached already) and 12 are prefetched in the background.
  for (int i = 0; i < 5000 && h.slicer.stats().prefetched == 0; ++i) std::this_thread::sleep_for(milliseconds(1));
  EXPECT_EQ(h.slicer.stats().prefetched, 1u);  // plane 12; plane 10 was in the cache
  ASSERT_TRUE(h.slicer.Submit({layer}, At(12)).ok());
  ASSERT_TRUE(h.slicer.WaitUntilIdle(milliseconds(10000)).ok());
  EXPECT_TRUE(h.events.back().results[0].cache_hit);
  EXPECT_EQ(Shown(*layer), 12);
  const auto started = source->started();
  EXPECT_EQ(std::count(started.begin(), started.end(), 12), 1);
}

TEST(AsyncSlicingTest, DebounceAppliesOnlyToDataNotKnownToBeFast) {
  SlicerOptions options;
  options.debounce = milliseconds(60000);
  options.prefetch = 0;
  Harness h(options);
  auto memory = LayerOn(std::make_shared<RecordingSource>(30, milliseconds(0), /*in_memory=*/true), "memory");
  auto disk = LayerOn(std::make_shared<RecordingSource>(30, milliseconds(0)), "disk");
  // A burst: the second request of each waits for the debounce unless in memory.
  for (double z : {1.0, 2.0}) {
    ASSERT_TRUE(h.slicer.Submit({memory}, At(z)).ok());
    ASSERT_TRUE(h.slicer.Submit({disk}, At(z)).ok());
  }
  ASSERT_TRUE(h.loop.RunUntil([&] { return Shown(*memory) == 2; }, milliseconds(20000)));
  EXPECT_NE(Shown(*disk), 2);  // still waiting out its minute-long debounce
  // Waiting at the barrier ends the debounce at once.
  ASSERT_TRUE(h.slicer.WaitUntilIdle(milliseconds(20000)).ok());
  EXPECT_EQ(Shown(*disk), 2);
}

TEST(AsyncSlicingTest, LatencyLogHasOneLinePerSlicedLayer) {
  const std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / "async_latency";
  std::filesystem::create_directories(dir);
  SlicerOptions options;
  options.latency_log = (dir / "log.jsonl").string();
  options.prefetch = 0;
  auto source = std::make_shared<RecordingSource>(30, milliseconds(0));
  auto layer = LayerOn(source, "nuclei");
  {
    Harness h(options);
    for (double z : {5.0, 6.0, 5.0}) {
      ASSERT_TRUE(h.slicer.Submit({layer}, At(z)).ok());
      ASSERT_TRUE(h.slicer.WaitUntilIdle(milliseconds(10000)).ok());
    }
  }
  std::ifstream in(options.latency_log);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& line : lines) {
    EXPECT_EQ(line["layer"], "nuclei");
    EXPECT_LE(line["submitted_ms"].get<double>(), line["started_ms"].get<double>());
    EXPECT_LE(line["started_ms"].get<double>(), line["finished_ms"].get<double>());
    EXPECT_EQ(line["cancelled"], false);
    EXPECT_TRUE(line["error"].is_null());
  }
  EXPECT_EQ(lines[0]["bytes_read"], 8 * 8 * 2);
  EXPECT_EQ(lines[0]["cache_hit"], false);
  EXPECT_EQ(lines[2]["cache_hit"], true);
  EXPECT_EQ(lines[2]["bytes_read"], 0);
  EXPECT_LT(lines[0]["request"].get<int>(), lines[1]["request"].get<int>());
}

}  // namespace
}  // namespace stackshot
