#include "slicing/layer_slicer.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

using std::chrono::milliseconds;

// A gate the test opens to let slice tasks finish.
struct Gate {
  std::mutex mutex;
  std::condition_variable cv;
  bool open = true;
  int entered = 0;
  void Close() {
    std::lock_guard<std::mutex> lock(mutex);
    open = false;
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      open = true;
    }
    cv.notify_all();
  }
  void Pass() {
    std::unique_lock<std::mutex> lock(mutex);
    ++entered;
    cv.notify_all();
    cv.wait(lock, [&] { return open; });
  }
  void WaitEntered(int n) {
    std::unique_lock<std::mutex> lock(mutex);
    cv.wait(lock, [&] { return entered >= n; });
  }
};

struct FakeResponse final : SliceResponse {
  double position = 0;
  std::thread::id sliced_on;
};

struct FakeRequest final : SliceRequest {
  double position = 0;
  std::shared_ptr<Gate> gate;
  bool fail = false;
  Result<std::shared_ptr<const SliceResponse>> Run(const CancelToken&) const override {
    gate->Pass();
    if (fail) return IoError("read failed at " + std::to_string(static_cast<int>(position)));
    auto response = std::make_shared<FakeResponse>();
    response->request_id = id;
    response->position = position;
    response->sliced_on = std::this_thread::get_id();
    return std::shared_ptr<const SliceResponse>(response);
  }
};

class FakeLayer final : public Layer {
 public:
  FakeLayer(std::string name, std::shared_ptr<Gate> gate)
      : Layer(std::move(name), Affine::Identity(3), Affine::Identity(3)), gate_(std::move(gate)) {}
  const char* type_name() const override { return "fake"; }
  WorldExtent world_extent() const override { return {{0, 0, 0}, {9, 9, 9}, {1, 1, 1}}; }
  WorldExtent pixel_edge_extent() const override { return world_extent(); }
  Result<std::shared_ptr<const SliceRequest>> MakeSliceRequest(const Dims& dims, const SliceView&,
                                                               uint64_t id) const override {
    if (fail_request) return InvalidArgumentError("cannot build request");
    auto request = std::make_shared<FakeRequest>();
    request->id = id;
    request->layer_name = name();
    request->position = dims.point()[0];
    request->gate = gate_;
    request->fail = fail_slice;
    return std::shared_ptr<const SliceRequest>(request);
  }
  bool slices_async() const override { return async; }
  bool fail_request = false;
  bool fail_slice = false;
  bool async = true;

 private:
  std::shared_ptr<Gate> gate_;
};

Dims DimsAt(double z) {
  Dims dims(3);
  dims.SetRange({{0, 9, 1}, {0, 9, 1}, {0, 9, 1}});
  EXPECT_TRUE(dims.SetPoint({z, 0, 0}).ok());
  return dims;
}

struct SlicerFixture : ::testing::Test {
  MainLoop loop;
  std::shared_ptr<Gate> gate = std::make_shared<Gate>();
  std::shared_ptr<FakeLayer> layer = std::make_shared<FakeLayer>("a", gate);
  std::vector<SliceReadyEvent> events;
  LayerSlicer slicer{loop};
  void SetUp() override {
    slicer.slice_ready.Connect([this](const SliceReadyEvent& e) {
      EXPECT_TRUE(loop.IsMainThread());
      events.push_back(e);
    });
  }
  double Position(const SliceReadyEvent& e) const {
    return static_cast<const FakeResponse&>(*e.results.at(0).response).position;
  }
};

TEST_F(SlicerFixture, SlicesOffTheMainThreadAndDeliversOnIt) {
  ASSERT_TRUE(slicer.Submit({layer}, DimsAt(4)).ok());
  EXPECT_TRUE(events.empty());  // nothing is delivered until the main loop runs
  // Run the loop, not the barrier: at the barrier a task nobody started yet may
  // run on the waiting thread itself.
  ASSERT_TRUE(loop.RunUntil([&] { return !events.empty(); }, milliseconds(10000)));
  EXPECT_TRUE(slicer.idle());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(Position(events[0]), 4);
  const auto& response = static_cast<const FakeResponse&>(*events[0].results[0].response);
  EXPECT_NE(response.sliced_on, std::this_thread::get_id());
  EXPECT_EQ(response.request_id, layer->last_request_id());
}

TEST_F(SlicerFixture, QueuedTaskIsReplacedByNewerOne) {
  gate->Close();
  ASSERT_TRUE(slicer.Submit({layer}, DimsAt(1)).ok());
  gate->WaitEntered(1);  // task 1 is running and blocked
  ASSERT_TRUE(slicer.Submit({layer}, DimsAt(2)).ok());  // queued
  ASSERT_TRUE(slicer.Submit({layer}, DimsAt(3)).ok());  // replaces 2
  gate->Open();
  ASSERT_TRUE(slicer.WaitUntilIdle(milliseconds(10000)).ok());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(Position(events[0]), 1);  // a running task is not interrupted
  EXPECT_EQ(Position(events[1]), 3);  // the newest wins; 2 never ran
  EXPECT_EQ(slicer.stats().tasks_skipped, 1u);      // 2 was replaced while queued
  EXPECT_EQ(slicer.stats().tasks_interrupted, 1u);  // 1 was told to stop (it ignores it)
  EXPECT_EQ(gate->entered, 2);
}

