// "Syntactic sugar": the decorator, create_worker and the FunctionWorker class make
// the same worker.
//
//   @thread_worker
//   def my_function(arg1, arg2=None): ...
//   worker = my_function('hello', arg2=42)
//
//   worker = create_worker(my_function, 'hello', arg2=42)
//
//   worker = FunctionWorker(my_function, 'hello', arg2=42)
#include <cstdio>
#include <memory>

#include "example_viewer.h"
#include "workers/create_worker.h"

using namespace stackshot;
using namespace stackshot::examples;

std::string MyFunction(const std::string& arg1, int arg2) { return arg1 + " " + std::to_string(arg2); }

int main() {
  MainLoop loop;
  std::vector<std::string> results;
  int finished = 0;
  auto watch = [&](auto& worker) {
    worker.signals().returned.Connect([&](const std::string& value) { results.push_back(value); });
    worker.signals().finished.Connect([&] { ++finished; });
    CheckOk(worker.Start(), "start");
  };

  // The decorator.
  auto my_function = ThreadWorker(MyFunction, {.loop = &loop});
  auto a = my_function(std::string("hello"), 42);
  CheckOk(a.status(), "thread_worker");
  watch(**a);

  // The factory: it picks FunctionWorker because MyFunction is not a generator.
  auto b = CreateWorker({.loop = &loop}, MyFunction, std::string("hello"), 42);
  CheckOk(b.status(), "create_worker");
  static_assert(std::is_same_v<WorkerFor<decltype(&MyFunction), std::string, int>, FunctionWorker<std::string>>);
  watch(**b);

  // The class.
  auto c = std::make_shared<FunctionWorker<std::string>>(WorkerConfig{.loop = &loop},
                                                         [] { return MyFunction("hello", 42); });
  watch(*c);

  Check(loop.RunUntil([&] { return finished == 3; }, std::chrono::minutes(1)), "all three finished");
  Check(results == std::vector<std::string>(3, "hello 42"), "the same result three ways");
  std::printf("three ways, one result: %s\n", results[0].c_str());
  return 0;
}
