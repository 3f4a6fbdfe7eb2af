// GeneratorWorker: napari's pause / resume / send / quit semantics.
#include "workers/generator_worker.h"

#include <gtest/gtest.h>

#include <future>
#include <stdexcept>

#include "worker_test_util.h"
#include "workers/create_worker.h"

namespace stackshot {
namespace {

using testing::FinishWatch;
using testing::Record;
using Log = std::vector<std::string>;

// The upstream scenario's generator.
Generator<int, int> CountWithSend() {
  int i = 0;
  while (i < 10) {
    i += 1;
    std::optional<int> v = co_yield i;
    i = v ? *v : i;
  }
  co_return 3;
}

// On yielded 2 pause(); on paused toggle_pause(); on yielded 3 send(7); on
// yielded 9 quit().
template <typename W>
void Interact(W& worker) {
  worker.signals().yielded.Connect([&worker](int v) {
    if (v == 2) worker.Pause();
    if (v == 3) worker.Send(7);
    if (v == 9) worker.Quit();
  });
  worker.signals().paused.Connect([&worker] { worker.TogglePause(); });
}

const Log kScenario = {"started",  "yielded 1", "yielded 2", "paused",  "resumed",
                       "yielded 3", "yielded 8", "yielded 9", "aborted", "finished"};

TEST(GeneratorWorkerTest, PauseToggleSendQuitScenarioQueuedLockstep) {
  MainLoop loop;
  // Lockstep: each yield is handled on the main loop before the next step, so the
  // scenario does not depend on timing.
  auto worker = CreateWorker({.loop = &loop, .max_pending_yields = 0}, CountWithSend);
  ASSERT_TRUE(worker.ok());
  static_assert(std::is_same_v<std::decay_t<decltype(*worker)>, std::shared_ptr<GeneratorWorker<int, int>>>);
  Log log;
  Record(**worker, log);
  Interact(**worker);
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, kScenario);
  EXPECT_FALSE((*worker)->is_paused());
  EXPECT_FALSE((*worker)->is_running());
}

TEST(GeneratorWorkerTest, PauseToggleSendQuitScenarioDirect) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .delivery = Delivery::kDirect}, CountWithSend);
  ASSERT_TRUE(worker.ok());
  Log log;  // touched only on the worker thread until finished
  Record(**worker, log);
  Interact(**worker);
  std::promise<void> finished;
  (*worker)->signals().finished.Connect([&finished] { finished.set_value(); });
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_EQ(finished.get_future().wait_for(testing::kWait), std::future_status::ready);
  EXPECT_EQ(log, kScenario);
  EXPECT_FALSE((*worker)->is_paused());
}

TEST(GeneratorWorkerTest, FreshRunReturnsThree) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop}, CountWithSend);
  ASSERT_TRUE(worker.ok());
  Log log;
  Record(**worker, log);
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  Log expected = {"started"};
  for (int i = 1; i <= 10; ++i) expected.push_back("yielded " + std::to_string(i));
  expected.insert(expected.end(), {"returned 3", "finished"});
  EXPECT_EQ(log, expected);
}

TEST(GeneratorWorkerTest, QuitBeforeStartNeverRunsTheBody) {
  MainLoop loop;
  std::atomic<bool> ran{false};
  auto worker = CreateWorker({.loop = &loop}, [&ran]() -> Generator<int> {
    ran = true;
    co_yield 1;
  });
  ASSERT_TRUE(worker.ok());
  Log log;
  Record(**worker, log);
  FinishWatch watch(**worker);
  (*worker)->Quit();
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, (Log{"started", "aborted", "finished"}));
  EXPECT_FALSE(ran);
}

Generator<int> Forever() {
  for (int i = 1;; ++i) co_yield i;
}

TEST(GeneratorWorkerTest, QuitWhilePaused) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .max_pending_yields = 0}, Forever);
  ASSERT_TRUE(worker.ok());
  Log log;
  Record(**worker, log);
  auto& w = **worker;
  w.signals().yielded.Connect([&w](int v) {
    if (v == 2) w.Pause();
  });
  w.signals().paused.Connect([&w, &log] {
    log.push_back(w.is_paused() ? "is_paused" : "not paused");
    w.Quit();
  });
  FinishWatch watch(w);
  ASSERT_TRUE(w.Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, (Log{"started", "yielded 1", "yielded 2", "paused", "is_paused", "aborted", "finished"}));
  EXPECT_FALSE(w.is_paused());
}

