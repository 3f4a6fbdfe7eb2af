#include "events/main_loop.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "events/signal.h"

namespace stackshot {
namespace {

using std::chrono::milliseconds;

TEST(MainLoopTest, RunsPostedTasksInOrderOnMainThread) {
  MainLoop loop;
  std::vector<int> seen;
  bool all_main = true;
  std::thread poster([&] {
    for (int i = 0; i < 100; ++i) loop.Post([&, i] {
      seen.push_back(i);
      all_main = all_main && loop.IsMainThread();
    });
  });
  poster.join();
  EXPECT_EQ(loop.RunPending(), 100);
  ASSERT_EQ(seen.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(seen[i], i);
  EXPECT_TRUE(all_main);
}

TEST(MainLoopTest, RunUntilWaitsForWorkFromOtherThread) {
  MainLoop loop;
  bool done = false;
  std::thread worker([&] { loop.Post([&] { done = true; }); });
  EXPECT_TRUE(loop.RunUntil([&] { return done; }, milliseconds(10000)));
  worker.join();
}

TEST(MainLoopTest, RunUntilTimesOutWhenNothingArrives) {
  MainLoop loop;
  EXPECT_FALSE(loop.RunUntil([] { return false; }, milliseconds(20)));
}

TEST(MainLoopTest, RunPendingLeavesTasksPostedByTasksForLater) {
  MainLoop loop;
  int count = 0;
  loop.Post([&] {
    ++count;
    loop.Post([&] { ++count; });
  });
  EXPECT_EQ(loop.RunPending(), 1);
  EXPECT_EQ(count, 1);
  EXPECT_EQ(loop.pending(), 1u);
  EXPECT_EQ(loop.RunPending(), 1);
  EXPECT_EQ(count, 2);
}

TEST(MainLoopTest, IsMainThreadFalseElsewhere) {
  MainLoop loop;
  std::atomic<bool> other_is_main{true};
  std::thread t([&] { other_is_main = loop.IsMainThread(); });
  t.join();
  EXPECT_TRUE(loop.IsMainThread());
  EXPECT_FALSE(other_is_main.load());
}

TEST(SignalTest, EmitsToAllInConnectionOrder) {
  Signal<int> signal;
  std::vector<int> calls;
  signal.Connect([&](int v) { calls.push_back(v); });
  signal.Connect([&](int v) { calls.push_back(v * 10); });
  signal.Emit(3);
  EXPECT_EQ(calls, (std::vector<int>{3, 30}));
}

TEST(SignalTest, DisconnectDuringEmitAppliesNextTime) {
  Signal<> signal;
  int a = 0;
  Signal<>::ConnectionId id = 0;
  id = signal.Connect([&] {
    ++a;
    signal.Disconnect(id);
  });
  signal.Emit();
  signal.Emit();
  EXPECT_EQ(a, 1);
  EXPECT_EQ(signal.size(), 0u);
}

}  // namespace
}  // namespace stackshot
