#include "bench/bench_compare.h"

#include <cmath>
#include <cstdio>

namespace stackshot {
namespace {

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "none" : out;
}

std::string Number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.4g", v);
  return buffer;
}

// "size 64 (baseline 1024), planes 4 (baseline 16)"; empty when equal.
std::string ParamDifferences(const ParamMap& current, const ParamMap& baseline) {
  std::string out;
  auto add = [&out](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
  for (const auto& [name, value] : current) {
    auto it = baseline.find(name);
    if (it == baseline.end()) {
      add(name + " " + Number(value) + " (not in the baseline)");
    } else if (it->second != value) {
      add(name + " " + Number(value) + " (baseline " + Number(it->second) + ")");
    }
  }
  for (const auto& [name, value] : baseline) {
    if (!current.count(name)) add(name + " (only in the baseline, " + Number(value) + ")");
  }
  return out;
}

}  // namespace

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kRegressed: return "regressed";
    case Verdict::kImproved: return "improved";
    case Verdict::kUnchanged: return "unchanged";
    case Verdict::kSkipped: return "skipped";
  }
  return "unknown";
}

std::vector<const ScenarioComparison*> Comparison::With(Verdict verdict) const {
  std::vector<const ScenarioComparison*> out;
  for (const ScenarioComparison& c : scenarios) {
    if (c.verdict == verdict) out.push_back(&c);
  }
  return out;
}

Result<Comparison> CompareReports(const BenchReport& current, const BenchReport& baseline,
                                  double max_regression_pct, const std::string& baseline_name) {
  if (!std::isfinite(max_regression_pct) || max_regression_pct < 0) {
    return InvalidArgumentError("--max-regression must be a percentage ≥ 0, got " + Number(max_regression_pct));
  }
  // Every scenario run must be in the baseline, measured the same way.
  std::vector<std::string> missing, baseline_names;
  for (const ScenarioResult& s : baseline.scenarios) baseline_names.push_back(s.name);
  for (const ScenarioResult& s : current.scenarios) {
    if (!baseline.Find(s.name)) missing.push_back(s.name);
  }
  if (!missing.empty()) {
    return InvalidArgumentError(baseline_name + ": the baseline has no scenario " + Join(missing) +
                                " (it has: " + Join(baseline_names) + ")");
  }
  Comparison comparison;
  comparison.max_regression_pct = max_regression_pct;
  for (const ScenarioResult& s : current.scenarios) {
    const ScenarioResult& base = *baseline.Find(s.name);
    if (const std::string diff = ParamDifferences(s.parameters, base.parameters); !diff.empty()) {
      return InvalidArgumentError(baseline_name + ": scenario '" + s.name +
                                  "' was measured with other parameters: " + diff);
    }
    ScenarioComparison c;
    c.name = s.name;
    c.baseline_median = base.median;
    c.current_median = s.median;
    if (!s.ok() || !base.ok()) {
      c.verdict = Verdict::kSkipped;
      c.note = !s.ok() ? "this run: " + s.status : "baseline: " + base.status;
    } else if (s.primary != base.primary) {
      return InvalidArgumentError(baseline_name + ": scenario '" + s.name + "' measured '" + base.primary +
                                  "', this run measures '" + s.primary + "'");
    } else if (!(base.median > 0)) {
      c.verdict = Verdict::kSkipped;
      c.note = "baseline median is 0";
    } else {
      c.change_pct = (s.median - base.median) / base.median * 100.0;
      if (c.change_pct > max_regression_pct) {
        c.verdict = Verdict::kRegressed;
      } else if (c.change_pct < -max_regression_pct) {
        c.verdict = Verdict::kImproved;
      } else {
        c.verdict = Verdict::kUnchanged;
      }
    }
    comparison.scenarios.push_back(std::move(c));
  }
  return comparison;
}

std::string DescribeComparison(const ScenarioComparison& c, double max_regression_pct) {
  if (c.verdict == Verdict::kSkipped) return c.name + ": skipped (" + c.note + ")";
  char change[32];
  std::snprintf(change, sizeof(change), "%+.1f%%", c.change_pct);
  return c.name + ": " + Number(c.baseline_median) + " ms → " + Number(c.current_median) + " ms (" + change +
         ", limit " + Number(max_regression_pct) + "%)";
}

}  // namespace stackshot
