// Running scenarios: repeats until the median is stable or the time budget ends,
// and measures what every scenario shares (peak memory, bytes read, elapsed time).
//
// Stopping rule: at least min_samples repeats and min_time_s (unless the budget
// ends first; there is always one), then stop once the median of the primary series after each of
// the last three repeats stayed within stable_pct of the current median. Quick mode
// runs every scenario exactly once with its tiny QuickDefaults.
//
// Peak memory: the process's resident peak (VmHWM) while the scenario ran; the peak
// is reset before each scenario through /proc/self/clear_refs where Linux allows it,
// else it is the process's peak so far (getrusage).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "bench/bench_report.h"
#include "bench/scenario.h"

namespace stackshot {

struct RunSettings {
  bool quick = false;
  int threads = 0;
  double budget_s = 8;  // per scenario
  int min_samples = 5;
  double min_time_s = 1.0;  // a stable median ends the repeats only after this long
  int max_samples = 1000;
  double stable_pct = 1.0;
  std::map<std::string, ParamMap> overrides;  // scenario → parameter overrides
  // Polled between repeats: true stops the run (Ctrl-C); the result so far is kept.
  std::function<bool()> should_stop;
  // After each repeat: scenario name, repeats so far.
  std::function<void(const std::string&, int)> on_sample;
};

// Never fails: a failing scenario gives status "failed" and its error in `note`;
// one that cannot run yet gives "unavailable".
ScenarioResult RunScenario(Scenario& scenario, const RunSettings& settings);

// A report header for this machine and build, with no scenarios yet.
BenchReport NewReport(const RunSettings& settings);

// Resets the process's resident peak where the kernel allows it; returns whether it did.
bool ResetPeakRss();
uint64_t PeakRssBytes();

}  // namespace stackshot
