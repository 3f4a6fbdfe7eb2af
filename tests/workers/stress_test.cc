// 1000 short workers, half of them quit at pseudo-random points (fixed seed): all
// finish with a consistent signal sequence, nothing leaks (ASan), no race (TSan).
#include <gtest/gtest.h>

#include <atomic>

#include "worker_test_util.h"
#include "workers/create_worker.h"

namespace stackshot {
namespace {

// Counts live coroutine frames of the stress generator.
std::atomic<int> live_frames{0};

struct FrameToken {
  FrameToken() { ++live_frames; }
  ~FrameToken() { --live_frames; }
  FrameToken(const FrameToken&) = delete;
  FrameToken& operator=(const FrameToken&) = delete;
};

Generator<int, int> Short(int n) {
  FrameToken token;
  for (int i = 0; i < n; ++i) co_yield i;
  co_return n;
}

// splitmix64: a fixed sequence, no std:: distributions.
uint64_t Next(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

struct Tally {
  int n = 0;
  bool lockstep = false;  // each yield handled before the next step: exact quits
  int quit_at = -1;  // -1: never; 0: before start; k: on yielded k-1
  int started = 0, yielded = 0, returned = 0, aborted = 0, finished = 0;
  int events_after_finished = 0;
};

TEST(WorkerStressTest, ThousandShortWorkersHalfQuit) {
  constexpr int kWorkers = 1000;
  MainLoop loop;
  uint64_t seed = 20240611;
  std::vector<Tally> tallies(kWorkers);
  int finished = 0;
  {
    std::vector<std::shared_ptr<GeneratorWorker<int, int>>> workers;
    for (int k = 0; k < kWorkers; ++k) {
      Tally& t = tallies[k];
      t.n = 1 + static_cast<int>(Next(seed) % 20);
      if (k % 2 == 1) t.quit_at = static_cast<int>(Next(seed) % static_cast<uint64_t>(t.n + 1));
      t.lockstep = k % 4 == 1;
      auto worker = CreateWorker({.loop = &loop, .max_pending_yields = t.lockstep ? 0 : -1}, Short, t.n);
      ASSERT_TRUE(worker.ok());
      auto& w = **worker;
      auto& s = w.signals();
      s.started.Connect([&t] { ++t.started; });
      s.yielded.Connect([&t, &w](int v) {
        t.events_after_finished += t.finished;
        ++t.yielded;
        if (t.quit_at > 0 && v + 1 == t.quit_at) w.Quit();
      });
      s.returned.Connect([&t](int v) {
        t.events_after_finished += t.finished;
        t.returned += (v == t.n) ? 1 : 100;
      });
      s.aborted.Connect([&t] {
        t.events_after_finished += t.finished;
        ++t.aborted;
      });
      s.finished.Connect([&t, &finished] {
        ++t.finished;
        ++finished;
      });
      if (t.quit_at == 0) w.Quit();
      ASSERT_TRUE(w.Start().ok());
      workers.push_back(*worker);
    }
    ASSERT_TRUE(loop.RunUntil([&] { return finished == kWorkers; }, std::chrono::minutes(2)));
    const Status status = AwaitWorkers(std::chrono::seconds(60));
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(RunningWorkerCount(), 0u);
    loop.RunPending();
  }  // the handles go: every worker and its coroutine frame is freed
  EXPECT_EQ(live_frames.load(), 0);

  int quit_before_start = 0, aborted = 0;
  for (int k = 0; k < kWorkers; ++k) {
    const Tally& t = tallies[k];
    SCOPED_TRACE("worker " + std::to_string(k) + " n=" + std::to_string(t.n) + " quit_at=" + std::to_string(t.quit_at));
    EXPECT_EQ(t.started, 1);
    EXPECT_EQ(t.finished, 1);
    EXPECT_EQ(t.events_after_finished, 0);
    if (t.quit_at < 0) {
      EXPECT_EQ(t.yielded, t.n);
      EXPECT_EQ(t.returned, 1);
      EXPECT_EQ(t.aborted, 0);
    } else if (t.quit_at == 0) {
      ++quit_before_start;
      EXPECT_EQ(t.yielded, 0);
      EXPECT_EQ(t.returned, 0);
      EXPECT_EQ(t.aborted, 1);
    } else if (t.lockstep) {
      EXPECT_EQ(t.yielded, t.quit_at);
      EXPECT_EQ(t.returned, 0);
      EXPECT_EQ(t.aborted, 1);
      aborted += t.aborted;
    } else {
      EXPECT_EQ(t.returned + t.aborted, 1);  // the quit may come after the last yield
      EXPECT_GE(t.yielded, t.quit_at);
      EXPECT_LE(t.yielded, t.n);
    }
  }
  EXPECT_GT(quit_before_start, 0);
  EXPECT_GT(aborted, 0);
}

}  // namespace
}  // namespace stackshot
