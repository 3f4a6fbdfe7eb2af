// The progress model: bars appear on start, step per yield, turn indeterminate on
// overflow; a function worker with a total warns.
#include "workers/progress.h"

#include <gtest/gtest.h>

#include "worker_test_util.h"
#include "workers/create_worker.h"

namespace stackshot {
namespace {

using testing::FinishWatch;
using Log = std::vector<std::string>;

// Writes "start render 0/3", "update 1/3", "end done 3/3" to a shared log.
class RecordingListener : public ProgressListener {
 public:
  explicit RecordingListener(Log* log) : log_(log) {}
  void OnProgressStart(const ProgressState& bar) override { log_->push_back("start " + bar.desc + " " + Text(bar)); }
  void OnProgressUpdate(const ProgressState& bar) override { log_->push_back("update " + Text(bar)); }
  void OnProgressEnd(const ProgressState& bar, ProgressOutcome outcome) override {
    log_->push_back(std::string("end ") + ProgressOutcomeName(outcome) + " " + Text(bar));
  }

 private:
  static std::string Text(const ProgressState& bar) { return std::to_string(bar.n) + "/" + std::to_string(bar.total); }
  Log* log_;
};

// Registers a recording listener for the lifetime of the test.
class ProgressTest : public ::testing::Test {
 protected:
  void SetUp() override { AddProgressListener(listener_); }
  void TearDown() override { RemoveProgressListener(listener_); }
  Log log_;
  std::shared_ptr<RecordingListener> listener_ = std::make_shared<RecordingListener>(&log_);
};

Generator<int> Yields(int n) {
  for (int i = 0; i < n; ++i) co_yield i;
}

TEST(ProgressStateTest, StepAndSetFollowTheOverflowRule) {
  ProgressState bar;
  bar.total = 2;
  bar.Step();
  bar.Step();
  EXPECT_EQ(bar.n, 2);
  EXPECT_FALSE(bar.indeterminate());
  bar.Step();  // at n == total: indeterminate, n stays
  EXPECT_EQ(bar.n, 2);
  EXPECT_TRUE(bar.indeterminate());
  bar.Step();
  EXPECT_EQ(bar.n, 3);
  ProgressState set;
  set.total = 5;
  set.Set(4);
  EXPECT_EQ(set.total, 5);
  set.Set(6);
  EXPECT_EQ(set.total, 0);
  EXPECT_EQ(set.n, 6);
}

TEST_F(ProgressTest, TotalReached) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .progress = ProgressSpec{3, "frames"}}, Yields, 3);
  ASSERT_TRUE(worker.ok());
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log_, (Log{"start frames 0/3", "update 1/3", "update 2/3", "update 3/3", "end done 3/3"}));
  EXPECT_EQ((*worker)->progress()->n, 3);
}

TEST_F(ProgressTest, TotalOverflowedBecomesIndeterminate) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .progress = ProgressSpec{3, "frames"}}, Yields, 5);
  ASSERT_TRUE(worker.ok());
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log_, (Log{"start frames 0/3", "update 1/3", "update 2/3", "update 3/3", "update 3/0", "update 4/0",
                       "end done 4/0"}));
  EXPECT_TRUE((*worker)->progress()->indeterminate());
}

TEST_F(ProgressTest, BarAppearsOnStartNotOnCreation) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .progress = ProgressSpec{2, "later"}}, Yields, 2);
  ASSERT_TRUE(worker.ok());
  loop.RunPending();
  EXPECT_TRUE(log_.empty());
  EXPECT_FALSE((*worker)->progress().has_value());
  (*worker)->signals().started.Connect([this] { log_.push_back("started signal"); });
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  ASSERT_GE(log_.size(), 2u);
  EXPECT_EQ(log_[0], "start later 0/2");
  EXPECT_EQ(log_[1], "started signal");
}

TEST_F(ProgressTest, QuitEndsTheBarAsAborted) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .progress = ProgressSpec{10, "q"}, .max_pending_yields = 0}, Yields, 10);
  ASSERT_TRUE(worker.ok());
  auto& w = **worker;
  w.signals().yielded.Connect([&w](int v) {
    if (v == 1) w.Quit();
  });
  FinishWatch watch(w);
  ASSERT_TRUE(w.Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log_, (Log{"start q 0/10", "update 1/10", "update 2/10", "end aborted 2/10"}));
}

TEST_F(ProgressTest, FunctionWorkerWithATotalWarnsAndIsIndeterminate) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .progress = ProgressSpec{5, "average"}}, [] { return 1; });
  ASSERT_TRUE(worker.ok());
  Log signals;
  testing::Record(**worker, signals);
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log_, (Log{"start average 0/0", "end done 0/0"}));
  ASSERT_EQ(signals.size(), 4u);
  EXPECT_EQ(signals[0], "started");
  EXPECT_EQ(signals[1].rfind("warned worker 'average': a function worker does not yield", 0), 0u) << signals[1];
  EXPECT_EQ(signals[2], "returned 1");
  EXPECT_EQ(signals[3], "finished");
}

}  // namespace
}  // namespace stackshot
