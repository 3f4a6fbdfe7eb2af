#include "exec/parallel.h"

#include <algorithm>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

std::vector<std::pair<int64_t, int64_t>> ChunksSeen(int64_t n, int64_t grain, int threads) {
  std::mutex mutex;
  std::set<std::pair<int64_t, int64_t>> seen;
  ParallelFor(n, grain, threads, [&](int64_t begin, int64_t end) {
    std::lock_guard<std::mutex> lock(mutex);
    seen.insert({begin, end});
  });
  return {seen.begin(), seen.end()};
}

TEST(ParallelTest, ChunkCountRoundsUp) {
  EXPECT_EQ(ChunkCount(0, 4), 0);
  EXPECT_EQ(ChunkCount(1, 4), 1);
  EXPECT_EQ(ChunkCount(8, 4), 2);
  EXPECT_EQ(ChunkCount(9, 4), 3);
  EXPECT_EQ(ChunkCount(5, 0), 5);  // a grain below 1 counts as 1
}

TEST(ParallelTest, SplitDoesNotDependOnThreadCount) {
  const auto one = ChunksSeen(103, 10, 1);
  const auto two = ChunksSeen(103, 10, 2);
  const auto four = ChunksSeen(103, 10, 4);
  ASSERT_EQ(one.size(), 11u);
  EXPECT_EQ(one.front(), (std::pair<int64_t, int64_t>{0, 10}));
  EXPECT_EQ(one.back(), (std::pair<int64_t, int64_t>{100, 103}));
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, four);
}

TEST(ParallelTest, InlineRunsChunksInOrderOnCallingThread) {
  std::vector<int64_t> order;
  const auto caller = std::this_thread::get_id();
  bool same_thread = true;
  ParallelForChunks(25, 5, 1, [&](int64_t k, int64_t, int64_t) {
    order.push_back(k);
    same_thread = same_thread && std::this_thread::get_id() == caller;
  });
  EXPECT_EQ(order, (std::vector<int64_t>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(same_thread);
}

TEST(ParallelTest, EveryItemVisitedOnceWithTwoThreads) {
  std::vector<std::atomic<int>> hits(1000);
  ParallelFor(1000, 7, 2, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) hits[i].fetch_add(1);
  });
  for (const auto& h : hits) EXPECT_EQ(h.load(), 1);
}

TEST(ParallelTest, ChunkPartialsReduceToSameBitsAcrossThreadCounts) {
  // Floating-point sums depend on order: partials combined in chunk order must not.
  std::vector<double> values(10000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = 1.0 / static_cast<double>(i + 1);
  auto sum = [&](int threads) {
    const int64_t grain = 64;
    std::vector<double> partial(ChunkCount(static_cast<int64_t>(values.size()), grain));
    ParallelForChunks(static_cast<int64_t>(values.size()), grain, threads, [&](int64_t k, int64_t b, int64_t e) {
      double s = 0;
      for (int64_t i = b; i < e; ++i) s += values[i];
      partial[k] = s;
    });
    double total = 0;
    for (double p : partial) total += p;
    return total;
  };
  EXPECT_EQ(sum(1), sum(2));
  EXPECT_EQ(sum(1), sum(3));
}

// A request is honoured up to the cores the process may use; more threads than
// cores only add switching.
TEST(ParallelTest, ResolveThreadCount) {
  const int cores = AvailableCores();
  ASSERT_GE(cores, 1);
  EXPECT_EQ(ResolveThreadCount(1), 1);
  EXPECT_EQ(ResolveThreadCount(3), std::min(3, cores));
  EXPECT_EQ(ResolveThreadCount(1024), cores);
  EXPECT_EQ(ResolveThreadCount(0), cores);
}

}  // namespace
}  // namespace stackshot
