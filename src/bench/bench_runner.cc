#include "bench/bench_runner.h"

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <string>

namespace stackshot {
namespace {

using Clock = std::chrono::steady_clock;

double Median(const std::vector<double>& values) { return Summarize(values).median; }

bool WithinPct(double a, double b, double pct) {
  if (b == 0) return a == 0;
  return std::fabs(a - b) / std::fabs(b) * 100.0 <= pct;
}

}  // namespace

bool ResetPeakRss() {
  // "5" resets the peak resident set size (Linux ≥ 4.0).
  std::ofstream out("/proc/self/clear_refs");
  if (!out) return false;
  out << "5";
  out.close();
  return static_cast<bool>(out);
}

uint64_t PeakRssBytes() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;  // "VmHWM:  1234 kB"
  }
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) == 0) return static_cast<uint64_t>(usage.ru_maxrss) * 1024;
  return 0;
}

BenchReport NewReport(const RunSettings& settings) {
  BenchReport report;
  report.created = UtcTimestamp();
  report.stackshot_version = StackshotVersion();
  report.build_type = BuildType();
  report.machine = DescribeMachine();
  report.quick = settings.quick;
  report.threads = settings.threads;
  report.budget_s = settings.budget_s;
  return report;
}

ScenarioResult RunScenario(Scenario& scenario, const RunSettings& settings) {
  ScenarioResult result;
  result.name = scenario.name();
  result.summary = scenario.summary();
  result.primary = scenario.primary();
  const auto start = Clock::now();
  auto finish = [&](std::string status, std::string note) {
    result.status = std::move(status);
    result.note = std::move(note);
    result.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
  };

  const auto overrides = settings.overrides.find(result.name);
  auto params = ResolveParams(scenario, settings.quick, overrides == settings.overrides.end() ? ParamMap{}
                                                                                              : overrides->second);
  if (!params.ok()) return finish("failed", params.status().message());
  result.parameters = *params;
  if (std::string why = scenario.Unavailable(); !why.empty()) return finish("unavailable", why);

  ResetPeakRss();
  if (Status status = scenario.Setup(*params, ScenarioContext{settings.threads}); !status.ok()) {
    return finish("failed", status.message());
  }
  const double budget = settings.budget_s;
  const int wanted_min = settings.quick ? 1 : std::max(1, settings.min_samples);
  const int wanted_max = settings.quick ? 1 : std::max(wanted_min, settings.max_samples);
  std::vector<double> medians;  // of the primary series after each repeat
  for (int n = 1; n <= wanted_max; ++n) {
    Result<Sample> sample = scenario.RunOnce();
    if (!sample.ok()) return finish("failed", sample.status().message());
    for (const auto& [series, value] : *sample) result.samples[series].push_back(value);
    if (!sample->count(result.primary)) {
      return finish("failed", "internal: the scenario gave no '" + result.primary + "' sample");
    }
    if (settings.on_sample) settings.on_sample(result.name, n);
    medians.push_back(Median(result.samples[result.primary]));
    if (settings.should_stop && settings.should_stop()) break;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (n >= wanted_min && elapsed >= settings.min_time_s && medians.size() >= 4) {
      const double now = medians.back();
      bool stable = true;
      for (size_t i = medians.size() - 4; i + 1 < medians.size(); ++i) stable = stable && WithinPct(medians[i], now, settings.stable_pct);
      if (stable) {
        result.stable = true;
        break;
      }
    }
    if (elapsed >= budget) break;
  }

  const SeriesStats stats = Summarize(result.samples[result.primary]);
  result.median = stats.median;
  result.min = stats.min;
  result.max = stats.max;
  std::map<std::string, double> medians_by_series;
  for (const auto& [series, values] : result.samples) medians_by_series[series] = Median(values);
  result.figures = scenario.Figures(medians_by_series);
  result.peak_rss_bytes = PeakRssBytes();
  result.bytes_read = scenario.bytes_read();
  return finish("ok", "");
}

}  // namespace stackshot
