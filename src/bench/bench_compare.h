// Comparing a bench run with a baseline report: CI gates on the verdict.
//
// A scenario regressed when its median (of the primary series) grew by more than
// max_regression_pct over the baseline's; it improved when it shrank by more than
// that much; anything in between is unchanged (noise). Scenarios that are not "ok"
// in either report are skipped with a note. The baseline must describe the same
// scenarios: a scenario that was run but is missing from the baseline, or that was
// run with other parameters or another primary series, is an error naming it.
#pragma once

#include <string>
#include <vector>

#include "bench/bench_report.h"
#include "nd/status.h"

namespace stackshot {

enum class Verdict { kRegressed, kImproved, kUnchanged, kSkipped };
const char* VerdictName(Verdict verdict);  // "regressed", "improved", "unchanged", "skipped"

struct ScenarioComparison {
  std::string name;
  double baseline_median = 0;
  double current_median = 0;
  double change_pct = 0;  // (current - baseline) / baseline × 100
  Verdict verdict = Verdict::kUnchanged;
  std::string note;       // why it was skipped
};

struct Comparison {
  double max_regression_pct = 0;
  std::vector<ScenarioComparison> scenarios;  // in the current report's order

  std::vector<const ScenarioComparison*> With(Verdict verdict) const;
  bool regressed() const { return !With(Verdict::kRegressed).empty(); }
};

// `baseline_name` names the baseline in messages (its path). Fails on a negative or
// non-finite threshold and on a baseline of other scenarios (see above).
Result<Comparison> CompareReports(const BenchReport& current, const BenchReport& baseline,
                                  double max_regression_pct, const std::string& baseline_name);

// "desirable: 0.312 ms → 0.375 ms (+20.2%, limit 10%)".
std::string DescribeComparison(const ScenarioComparison& c, double max_regression_pct);

}  // namespace stackshot
