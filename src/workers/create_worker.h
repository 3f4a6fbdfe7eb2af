// CreateWorker and ThreadWorker: napari's create_worker and @thread_worker.
//
//   auto worker = CreateWorker({.loop = &loop}, AverageLargeImage);    // not started
//   worker.value()->signals().returned.Connect(ShowImage);
//   worker.value()->Start();
//
//   auto large_random_images = ThreadWorker(LargeRandomImages,
//       {.loop = &loop, .connect = {{"yielded", UpdateLayer}}});
//   auto started = large_random_images();   // connect given: started already
//
// A callable returning Generator<Y, R, S> makes a GeneratorWorker<Y, R, S>; any
// other a FunctionWorker<its return type>. The callable and the arguments are
// moved into the worker, which calls the callable once with the arguments moved
// in (a coroutine's reference parameters refer to the worker's copies).
//
// Errors (a Status in the Result): an unknown signal name or a callback whose
// parameter does not match the signal (see worker_signals.h), or a failed Start().
// A callback that is not callable at all does not compile.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "workers/function_worker.h"
#include "workers/generator.h"
#include "workers/generator_worker.h"
#include "workers/worker_base.h"
#include "workers/worker_registry.h"

namespace stackshot {

struct WorkerOptions {
  MainLoop* loop = nullptr;
  Delivery delivery = Delivery::kQueued;
  // Start right away; by default only when `connect` is not empty (napari).
  std::optional<bool> start_thread{};
  // Signal name → callback or {callbacks...}.
  std::map<std::string, WorkerCallbacks> connect{};
  bool ignore_errors = false;
  std::optional<ProgressSpec> progress{};
  std::string description{};
  int max_pending_yields = -1;

  WorkerConfig config() const {
    return WorkerConfig{loop, delivery, ignore_errors, progress, description, max_pending_yields};
  }
};

namespace worker_detail {

template <typename Ret, bool = IsGenerator<Ret>::value>
struct WorkerTypeFor {
  using type = FunctionWorker<Ret>;
};
template <typename Ret>
struct WorkerTypeFor<Ret, true> {
  using type = GeneratorWorker<typename Ret::yield_type, typename Ret::return_type, typename Ret::send_type>;
};

}  // namespace worker_detail

// The worker type CreateWorker makes for `fn(args...)`.
template <typename F, typename... Args>
using WorkerFor = typename worker_detail::WorkerTypeFor<std::invoke_result_t<F&, Args...>>::type;

template <typename F, typename... Args>
Result<std::shared_ptr<WorkerFor<F, Args...>>> CreateWorker(const WorkerOptions& options, F fn, Args... args) {
  using Ret = std::invoke_result_t<F&, Args...>;
  // One shared copy of the callable and arguments: move-only arguments work, and a
  // coroutine that refers to them keeps them alive through the worker.
  auto state = std::make_shared<std::tuple<F, Args...>>(std::move(fn), std::move(args)...);
  std::function<Ret()> call = [state]() -> Ret {
    return std::apply([](F& f, Args&... a) -> Ret { return std::invoke(f, std::move(a)...); }, *state);
  };
  auto worker = std::make_shared<WorkerFor<F, Args...>>(options.config(), std::move(call));
  for (const auto& [name, callbacks] : options.connect) RETURN_IF_ERROR(worker->Connect(name, callbacks));
  if (options.start_thread.value_or(!options.connect.empty())) RETURN_IF_ERROR(worker->Start());
  return worker;
}

// Decorator style: a callable that makes a worker with `options` from arguments.
template <typename F>
auto ThreadWorker(F fn, WorkerOptions options = {}) {
  return [fn = std::move(fn), options = std::move(options)](auto... args) {
    return CreateWorker(options, fn, std::move(args)...);
  };
}

}  // namespace stackshot
