// FunctionWorker, custom workers, CreateWorker/ThreadWorker options, errors.
#include "workers/function_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "worker_test_util.h"
#include "workers/create_worker.h"

namespace stackshot {
namespace {

using testing::FinishWatch;
using testing::Record;

int Add(int a, int b) { return a + b; }

TEST(FunctionWorkerTest, SuccessSignalOrder) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop}, Add, 2, 40);
  ASSERT_TRUE(worker.ok());
  static_assert(std::is_same_v<std::decay_t<decltype(*worker)>, std::shared_ptr<FunctionWorker<int>>>);
  std::vector<std::string> log;
  Record(**worker, log);
  FinishWatch watch(**worker);
  EXPECT_FALSE((*worker)->started());  // not started without connect
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, (std::vector<std::string>{"started", "returned 42", "finished"}));
  EXPECT_FALSE((*worker)->is_running());
}

TEST(FunctionWorkerTest, StartTwiceIsAnError) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop}, [] {});
  ASSERT_TRUE(worker.ok());
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  const Status again = (*worker)->Start();
  EXPECT_EQ(again.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(again.message().find("already started"), std::string::npos) << again.message();
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ((*worker)->Start().code(), StatusCode::kInvalidArgument);  // also after finishing
}

TEST(FunctionWorkerTest, StartNeedsALoopAndASharedOwner) {
  auto worker = CreateWorker(WorkerOptions{}, [] {});
  ASSERT_TRUE(worker.ok());
  EXPECT_EQ((*worker)->Start().code(), StatusCode::kInvalidArgument);
  MainLoop loop;
  FunctionWorker<void> on_stack({.loop = &loop}, [] {});
  EXPECT_EQ(on_stack.Start().code(), StatusCode::kInvalidArgument);
}

TEST(FunctionWorkerTest, ErrorWithHandlerSignalOrder) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop}, []() -> int { throw std::invalid_argument("bad value"); });
  ASSERT_TRUE(worker.ok());
  std::vector<std::string> log;
  Record(**worker, log);
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));  // a handler is connected: nothing is re-raised
  EXPECT_EQ(log, (std::vector<std::string>{"started", "errored bad value", "finished"}));
}

TEST(FunctionWorkerTest, UnhandledErrorIsReraisedOnTheMainLoop) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .description = "average image"},
                             []() -> int { throw std::runtime_error("out of memory"); });
  ASSERT_TRUE(worker.ok());
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  try {
    watch.Wait(loop);
    FAIL() << "expected a WorkerError";
  } catch (const WorkerError& e) {
    EXPECT_EQ(std::string(e.what()), "average image: out of memory");
    EXPECT_EQ(e.description(), "average image");
    EXPECT_THROW(std::rethrow_exception(e.cause()), std::runtime_error);
  }
  EXPECT_TRUE(watch.Wait(loop));  // finished still follows
}

TEST(FunctionWorkerTest, IgnoreErrorsSuppressesTheReraise) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .ignore_errors = true}, [] { throw std::runtime_error("x"); });
  ASSERT_TRUE(worker.ok());
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  EXPECT_NO_THROW(EXPECT_TRUE(watch.Wait(loop)));
}

TEST(FunctionWorkerTest, QuitBeforeStartSkipsTheFunction) {
  MainLoop loop;
  std::atomic<bool> called{false};
  auto worker = CreateWorker({.loop = &loop}, [&called] {
    called = true;
    return 1;
  });
  ASSERT_TRUE(worker.ok());
  std::vector<std::string> log;
  Record(**worker, log);
  FinishWatch watch(**worker);
  (*worker)->Quit();
  ASSERT_TRUE((*worker)->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, (std::vector<std::string>{"started", "finished"}));  // neither returned nor aborted
  EXPECT_FALSE(called);
}

TEST(FunctionWorkerTest, QuitWhileRunningDropsReturned) {
  MainLoop loop;
  std::atomic<bool> entered{false}, release{false};
  auto worker = CreateWorker({.loop = &loop}, [&] {
    entered = true;
    while (!release) std::this_thread::yield();
    return 5;
  });
  ASSERT_TRUE(worker.ok());
  std::vector<std::string> log;
  Record(**worker, log);
  FinishWatch watch(**worker);
  ASSERT_TRUE((*worker)->Start().ok());
  while (!entered) std::this_thread::yield();
  (*worker)->Quit();
  release = true;
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, (std::vector<std::string>{"started", "finished"}));
}

TEST(ThreadWorkerTest, ConnectStartsTheWorkerAndTakesAList) {
  MainLoop loop;
  std::vector<std::string> log;
  bool done = false;
  auto average = ThreadWorker([](int n) { return n * 2; },
                              {.loop = &loop,
                               .connect = {{"returned", {[&log](int v) { log.push_back("a " + std::to_string(v)); },
                                                         [&log](const int& v) { log.push_back("b " + std::to_string(v)); },
                                                         [&log] { log.push_back("c"); }}},
                                           {"finished", [&done] { done = true; }}}});
  auto worker = average(21);
  ASSERT_TRUE(worker.ok()) << worker.status().message();
  EXPECT_TRUE((*worker)->started());
  ASSERT_TRUE(loop.RunUntil([&] { return done; }, std::chrono::seconds(30)));
  EXPECT_EQ(log, (std::vector<std::string>{"a 42", "b 42", "c"}));
}

