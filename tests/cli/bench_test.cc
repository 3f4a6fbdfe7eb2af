// `stackshot bench` end to end: quick mode, the JSON report, --compare's exit codes
// and its bad inputs. No timing is asserted: planted baselines are 1000 times
// faster or slower than any run could be.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "bench/bench_report.h"
#include "bench/scenario.h"
#include "run_command.h"

namespace stackshot {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::ReadText;
using testing::RunStackshot;

class BenchCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(STACKSHOT_TEST_TMP) / ("bench-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    quick_ = new CommandResult(RunStackshot("bench --quick --progress none --threads 1 --json " + Path("quick.json")));
  }
  static void TearDownTestSuite() {
    delete quick_;
    quick_ = nullptr;
  }

  static std::string Path(const std::string& name) { return (dir_ / name).string(); }

  // The quick report with every median scaled by `factor`, written as `name`.
  static std::string ScaledBaseline(const std::string& name, double factor) {
    auto report = ReadReport(Path("quick.json"));
    EXPECT_TRUE(report.ok()) << report.status().message();
    for (ScenarioResult& s : report->scenarios) s.median *= factor;
    EXPECT_TRUE(WriteReport(*report, Path(name)).ok());
    return Path(name);
  }

  static std::vector<std::string> RunnableScenarios() {
    std::vector<std::string> names;
    auto report = ReadReport(Path("quick.json"));
    for (const ScenarioResult& s : report->scenarios) {
      if (s.ok()) names.push_back(s.name);
    }
    return names;
  }

  static inline fs::path dir_;
  static inline CommandResult* quick_ = nullptr;
};

TEST_F(BenchCliTest, QuickModeRunsEveryScenarioOnce) {
  ASSERT_EQ(quick_->exit_code, 0) << quick_->err;
  auto report = ReadReport(Path("quick.json"));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(report->quick);
  EXPECT_EQ(report->threads, 1);
  ASSERT_EQ(report->scenarios.size(), ScenarioNames().size());
  for (size_t i = 0; i < report->scenarios.size(); ++i) {
    const ScenarioResult& s = report->scenarios[i];
    EXPECT_EQ(s.name, ScenarioNames()[i]);
    EXPECT_NE(quick_->out.find(s.name), std::string::npos) << s.name;
    if (s.status == "unavailable") continue;
    ASSERT_EQ(s.status, "ok") << s.name << ": " << s.note;
    for (const auto& [series, values] : s.samples) EXPECT_EQ(values.size(), 1u) << s.name << " " << series;
  }
  EXPECT_EQ(quick_->out.rfind("scenario", 0), 0u) << quick_->out;
}

TEST_F(BenchCliTest, CompareExitsOneNamingEveryRegression) {
  ASSERT_EQ(quick_->exit_code, 0) << quick_->err;
  const std::string baseline = ScaledBaseline("fast-baseline.json", 0.001);
  const CommandResult r = RunStackshot("bench --quick --progress none --compare " + baseline +
                                       " --max-regression 10 --html " + Path("page.html"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string last_line = r.err.substr(r.err.rfind("stackshot: error:"));
  EXPECT_EQ(last_line.rfind("stackshot: error: regressed by more than 10%: ", 0), 0u) << r.err;
  for (const std::string& name : RunnableScenarios()) {
    EXPECT_NE(last_line.find(name), std::string::npos) << name;
    EXPECT_NE(r.out.find("regressed: " + name + ": "), std::string::npos) << r.out;
  }
  const std::string html = ReadText(Path("page.html"));
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("scenario(s) regressed"), std::string::npos);
}

TEST_F(BenchCliTest, ComparePrintsImprovementsAndPasses) {
  ASSERT_EQ(quick_->exit_code, 0) << quick_->err;
  const std::string baseline = ScaledBaseline("slow-baseline.json", 1000);
  const CommandResult r = RunStackshot("bench --quick --progress none --compare " + baseline);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& name : RunnableScenarios()) {
    EXPECT_NE(r.out.find("improved: " + name + ": "), std::string::npos) << r.out;
  }
}

TEST_F(BenchCliTest, UnknownScenarioListsThem) {
  const CommandResult r = RunStackshot("bench --scenario scrubbing --quick");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "stackshot: error: unknown scenario 'scrubbing' (scenarios: desirable, points, slow_storage, "
            "multiscale_pan, scrub, frame_export)\n");
}

TEST_F(BenchCliTest, NegativeThresholdIsRefused) {
  const CommandResult r = RunStackshot("bench --quick --compare x.json --max-regression -5");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "stackshot: error: --max-regression must be a percentage ≥ 0, got -5\n");
}

TEST_F(BenchCliTest, BaselineOfAnotherSchemaVersionIsRefused) {
  ASSERT_EQ(quick_->exit_code, 0) << quick_->err;
  std::string text = ReadText(Path("quick.json"));
  const std::string from = "\"version\": 1";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "\"version\": 7");
  testing::WriteText(Path("v7.json"), text);
  const CommandResult r = RunStackshot("bench --quick --compare " + Path("v7.json"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "stackshot: error: --compare: " + Path("v7.json") +
                       ": schema version 7, but this stackshot reads version 1 (record a new baseline with this "
                       "version)\n");
  EXPECT_EQ(r.out, "");  // refused before measuring anything
}

TEST_F(BenchCliTest, BaselineOfOtherScenariosSaysWhich) {
  ASSERT_EQ(quick_->exit_code, 0) << quick_->err;
  auto report = ReadReport(Path("quick.json"));
  ASSERT_TRUE(report.ok());
  std::erase_if(report->scenarios, [](const ScenarioResult& s) { return s.name != "scrub"; });
  ASSERT_TRUE(WriteReport(*report, Path("scrub-only.json")).ok());
  const CommandResult r =
      RunStackshot("bench --quick --scenario desirable --scenario scrub --compare " + Path("scrub-only.json"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "stackshot: error: --compare: " + Path("scrub-only.json") +
                       ": the baseline has no scenario desirable (it has: scrub)\n");
  // A quick run against a full-size baseline: other parameters.
  const CommandResult full = RunStackshot("bench --scenario scrub --compare " + Path("scrub-only.json"));
  EXPECT_EQ(full.exit_code, 1);
  EXPECT_NE(full.err.find("scenario 'scrub' was measured with other parameters: read_ms 100 (baseline 5)"),
            std::string::npos)
      << full.err;
}

TEST_F(BenchCliTest, BadParamIsAUsageError) {
  const CommandResult r = RunStackshot("bench --quick --param scrub.latency=5");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "stackshot: error: scenario 'scrub' has no parameter 'latency' (it has: requests, window_ms, "
                   "read_ms, size)\n");
}

}  // namespace
}  // namespace stackshot
