#include "bench_worker.h"

#include <memory>

#include "bench/scenario.h"

namespace stackshot {

BenchWorker::BenchWorker(WorkerConfig config, std::vector<std::string> scenarios, RunSettings settings)
    : Worker(std::move(config)), scenarios_(std::move(scenarios)), settings_(std::move(settings)) {}

BenchReport BenchWorker::Work() {
  BenchReport report = NewReport(settings_);
  BeginProgress({static_cast<int64_t>(scenarios_.size()), settings_.quick ? "bench (quick)" : "bench"});
  RunSettings settings = settings_;
  settings.should_stop = [this] { return ShouldStop(); };
  for (const std::string& name : scenarios_) {
    if (ShouldStop()) break;
    auto scenario = MakeScenario(name);
    ScenarioResult result;
    if (scenario.ok()) {
      result = RunScenario(**scenario, settings);
    } else {
      result.name = name;
      result.status = "failed";
      result.note = scenario.status().message();
    }
    report.scenarios.push_back(result);
    Deliver([this, result] { signals().scenario_done.Emit(result); });
    AdvanceProgress();
  }
  return report;
}

}  // namespace stackshot
