// A small, fully known bench report for the report and compare tests.
#pragma once

#include "bench/bench_report.h"

namespace stackshot::testing {

inline ScenarioResult KnownScenario(const std::string& name, double median) {
  ScenarioResult s;
  s.name = name;
  s.summary = "summary of " + name;
  s.primary = "async_ms";
  s.parameters = {{"planes", 16}, {"size", 1024}};
  s.samples = {{"async_ms", {median * 0.9, median, median * 1.25}}, {"sync_ms", {1.0, 2.0, 3.0}}};
  s.median = median;
  s.min = median * 0.9;
  s.max = median * 1.25;
  s.stable = true;
  s.elapsed_s = 1.5;
  s.figures = {{"async_over_sync", 1.01}};
  s.peak_rss_bytes = 123456789;
  s.bytes_read = 987654321;
  return s;
}

inline BenchReport KnownReport(double desirable_ms = 2.0, double scrub_ms = 100.0) {
  BenchReport r;
  r.created = "2026-11-21T10:00:00Z";
  r.stackshot_version = "0.1.0";
  r.build_type = "Release";
  r.machine = {"host", "Linux 6.1 x86_64", "Test CPU", 2, 25769803776ull, "gcc 12"};
  r.quick = false;
  r.threads = 2;
  r.budget_s = 8;
  r.scenarios = {KnownScenario("desirable", desirable_ms), KnownScenario("scrub", scrub_ms)};
  return r;
}

}  // namespace stackshot::testing