TEST(ThreadWorkerTest, StartThreadFalseWithConnectDoesNotStart) {
  MainLoop loop;
  auto make = ThreadWorker([] { return 1; }, {.loop = &loop, .start_thread = false, .connect = {{"returned", [] {}}}});
  auto worker = make();
  ASSERT_TRUE(worker.ok());
  EXPECT_FALSE((*worker)->started());
  auto started = ThreadWorker([] { return 1; }, {.loop = &loop, .start_thread = true})();
  ASSERT_TRUE(started.ok());
  EXPECT_TRUE((*started)->started());
  FinishWatch watch(**started);
  ASSERT_TRUE(watch.Wait(loop));
}

TEST(ThreadWorkerTest, UnknownSignalNameIsAnError) {
  MainLoop loop;
  auto worker = ThreadWorker([] { return 1; },
                             {.loop = &loop, .connect = {{"yieled", [] {}}}, .description = "never started"})();
  ASSERT_FALSE(worker.ok());
  EXPECT_EQ(worker.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(worker.status().message().find("unknown signal 'yieled'"), std::string::npos) << worker.status().message();
  // A function worker has no yielded signal at all.
  auto function = CreateWorker({.loop = &loop, .connect = {{"yielded", [] {}}}}, [] { return 1; });
  ASSERT_FALSE(function.ok());
  EXPECT_NE(function.status().message().find("unknown signal 'yielded'"), std::string::npos);
  for (const std::string& running : RunningWorkers()) EXPECT_NE(running, "never started");
}

TEST(ThreadWorkerTest, CallbackOfTheWrongTypeIsAnError) {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .connect = {{"returned", [](const std::string&) {}}}}, [] { return 1; });
  ASSERT_FALSE(worker.ok());
  EXPECT_NE(worker.status().message().find("signal 'returned' carries int but the callback takes std::"),
            std::string::npos)
      << worker.status().message();
  auto none = CreateWorker({.loop = &loop, .connect = {{"finished", [](int) {}}}}, [] { return 1; });
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("carries no value"), std::string::npos);
}

TEST(FunctionWorkerTest, DirectDeliveryRunHereWithoutALoop) {
  std::vector<std::string> log;
  auto worker = std::make_shared<FunctionWorker<std::string>>(WorkerConfig{.delivery = Delivery::kDirect},
                                                              [] { return std::string("hi"); });
  Record(*worker, log);
  ASSERT_TRUE(worker->RunHere().ok());
  EXPECT_EQ(log, (std::vector<std::string>{"started", "returned hi", "finished"}));
  EXPECT_EQ(worker->RunHere().code(), StatusCode::kInvalidArgument);

  // Unhandled, without a loop: rethrown from RunHere after finished.
  std::vector<std::string> log2;
  FunctionWorker<void> failing({.delivery = Delivery::kDirect, .description = "direct"},
                               [] { throw std::runtime_error("nope"); });
  failing.signals().finished.Connect([&log2] { log2.push_back("finished"); });
  EXPECT_THROW((void)failing.RunHere(), WorkerError);
  EXPECT_EQ(log2, (std::vector<std::string>{"finished"}));
}

// The guide's custom worker: its own signal, checks abort_requested in its loop.
class TickerSignals : public FunctionSignals<int> {
 public:
  TickerSignals() { Register("tick", tick); }
  Signal<const int&> tick;
  Signal<> aborted;
};

class Ticker : public Worker<int, TickerSignals> {
 public:
  Ticker(WorkerConfig config, int ticks, std::atomic<int>* gate) : Worker(std::move(config)), ticks_(ticks), gate_(gate) {}

 protected:
  int Work() override {
    for (int i = 0; i < ticks_; ++i) {
      if (ShouldStop()) {
        DeliverAborted();
        return i;
      }
      Deliver([this, i] { signals().tick.Emit(i); });
      if (gate_ != nullptr) {
        while (gate_->load() <= i && !abort_requested()) std::this_thread::yield();
      }
      if (i == 1) Warn("halfway");
    }
    return ticks_;
  }

 private:
  int ticks_;
  std::atomic<int>* gate_;
};

TEST(CustomWorkerTest, ExtraSignalsByNameAndByType) {
  MainLoop loop;
  auto worker = std::make_shared<Ticker>(WorkerConfig{.loop = &loop}, 3, nullptr);
  std::vector<std::string> log;
  Record(*worker, log);
  ASSERT_TRUE(worker->Connect("tick", [&log](int i) { log.push_back("tick " + std::to_string(i)); }).ok());
  EXPECT_FALSE(worker->Connect("tock", [] {}).ok());
  FinishWatch watch(*worker);
  ASSERT_TRUE(worker->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, (std::vector<std::string>{"started", "tick 0", "tick 1", "warned halfway", "tick 2", "returned 3",
                                           "finished"}));
}

TEST(CustomWorkerTest, QuitTakesEffectAtShouldStop) {
  MainLoop loop;
  std::atomic<int> gate{0};
  auto worker = std::make_shared<Ticker>(WorkerConfig{.loop = &loop}, 100, &gate);
  std::vector<std::string> log;
  Record(*worker, log);
  worker->signals().aborted.Connect([&log] { log.push_back("aborted"); });
  worker->signals().tick.Connect([&](int i) {
    log.push_back("tick " + std::to_string(i));
    if (i == 1) worker->Quit();
    gate = i + 1;
  });
  FinishWatch watch(*worker);
  ASSERT_TRUE(worker->Start().ok());
  ASSERT_TRUE(watch.Wait(loop));
  EXPECT_EQ(log, (std::vector<std::string>{"started", "tick 0", "tick 1", "warned halfway", "aborted", "finished"}));
}

}  // namespace
}  // namespace stackshot
