// The scenario factories, one per file scenarios_*.cc; scenario_registry.cc lists
// them in the order `stackshot bench` runs them.
#pragma once

#include <memory>

#include "bench/scenario.h"

namespace stackshot::bench {

std::unique_ptr<Scenario> MakeDesirableScenario();      // scenarios_image.cc
std::unique_ptr<Scenario> MakePointsScenario();         // scenarios_points.cc
std::unique_ptr<Scenario> MakeSlowStorageScenario();    // scenarios_image.cc
std::unique_ptr<Scenario> MakeMultiscalePanScenario();  // scenarios_multiscale.cc
std::unique_ptr<Scenario> MakeScrubScenario();          // scenarios_scrub.cc
std::unique_ptr<Scenario> MakeFrameExportScenario();    // scenarios_frames.cc

}  // namespace stackshot::bench
