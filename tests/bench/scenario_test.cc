#include "bench/scenario.h"

#include <gtest/gtest.h>

#include "bench/bench_runner.h"
#include "bench/scenario_common.h"

namespace stackshot {
namespace {

TEST(ScenarioTest, ListsNap4sScenariosInOrder) {
  EXPECT_EQ(ScenarioNames(), (std::vector<std::string>{"desirable", "points", "slow_storage", "multiscale_pan",
                                                       "scrub", "frame_export"}));
}

TEST(ScenarioTest, UnknownNameListsTheScenarios) {
  auto s = MakeScenario("desireable");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "unknown scenario 'desireable' (scenarios: desirable, points, slow_storage, multiscale_pan, scrub, "
            "frame_export)");
}

TEST(ScenarioTest, OverridesOnlyKnownParameters) {
  auto s = MakeScenario("scrub");
  ASSERT_TRUE(s.ok());
  auto params = ResolveParams(**s, false, {{"read_ms", 50}});
  ASSERT_TRUE(params.ok());
  EXPECT_EQ(params->at("read_ms"), 50);
  EXPECT_EQ(params->at("requests"), 25);
  EXPECT_EQ(params->at("window_ms"), 1000);
  auto bad = ResolveParams(**s, false, {{"latency", 5}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "scenario 'scrub' has no parameter 'latency' (it has: requests, window_ms, read_ms, size)");
}

TEST(ScenarioTest, QuickDefaultsHaveTheSameParameters) {
  for (const std::string& name : ScenarioNames()) {
    auto s = MakeScenario(name);
    ASSERT_TRUE(s.ok());
    std::vector<std::string> full, quick;
    for (const ScenarioParam& p : (*s)->Defaults()) full.push_back(p.name);
    for (const ScenarioParam& p : (*s)->QuickDefaults()) quick.push_back(p.name);
    EXPECT_EQ(full, quick) << name;
  }
}

TEST(ScenarioTest, GeneratedDataIsTheSameEverywhere) {
  const Array a = bench::HashedArray({2, 3, 4});
  const uint16_t* p = a.data<uint16_t>();
  // (i × 2654435761) >> 20, truncated to 16 bits.
  EXPECT_EQ(p[0], 0);
  EXPECT_EQ(p[1], static_cast<uint16_t>(2654435761ull >> 20));
  EXPECT_EQ(p[23], static_cast<uint16_t>((23ull * 2654435761ull) >> 20));
}

// Quick mode runs every scenario exactly once, with tiny data; no timing is asserted.
TEST(ScenarioRunTest, QuickModeRunsEveryScenarioOnce) {
  RunSettings settings;
  settings.quick = true;
  settings.threads = 1;
  for (const std::string& name : ScenarioNames()) {
    auto scenario = MakeScenario(name);
    ASSERT_TRUE(scenario.ok());
    const ScenarioResult r = RunScenario(**scenario, settings);
    EXPECT_EQ(r.name, name);
    if (r.status == "unavailable") {
      EXPECT_FALSE(r.note.empty()) << name;
      continue;
    }
    ASSERT_EQ(r.status, "ok") << name << ": " << r.note;
    ASSERT_TRUE(r.samples.count(r.primary)) << name;
    for (const auto& [series, values] : r.samples) EXPECT_EQ(values.size(), 1u) << name << " " << series;
    EXPECT_EQ(r.median, r.samples.at(r.primary)[0]) << name;
    EXPECT_FALSE(r.stable);
    EXPECT_GT(r.bytes_read, 0u) << name;
    EXPECT_GT(r.peak_rss_bytes, 0u) << name;
  }
}

TEST(ScenarioRunTest, QuickSlowStorageReadsOnePlanePerSlice) {
  auto scenario = MakeScenario("slow_storage");
  ASSERT_TRUE(scenario.ok());
  RunSettings settings;
  settings.quick = true;
  const ScenarioResult r = RunScenario(**scenario, settings);
  ASSERT_EQ(r.status, "ok") << r.note;
  // One async and one sync slice of a 32×32 uint16 plane.
  EXPECT_EQ(r.bytes_read, 2u * 32 * 32 * 2);
  EXPECT_EQ(r.figures.count("async_over_sync"), 1u);
}

TEST(ScenarioRunTest, BadParameterFailsWithItsName) {
  auto scenario = MakeScenario("desirable");
  ASSERT_TRUE(scenario.ok());
  RunSettings settings;
  settings.quick = true;
  settings.overrides["desirable"]["size"] = 0;
  const ScenarioResult r = RunScenario(**scenario, settings);
  EXPECT_EQ(r.status, "failed");
  EXPECT_EQ(r.note, "parameter 'size' must be an integer ≥ 1, got 0");
}

}  // namespace
}  // namespace stackshot
