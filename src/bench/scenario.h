// Scenario: one of NAP-4's representative examples, measured by `stackshot bench`.
//
// Conventions for bench/:
// - A scenario generates its data deterministically from its parameters (no files
//   needed, no randomness that depends on the run); Defaults() finish in seconds,
//   QuickDefaults() are tiny (a smoke run).
// - Setup() builds the data and the slicers; RunOnce() is one repeat and returns
//   named measurements in milliseconds (or counts); the runner repeats it until the
//   median of the primary series is stable or the time budget ends (bench_runner.h).
// - Each scenario runs on the thread that calls it; that thread is the main thread
//   of the MainLoops the scenario makes (the viewer's owner, as in render).
// - A scenario that cannot run in this build or on this machine says so through
//   Unavailable(); the runner records it as "unavailable" and compare skips it.
// - Lower is better for every primary series.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "nd/status.h"

namespace stackshot {

struct ScenarioParam {
  std::string name;
  double value = 0;
  std::string help;
};

// Parameter name → value, after defaults and overrides.
using ParamMap = std::map<std::string, double>;

// One repeat: series name → value ("async_ms" → 0.31).
using Sample = std::map<std::string, double>;

struct ScenarioContext {
  int threads = 0;  // data-parallel kernels (rasterizer, projection); 0: all cores
};

class Scenario {
 public:
  virtual ~Scenario() = default;

  virtual std::string name() const = 0;
  // What it stands for in NAP-4's terms, one line.
  virtual std::string summary() const = 0;
  // The series whose median is reported and compared ("async_ms").
  virtual std::string primary() const = 0;
  virtual std::vector<ScenarioParam> Defaults() const = 0;
  virtual std::vector<ScenarioParam> QuickDefaults() const = 0;

  // Empty when the scenario can run; else why not ("needs src/layers/points").
  virtual std::string Unavailable() const { return {}; }

  virtual Status Setup(const ParamMap& params, const ScenarioContext& context) = 0;
  virtual Result<Sample> RunOnce() = 0;
  // Figures derived from the medians of the series (a ratio, frames per second).
  virtual std::map<std::string, double> Figures(const std::map<std::string, double>& medians) const {
    (void)medians;
    return {};
  }
  // Bytes the scenario's sources delivered since Setup.
  virtual uint64_t bytes_read() const { return 0; }
};

// Every scenario, in the order `stackshot bench` runs them.
std::vector<std::string> ScenarioNames();
// Fails naming the known scenarios.
Result<std::unique_ptr<Scenario>> MakeScenario(const std::string& name);

// Merges `overrides` ("size" → 64) into the scenario's defaults; fails on a name
// the scenario does not have, listing those it has.
Result<ParamMap> ResolveParams(const Scenario& scenario, bool quick, const ParamMap& overrides);

}  // namespace stackshot