TEST_F(SlicerFixture, WaitUntilIdleTimesOutNamingPendingTasks) {
  gate->Close();
  ASSERT_TRUE(slicer.Submit({layer}, DimsAt(1)).ok());
  gate->WaitEntered(1);
  const Status status = slicer.WaitUntilIdle(milliseconds(30));
  EXPECT_EQ(status.code(), StatusCode::kDeadlineExceeded);
  EXPECT_NE(status.message().find("task 1 (a, running)"), std::string::npos) << status.message();
  gate->Open();
  EXPECT_TRUE(slicer.WaitUntilIdle(milliseconds(10000)).ok());
}

TEST_F(SlicerFixture, SyncSlicingAwaitsTasksInFlightThenSlicesInline) {
  gate->Close();
  ASSERT_TRUE(slicer.Submit({layer}, DimsAt(1)).ok());
  gate->WaitEntered(1);
  std::thread opener([&] {
    std::this_thread::sleep_for(milliseconds(20));
    gate->Open();
  });
  {
    LayerSlicer::SyncSlicing sync(slicer);
    ASSERT_TRUE(slicer.Submit({layer}, DimsAt(5)).ok());
    // Both are delivered by the time Submit returns: the in-flight one first.
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(Position(events[0]), 1);
    EXPECT_EQ(Position(events[1]), 5);
    const auto& inline_response = static_cast<const FakeResponse&>(*events[1].results[0].response);
    EXPECT_EQ(inline_response.sliced_on, std::this_thread::get_id());
  }
  opener.join();
  EXPECT_TRUE(slicer.idle());
}

TEST_F(SlicerFixture, RequestErrorFailsSubmitAndQueuesNothing) {
  layer->fail_request = true;
  const auto submitted = slicer.Submit({layer}, DimsAt(1));
  ASSERT_FALSE(submitted.ok());
  EXPECT_EQ(submitted.status().message(), "layer 'a': cannot build request");
  EXPECT_TRUE(slicer.idle());
}

TEST_F(SlicerFixture, SliceErrorReachesConsumerWithLayerName) {
  layer->fail_slice = true;
  ASSERT_TRUE(slicer.Submit({layer}, DimsAt(7)).ok());
  ASSERT_TRUE(slicer.WaitUntilIdle(milliseconds(10000)).ok());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].results[0].response, nullptr);
  EXPECT_EQ(events[0].results[0].status.message(), "read failed at 7");
  EXPECT_EQ(events[0].results[0].layer, layer);
}

TEST_F(SlicerFixture, InvisibleLayersAreNotSliced) {
  auto hidden = std::make_shared<FakeLayer>("hidden", gate);
  hidden->set_visible(false);
  ASSERT_TRUE(slicer.Submit({layer, hidden}, DimsAt(2)).ok());
  ASSERT_TRUE(slicer.WaitUntilIdle(milliseconds(10000)).ok());
  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0].results.size(), 1u);
  EXPECT_EQ(events[0].results[0].layer, layer);
}

TEST_F(SlicerFixture, SyncLayersAreNotBlockedByAsyncOnes) {
  gate->Close();  // the async layer's slice blocks
  auto sync_layer = std::make_shared<FakeLayer>("sync", std::make_shared<Gate>());
  sync_layer->async = false;
  ASSERT_TRUE(slicer.Submit({layer, sync_layer}, DimsAt(6)).ok());
  // The synchronous layer was sliced and delivered inside Submit.
  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0].results.size(), 1u);
  EXPECT_EQ(events[0].results[0].layer, sync_layer);
  EXPECT_EQ(Position(events[0]), 6);
  EXPECT_FALSE(slicer.idle());  // the async one is still running
  gate->Open();
  ASSERT_TRUE(slicer.WaitUntilIdle(milliseconds(10000)).ok());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].results[0].layer, layer);
}

TEST_F(SlicerFixture, SubmitAfterShutdownFails) {
  slicer.Shutdown();
  EXPECT_FALSE(slicer.Submit({layer}, DimsAt(1)).ok());
}

TEST(LayerSlicerTest, ManySubmissionsDeliverInOrderNewestLast) {
  MainLoop loop;
  auto gate = std::make_shared<Gate>();
  auto layer = std::make_shared<FakeLayer>("a", gate);
  LayerSlicer slicer(loop);
  std::vector<double> seen;
  slicer.slice_ready.Connect([&](const SliceReadyEvent& e) {
    if (e.cancelled) {
      // A stale task stopped before slicing: nothing to show, but it says why.
      EXPECT_EQ(e.results[0].status.code(), StatusCode::kCancelled);
      return;
    }
    seen.push_back(static_cast<const FakeResponse&>(*e.results[0].response).position);
  });
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(slicer.Submit({layer}, DimsAt(i % 10)).ok());
    if (i % 7 == 0) loop.RunPending();
  }
  ASSERT_TRUE(slicer.WaitUntilIdle(milliseconds(10000)).ok());
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), 199 % 10);
}

TEST(LayerSlicerTest, DestroyedWithDeliveriesStillQueuedIsSafe) {
  MainLoop loop;
  auto gate = std::make_shared<Gate>();
  auto layer = std::make_shared<FakeLayer>("a", gate);
  {
    LayerSlicer slicer(loop);
    ASSERT_TRUE(slicer.Submit({layer}, DimsAt(1)).ok());
    gate->WaitEntered(1);
  }  // the worker finished and posted its delivery; the slicer is gone
  loop.RunPending();  // must not touch the destroyed slicer
  SUCCEED();
}

}  // namespace
}  // namespace stackshot
