#include <functional>
#include <utility>

#include "bench/scenario.h"
#include "bench/scenarios.h"

namespace stackshot {
namespace {

using Factory = std::unique_ptr<Scenario> (*)();

const std::vector<std::pair<std::string, Factory>>& Registry() {
  static const std::vector<std::pair<std::string, Factory>> registry = {
      {"desirable", &bench::MakeDesirableScenario},
      {"points", &bench::MakePointsScenario},
      {"slow_storage", &bench::MakeSlowStorageScenario},
      {"multiscale_pan", &bench::MakeMultiscalePanScenario},
      {"scrub", &bench::MakeScrubScenario},
      {"frame_export", &bench::MakeFrameExportScenario},
  };
  return registry;
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

std::vector<std::string> ScenarioNames() {
  std::vector<std::string> names;
  for (const auto& [name, factory] : Registry()) names.push_back(name);
  return names;
}

Result<std::unique_ptr<Scenario>> MakeScenario(const std::string& name) {
  for (const auto& [known, factory] : Registry()) {
    if (known == name) return factory();
  }
  return NotFoundError("unknown scenario '" + name + "' (scenarios: " + Join(ScenarioNames()) + ")");
}

Result<ParamMap> ResolveParams(const Scenario& scenario, bool quick, const ParamMap& overrides) {
  ParamMap params;
  std::vector<std::string> names;
  for (const ScenarioParam& p : quick ? scenario.QuickDefaults() : scenario.Defaults()) {
    params[p.name] = p.value;
    names.push_back(p.name);
  }
  for (const auto& [name, value] : overrides) {
    if (!params.count(name)) {
      return InvalidArgumentError("scenario '" + scenario.name() + "' has no parameter '" + name +
                                  "' (it has: " + Join(names) + ")");
    }
    params[name] = value;
  }
  return params;
}

}  // namespace stackshot
