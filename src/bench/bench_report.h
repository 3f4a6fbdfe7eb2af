// BenchReport: the results of one `stackshot bench` run, and its JSON form.
//
// The JSON schema (version 1; docs/benchmarks.md documents it for scripts):
//   {"schema": "stackshot-bench", "version": 1, "created": "2026-11-21T10:00:00Z",
//    "stackshot_version": "0.1.0", "build_type": "Release",
//    "machine": {"hostname", "os", "cpu", "cpus", "memory_bytes", "compiler"},
//    "settings": {"quick", "threads", "budget_s"},
//    "scenarios": [{"name", "summary", "status": "ok|unavailable|failed", "note",
//                   "primary", "unit": "ms", "parameters": {name: number},
//                   "samples": {series: [numbers, in run order]},
//                   "median", "min", "max", "stable", "elapsed_s",
//                   "figures": {name: number}, "peak_rss_bytes", "bytes_read"}]}
// median/min/max are those of samples[primary]. A reader refuses another schema or
// version, naming both.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bench/scenario.h"
#include "nd/status.h"

namespace stackshot {

inline constexpr int kBenchSchemaVersion = 1;
inline constexpr const char* kBenchSchemaName = "stackshot-bench";

struct MachineInfo {
  std::string hostname;
  std::string os;   // "Linux 6.1.0-13-amd64"
  std::string cpu;  // /proc/cpuinfo's model name
  int cpus = 0;
  uint64_t memory_bytes = 0;
  std::string compiler;
};
MachineInfo DescribeMachine();

// CMAKE_BUILD_TYPE of this build ("Release"); "unknown" when it was not set.
std::string BuildType();
std::string StackshotVersion();
// Now, "2026-11-21T10:00:00Z".
std::string UtcTimestamp();

struct SeriesStats {
  double median = 0, min = 0, max = 0;
};
// The median of an even count is the mean of the two middle values.
SeriesStats Summarize(std::vector<double> values);

struct ScenarioResult {
  std::string name;
  std::string summary;
  std::string status = "ok";  // "ok", "unavailable" (cannot run in this build or on this machine), "failed"
  std::string note;           // why it is unavailable, or the error
  std::string primary;        // the series median/min/max describe
  ParamMap parameters;
  std::map<std::string, std::vector<double>> samples;
  double median = 0, min = 0, max = 0;
  bool stable = false;  // stopped because the median settled (not the time budget)
  double elapsed_s = 0;
  std::map<std::string, double> figures;
  uint64_t peak_rss_bytes = 0;
  uint64_t bytes_read = 0;

  bool ok() const { return status == "ok"; }
};

struct BenchReport {
  int version = kBenchSchemaVersion;
  std::string created;
  std::string stackshot_version;
  std::string build_type;
  MachineInfo machine;
  bool quick = false;
  int threads = 0;
  double budget_s = 0;
  std::vector<ScenarioResult> scenarios;

  const ScenarioResult* Find(const std::string& name) const;
};

std::string ReportToJson(const BenchReport& report);
// `where` names the input in messages ("baseline.json").
Result<BenchReport> ParseReport(const std::string& text, const std::string& where);
Status WriteReport(const BenchReport& report, const std::string& path);
Result<BenchReport> ReadReport(const std::string& path);

}  // namespace stackshot
