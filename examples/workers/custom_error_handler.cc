// "Custom exception handler": without an errored handler an exception in the
// worker is re-raised on the main thread; with one, the handler decides.
//
//   def my_handler(exc):
//       if isinstance(exc, ValueError):
//           print(f"We had a minor problem {exc}")
//       else:
//           raise exc
//
//   @thread_worker(connect={"errored": my_handler})
//   def error_prone_function():
//       ...
//
// ValueError is std::invalid_argument here.
#include <cstdio>
#include <stdexcept>

#include "example_viewer.h"
#include "workers/create_worker.h"

using namespace stackshot;
using namespace stackshot::examples;

void MyHandler(std::exception_ptr exc) {
  try {
    std::rethrow_exception(exc);
  } catch (const std::invalid_argument& e) {
    std::printf("We had a minor problem %s\n", e.what());
  }
  // Anything else propagates: re-raised on the main loop.
}

int main() {
  MainLoop loop;
  int finished = 0;
  auto error_prone_function = ThreadWorker(
      [](bool minor) -> int {
        if (minor) throw std::invalid_argument("(a bad value)");
        throw std::runtime_error("the disk is on fire");
      },
      {.loop = &loop, .connect = {{"errored", MyHandler}, {"finished", [&finished] { ++finished; }}}});

  // A minor problem: handled, nothing reaches the main loop.
  auto minor = error_prone_function(true);
  CheckOk(minor.status(), "start the first worker");
  Check(loop.RunUntil([&] { return finished == 1; }, std::chrono::minutes(1)), "the first worker finished");

  // A real one: the handler re-raises it, out of the main loop.
  auto major = error_prone_function(false);
  CheckOk(major.status(), "start the second worker");
  bool raised = false;
  try {
    loop.RunUntil([&] { return finished == 2; }, std::chrono::minutes(1));
  } catch (const std::runtime_error& e) {
    raised = true;
    std::printf("re-raised on the main thread: %s\n", e.what());
  }
  Check(raised, "the handler's raise reached the main loop");
  Check(loop.RunUntil([&] { return finished == 2; }, std::chrono::minutes(1)), "the second worker finished");

  // No handler at all: re-raised too, naming the worker.
  auto unhandled = CreateWorker({.loop = &loop, .start_thread = true, .description = "error_prone_function"},
                                [] { throw std::runtime_error("unhandled"); });
  CheckOk(unhandled.status(), "start the third worker");
  bool named = false;
  bool done = false;
  (*unhandled)->signals().finished.Connect([&done] { done = true; });
  try {
    loop.RunUntil([&] { return done; }, std::chrono::minutes(1));
  } catch (const WorkerError& e) {
    named = std::string(e.what()) == "error_prone_function: unhandled";
    std::printf("without a handler: %s\n", e.what());
  }
  Check(named, "an unhandled error is re-raised as a WorkerError naming the worker");
  Check(loop.RunUntil([&] { return done; }, std::chrono::minutes(1)), "the third worker finished");
  return 0;
}
