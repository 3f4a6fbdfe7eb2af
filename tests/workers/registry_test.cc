// The global registry: AwaitWorkers quits and waits, and names who did not stop.
#include "workers/worker_registry.h"

#include <gtest/gtest.h>

#include <atomic>

#include "worker_test_util.h"
#include "workers/create_worker.h"

namespace stackshot {
namespace {

Generator<int> Forever() {
  for (int i = 0;; ++i) co_yield i;
}

TEST(WorkerRegistryTest, AwaitWorkersQuitsEveryGenerator) {
  MainLoop loop;
  std::vector<std::shared_ptr<GeneratorWorker<int>>> workers;
  std::vector<std::string> log;
  for (int k = 0; k < 3; ++k) {
    // At most one undelivered yield: the worker then waits, and Quit wakes it.
    auto worker = CreateWorker(
        {.loop = &loop, .description = "forever " + std::to_string(k), .max_pending_yields = 1}, Forever);
    ASSERT_TRUE(worker.ok());
    (*worker)->signals().aborted.Connect([&log, k] { log.push_back("aborted " + std::to_string(k)); });
    ASSERT_TRUE((*worker)->Start().ok());
    workers.push_back(*worker);
  }
  const Status status = AwaitWorkers(std::chrono::seconds(30));
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(RunningWorkerCount(), 0u);
  for (const auto& worker : workers) {
    EXPECT_TRUE(worker->abort_requested());
    EXPECT_FALSE(worker->is_running());
  }
  loop.RunPending();
  std::sort(log.begin(), log.end());
  EXPECT_EQ(log, (std::vector<std::string>{"aborted 0", "aborted 1", "aborted 2"}));
}

TEST(WorkerRegistryTest, AwaitWorkersTimeoutNamesTheRunning) {
  MainLoop loop;
  std::atomic<bool> entered{false}, release{false};
  auto stubborn = CreateWorker({.loop = &loop, .description = "stubborn"}, [&entered, &release] {
    entered = true;
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  ASSERT_TRUE(stubborn.ok());
  ASSERT_TRUE((*stubborn)->Start().ok());
  while (!entered) std::this_thread::yield();  // a function worker ignores a quit once running
  EXPECT_EQ(RunningWorkers(), (std::vector<std::string>{"stubborn"}));
  const Status status = AwaitWorkers(std::chrono::milliseconds(20));
  EXPECT_EQ(status.code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(status.message(), "1 worker still running after 20 ms: stubborn");
  release = true;
  EXPECT_TRUE(AwaitWorkers(std::chrono::seconds(30)).ok());
  EXPECT_TRUE(RunningWorkers().empty());
  loop.RunPending();
}

TEST(WorkerRegistryTest, PoolIsBounded) {
  EXPECT_GE(WorkerThreadLimit(), 16u);
  EXPECT_LE(WorkerThreadCount(), WorkerThreadLimit());
}

}  // namespace
}  // namespace stackshot
