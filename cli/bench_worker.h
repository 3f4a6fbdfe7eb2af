// BenchWorker: `stackshot bench`'s scenarios run one after the other as a worker.
// The CLI's main thread shows progress (one step per scenario) and listens for
// Ctrl-C; the worker thread is the main thread of every MainLoop and viewer the
// scenarios make. A quit is honoured between repeats: the scenario in progress
// keeps the repeats it has, and the scenarios not started are left out.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bench/bench_report.h"
#include "bench/bench_runner.h"
#include "workers/function_worker.h"

namespace stackshot {

class BenchSignals : public FunctionSignals<BenchReport> {
 public:
  BenchSignals() { Register("scenario_done", scenario_done); }
  // After each scenario, with its result.
  Signal<const ScenarioResult&> scenario_done;
};

class BenchWorker final : public Worker<BenchReport, BenchSignals> {
 public:
  BenchWorker(WorkerConfig config, std::vector<std::string> scenarios, RunSettings settings);

 protected:
  BenchReport Work() override;

 private:
  std::vector<std::string> scenarios_;
  RunSettings settings_;
};

}  // namespace stackshot
