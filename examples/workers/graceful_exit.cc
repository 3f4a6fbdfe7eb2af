// "Graceful exit": quitting the program while workers run. A generator is asked to
// stop at its next yield and stops at once; a plain function cannot be told, so
// closing has to wait for it to finish (here it finishes when released, so that
// the example does not depend on timing). await_workers does the asking and the
// waiting; on a timeout it names who is still running.
#include <atomic>
#include <cstdio>
#include <thread>

#include "example_viewer.h"
#include "workers/create_worker.h"

using namespace stackshot;
using namespace stackshot::examples;

Generator<int> YieldForever() {
  for (int i = 0;; ++i) {
    co_yield i;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

int main() {
  MainLoop loop;
  std::atomic<bool> entered{false}, may_finish{false};
  bool generator_aborted = false;

  auto forever = CreateWorker({.loop = &loop, .description = "yield_random_images_forever"}, YieldForever);
  CheckOk(forever.status(), "create the generator worker");
  (*forever)->signals().aborted.Connect([&] { generator_aborted = true; });
  auto average = CreateWorker({.loop = &loop, .description = "average_large_image"}, [&] {
    entered = true;
    while (!may_finish) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // a long computation
    return 0.5;
  });
  CheckOk(average.status(), "create the function worker");
  CheckOk((*forever)->Start(), "start the generator");
  CheckOk((*average)->Start(), "start the function");
  while (!entered) std::this_thread::yield();
  loop.RunPending();

  // The user closes the program without pressing STOP.
  const Status first = AwaitWorkers(std::chrono::milliseconds(100));
  std::printf("closing: %s\n", first.ok() ? "done" : first.message().c_str());
  Check(first.code() == StatusCode::kDeadlineExceeded, "the function worker could not be asked to stop");
  Check(first.message() == "1 worker still running after 100 ms: average_large_image", "it is named");
  Check(!(*forever)->is_running(), "the generator stopped at its next yield");

  may_finish = true;  // the long function finally returns
  CheckOk(AwaitWorkers(std::chrono::minutes(1)), "then every worker is done");
  Check(RunningWorkers().empty(), "no orphaned threads");
  loop.RunPending();
  Check(generator_aborted, "the generator emitted aborted");
  std::printf("closed without orphaned threads\n");
  return 0;
}
