// stackshot bench: NAP-4's representative scenarios, measured (src/bench/). A table
// on stdout, progress on stderr; --json writes the report, --compare gates on a
// baseline (exit 1 naming every regression), --html draws each scenario against it.
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>

#include "bench/bench_compare.h"
#include "bench/bench_html.h"
#include "bench/bench_report.h"
#include "bench/bench_runner.h"
#include "bench/scenario.h"
#include "bench_worker.h"
#include "commands.h"
#include "interrupts.h"
#include "run_worker.h"
#include "terminal_progress.h"

namespace stackshot {
namespace {

std::string Num(double v, const char* format = "%.4g") {
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), format, v);
  return buffer;
}

std::string Pad(std::string text, size_t width) {
  // Pads by characters shown (UTF-8 continuation bytes take no column).
  size_t shown = 0;
  for (unsigned char c : text) shown += (c & 0xC0) != 0x80;
  if (shown < width) text.append(width - shown, ' ');
  return text;
}

// "scrub.read_ms=50" → overrides["scrub"]["read_ms"] = 50.
Status ParseParam(const std::string& text, std::map<std::string, ParamMap>& overrides) {
  const size_t dot = text.find('.');
  const size_t eq = text.find('=');
  if (dot == std::string::npos || eq == std::string::npos || dot > eq || dot == 0 || eq == dot + 1) {
    return InvalidArgumentError("--param " + text + ": expected SCENARIO.NAME=NUMBER (e.g. scrub.read_ms=50)");
  }
  const std::string scenario = text.substr(0, dot);
  const std::string name = text.substr(dot + 1, eq - dot - 1);
  const std::string value = text.substr(eq + 1);
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !std::isfinite(number)) {
    return InvalidArgumentError("--param " + text + ": '" + value + "' is not a number");
  }
  overrides[scenario][name] = number;
  return Status::Ok();
}

void PrintTable(const std::vector<ScenarioResult>& results) {
  std::printf("%s\n", (Pad("scenario", 16) + Pad("samples", 9) + Pad("median", 12) + Pad("min", 12) +
                       Pad("max", 12) + Pad("peak mem", 12) + "read")
                          .c_str());
  for (const ScenarioResult& s : results) {
    if (!s.ok()) {
      std::printf("%s%s: %s\n", Pad(s.name, 16).c_str(), s.status.c_str(), s.note.c_str());
      continue;
    }
    auto it = s.samples.find(s.primary);
    const size_t n = it == s.samples.end() ? 0 : it->second.size();
    std::printf("%s\n", (Pad(s.name, 16) + Pad(std::to_string(n) + (s.stable ? "" : "*"), 9) +
                         Pad(Num(s.median, "%.3f") + " ms", 12) + Pad(Num(s.min, "%.3f") + " ms", 12) +
                         Pad(Num(s.max, "%.3f") + " ms", 12) + Pad(FormatBytes(s.peak_rss_bytes), 12) +
                         FormatBytes(s.bytes_read))
                            .c_str());
    std::string figures;
    for (const auto& [name, value] : s.figures) figures += (figures.empty() ? "" : ", ") + name + " " + Num(value);
    std::printf("  %s; %s\n", s.primary.c_str(), figures.c_str());
  }
  std::printf("(median, min, max of the primary series; * = stopped by the time budget or --quick, not a stable "
              "median)\n");
  std::fflush(stdout);
}

}  // namespace

void SetupBench(CLI::App& app, BenchOptions& options) {
  app.add_option("--scenario", options.scenarios,
                 "Run only this scenario (repeatable): desirable, points, slow_storage, multiscale_pan, scrub, "
                 "frame_export");
  app.add_flag("--quick", options.quick, "Smoke run: every scenario once, with tiny data (seconds)");
  app.add_option("--json", options.json, "Write the report as JSON to FILE (schema in docs/benchmarks.md)");
  app.add_option("--compare", options.compare,
                 "Compare with a baseline report (an earlier --json); exit 1 when a median regressed");
  app.add_option("--max-regression", options.max_regression,
                 "With --compare: the largest median increase allowed, in percent (default 10)");
  app.add_option("--html", options.html, "Write a self-contained HTML page with a chart per scenario");
  app.add_option("--param", options.params,
                 "Override a scenario parameter: SCENARIO.NAME=NUMBER (e.g. points.points=2e7); repeatable");
  app.add_option("--budget", options.budget_s, "Time budget per scenario in seconds (default 8)");
  app.add_flag("--list", options.list, "List the scenarios and their parameters, then exit");
}

