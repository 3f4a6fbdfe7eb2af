// Google Benchmark of the workers: what starting a worker and delivering its
// yields to the main loop cost.
//
//   build/release/src/bench/stackshot_worker_bench
//
// FunctionWorkerStartToFinished: create an empty FunctionWorker, Start() it and run
// the main loop until its finished signal arrives (a pool thread is reused).
// GeneratorYieldDelivered/N: a generator yields N ints; each yielded signal is
// delivered to a callback on the main loop. Time per yield and yields per second
// delivered (items_per_second). Targets: < 2 µs per yield, > 100,000 yields/s.
// GeneratorYieldDirect/N: the same with direct delivery (the coroutine and control
// checks alone). GeneratorYieldLockstep/N: each yield handled on the main loop
// before the next step (a full round trip per yield).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "workers/create_worker.h"

namespace stackshot {
namespace {

constexpr std::chrono::minutes kWait{5};

void FunctionWorkerStartToFinished(benchmark::State& state) {
  MainLoop loop;
  for (auto _ : state) {
    auto worker = std::make_shared<FunctionWorker<void>>(WorkerConfig{.loop = &loop}, [] {});
    bool finished = false;
    worker->signals().finished.Connect([&finished] { finished = true; });
    if (!worker->Start().ok() || !loop.RunUntil([&] { return finished; }, kWait)) {
      state.SkipWithError("the worker did not finish");
      break;
    }
  }
}
BENCHMARK(FunctionWorkerStartToFinished)->UseRealTime()->Unit(benchmark::kMicrosecond);

Generator<int> Count(int64_t n) {
  for (int64_t i = 0; i < n; ++i) co_yield static_cast<int>(i);
}

void RunGenerator(benchmark::State& state, Delivery delivery, int max_pending_yields) {
  const int64_t n = state.range(0);
  MainLoop loop;
  int64_t delivered = 0;
  for (auto _ : state) {
    auto worker = CreateWorker(
        {.loop = &loop, .delivery = delivery, .max_pending_yields = max_pending_yields}, Count, n);
    if (!worker.ok()) {
      state.SkipWithError(worker.status().message().c_str());
      break;
    }
    std::atomic<bool> finished{false};
    (*worker)->signals().yielded.Connect([&delivered](int) { ++delivered; });
    (*worker)->signals().finished.Connect([&finished] { finished = true; });
    if (!(*worker)->Start().ok()) {
      state.SkipWithError("start failed");
      break;
    }
    if (delivery == Delivery::kDirect) {
      while (!finished.load()) std::this_thread::yield();
    } else if (!loop.RunUntil([&] { return finished.load(); }, kWait)) {
      state.SkipWithError("the worker did not finish");
      break;
    }
  }
  if (delivery == Delivery::kQueued && delivered != n * static_cast<int64_t>(state.iterations())) {
    state.SkipWithError("a yield was not delivered");
  }
  state.SetItemsProcessed(n * static_cast<int64_t>(state.iterations()));
}

void GeneratorYieldDelivered(benchmark::State& state) { RunGenerator(state, Delivery::kQueued, -1); }
void GeneratorYieldDirect(benchmark::State& state) { RunGenerator(state, Delivery::kDirect, -1); }
void GeneratorYieldLockstep(benchmark::State& state) { RunGenerator(state, Delivery::kQueued, 0); }

BENCHMARK(GeneratorYieldDelivered)->Arg(100000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(GeneratorYieldDirect)->Arg(100000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(GeneratorYieldLockstep)->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace stackshot

BENCHMARK_MAIN();