TEST(GeneratorWorkerTest, PauseOnlyWhileRunningResumeOnlyWhilePaused) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .max_pending_yields = 0}, []() -> Generator<int> {
    co_yield 1;
    co_yield 2;
  });
  ASSERT_TRUE(worker.ok());
  auto& w = **worker;
  w.Pause();  // not running yet: ignored
  Log log;
  Record(w, log);
  w.signals().yielded.Connect([&w](int v) {
    if (v != 1) return;
    w.Resume();  // not paused: ignored, so it cannot cancel the pause below
    w.Pause();
  });
  // Had the early Resume counted, the worker would resume on its own and this
  // toggle would pause it a second time.
  w.signals().paused.Connect([&w] { w.TogglePause(); });
  FinishWatch watch(w);
  ASSERT_TRUE(w.Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, (Log{"started", "yielded 1", "paused", "resumed", "yielded 2", "returned", "finished"}));
}

TEST(GeneratorWorkerTest, TwoSendsBetweenYieldsLastWins) {
  MainLoop loop;
  auto received = std::make_shared<std::vector<std::string>>();
  auto worker = CreateWorker({.loop = &loop, .max_pending_yields = 0}, [received]() -> Generator<int> {
    for (int i = 1; i <= 3; ++i) {
      std::optional<int> v = co_yield i;
      received->push_back(v ? std::to_string(*v) : "none");
    }
  });
  ASSERT_TRUE(worker.ok());
  auto& w = **worker;
  w.Send(5);  // before the first step: kept for the first co_yield
  w.signals().yielded.Connect([&w](int v) {
    if (v == 2) {
      w.Send(10);
      w.Send(20);
    }
  });
  FinishWatch watch(w);
  ASSERT_TRUE(w.Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(*received, (std::vector<std::string>{"5", "20", "none"}));
}

TEST(GeneratorWorkerTest, ErrorSignalOrder) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop}, []() -> Generator<int, std::string> {
    co_yield 1;
    throw std::runtime_error("boom");
  });
  ASSERT_TRUE(worker.ok());
  Log log;
  Record(**worker, log);
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, (Log{"started", "yielded 1", "errored boom", "finished"}));
}

TEST(GeneratorWorkerTest, UnhandledGeneratorErrorNamesTheWorker) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .description = "frames"}, []() -> Generator<int> {
    co_yield 1;
    throw std::runtime_error("disk full");
  });
  ASSERT_TRUE(worker.ok());
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  EXPECT_THROW(
      {
        try {
          watch.Wait(loop);
        } catch (const WorkerError& e) {
          EXPECT_STREQ(e.what(), "frames: disk full");
          throw;
        }
      },
      WorkerError);
  EXPECT_TRUE(watch.Wait(loop));  // the worker still posts finished: keep the loop until then
}

TEST(GeneratorWorkerTest, RunHereDirectDrivesTheGeneratorOnThisThread) {
  GeneratorWorker<int, int> worker({.delivery = Delivery::kDirect}, CountWithSend);
  Log log;
  Record(worker, log);
  worker.signals().yielded.Connect([&worker](int v) {
    if (v == 4) worker.Send(9);  // jumps to 10 after the next resume
  });
  ASSERT_TRUE(worker.RunHere().ok());
  EXPECT_EQ(log, (Log{"started", "yielded 1", "yielded 2", "yielded 3", "yielded 4", "yielded 10", "returned 3",
                      "finished"}));
}

TEST(GeneratorWorkerTest, ArgumentsAndMoveOnlyValuesReachTheCoroutine) {
  MainLoop loop;
  auto make = ThreadWorker(
      [](std::unique_ptr<int> start, const std::string& label) -> Generator<std::string, std::string> {
        for (int i = *start; i < *start + 2; ++i) co_yield label + std::to_string(i);
        co_return label + "done";
      },
      {.loop = &loop});
  auto worker = make(std::make_unique<int>(5), std::string("n"));
  ASSERT_TRUE(worker.ok());
  Log log;
  Record(**worker, log);
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, (Log{"started", "yielded n5", "yielded n6", "returned ndone", "finished"}));
}

}  // namespace
}  // namespace stackshot