int RunBench(const BenchOptions& options, const CommonOptions& common) {
  // Check every input before anything is measured.
  if (options.list) {
    for (const std::string& name : ScenarioNames()) {
      auto scenario = MakeScenario(name);
      if (!scenario.ok()) return ReportError(scenario.status().message());
      std::printf("%s — %s\n", name.c_str(), (*scenario)->summary().c_str());
      for (const ScenarioParam& p : (*scenario)->Defaults()) {
        std::printf("  %s = %s  %s\n", p.name.c_str(), Num(p.value).c_str(), p.help.c_str());
      }
      if (std::string why = (*scenario)->Unavailable(); !why.empty()) std::printf("  (unavailable: %s)\n", why.c_str());
    }
    return kExitOk;
  }
  if (!std::isfinite(options.max_regression) || options.max_regression < 0) {
    LogError("--max-regression must be a percentage ≥ 0, got " + Num(options.max_regression));
    return kExitUsage;
  }
  if (!std::isfinite(options.budget_s) || options.budget_s <= 0) {
    LogError("--budget must be a positive number of seconds, got " + Num(options.budget_s));
    return kExitUsage;
  }
  std::vector<std::string> names = options.scenarios.empty() ? ScenarioNames() : options.scenarios;
  RunSettings settings;
  settings.quick = options.quick;
  settings.threads = common.threads;
  settings.budget_s = options.budget_s;
  for (const std::string& param : options.params) {
    if (Status status = ParseParam(param, settings.overrides); !status.ok()) {
      LogError(status.message());
      return kExitUsage;
    }
  }
  // What the run will measure, for checking names, parameters and the baseline.
  BenchReport planned;
  for (const std::string& name : names) {
    auto scenario = MakeScenario(name);
    if (!scenario.ok()) {
      LogError(scenario.status().message());
      return kExitUsage;
    }
    if (planned.Find(name)) continue;
    auto overrides = settings.overrides.find(name);
    auto params = ResolveParams(**scenario, options.quick,
                                overrides == settings.overrides.end() ? ParamMap{} : overrides->second);
    if (!params.ok()) {
      LogError(params.status().message());
      return kExitUsage;
    }
    ScenarioResult s;
    s.name = name;
    s.primary = (*scenario)->primary();
    s.parameters = *params;
    s.status = (*scenario)->Unavailable().empty() ? "ok" : "unavailable";
    planned.scenarios.push_back(s);
  }
  for (const auto& [scenario, params] : settings.overrides) {
    if (!planned.Find(scenario)) {
      LogError("--param " + scenario + ".…: scenario '" + scenario + "' is not run (unknown or not selected)");
      return kExitUsage;
    }
  }
  names.clear();
  for (const ScenarioResult& s : planned.scenarios) names.push_back(s.name);
  std::optional<BenchReport> baseline;
  if (!options.compare.empty()) {
    auto read = ReadReport(options.compare);
    if (!read.ok()) return ReportError("--compare: " + read.status().message());
    baseline = std::move(*read);
    if (auto check = CompareReports(planned, *baseline, options.max_regression, options.compare); !check.ok()) {
      return ReportError("--compare: " + check.status().message());
    }
  }

  // Run, collecting results on this thread as each scenario finishes (a Ctrl-C
  // keeps what was measured).
  MainLoop loop;
  BenchReport report = NewReport(settings);
  auto worker = std::make_shared<BenchWorker>(WorkerConfig{.loop = &loop, .description = "bench"}, names, settings);
  worker->signals().scenario_done.Connect([&report, &common](const ScenarioResult& s) {
    report.scenarios.push_back(s);
    if (common.verbose || s.status == "failed") {
      LogLine(s.name + ": " + (s.ok() ? Num(s.median, "%.3f") + " ms median of " +
                                            std::to_string(s.samples.at(s.primary).size()) + " samples"
                                      : s.status + " (" + s.note + ")"));
    }
  });
  const WorkerRun run = RunWorker(loop, *worker);
  if (run.error) return ReportError(*run.error);

  PrintTable(report.scenarios);
  if (!options.json.empty()) {
    if (Status status = WriteReport(report, options.json); !status.ok()) return ReportError(status.message());
  }
  std::optional<Comparison> comparison;
  if (baseline) {
    auto compared = CompareReports(report, *baseline, options.max_regression, options.compare);
    if (!compared.ok()) return ReportError("--compare: " + compared.status().message());
    comparison = std::move(*compared);
  }
  if (!options.html.empty()) {
    const std::string html =
        RenderBenchHtml(report, baseline ? &*baseline : nullptr, comparison ? &*comparison : nullptr);
    if (Status status = WriteBenchHtml(html, options.html); !status.ok()) return ReportError(status.message());
  }
  if (run.signal != 0) {
    LogLine("stackshot: interrupted by " + interrupts::SignalName(run.signal) + "; measured " +
            std::to_string(report.scenarios.size()) + " of " + std::to_string(names.size()) + " scenarios");
    return 128 + run.signal;
  }
  int failed = 0;
  for (const ScenarioResult& s : report.scenarios) failed += s.status == "failed";
  if (comparison) {
    std::printf("compared with %s (limit +%s%%):\n", options.compare.c_str(), Num(options.max_regression).c_str());
    for (const ScenarioComparison& c : comparison->scenarios) {
      std::printf("  %s: %s\n", VerdictName(c.verdict), DescribeComparison(c, options.max_regression).c_str());
    }
    std::fflush(stdout);
    const auto regressed = comparison->With(Verdict::kRegressed);
    if (!regressed.empty()) {
      std::string list;
      for (const ScenarioComparison* c : regressed) list += (list.empty() ? "" : ", ") + c->name;
      return ReportError("regressed by more than " + Num(options.max_regression) + "%: " + list);
    }
  }
  if (failed > 0) return ReportError(std::to_string(failed) + " scenario(s) failed (see the table)");
  return kExitOk;
}

}  // namespace stackshot
