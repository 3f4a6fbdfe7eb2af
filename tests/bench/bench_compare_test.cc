#include "bench/bench_compare.h"

#include <gtest/gtest.h>

#include "bench/bench_html.h"
#include "bench_test_reports.h"

namespace stackshot {
namespace {

using testing::KnownReport;

TEST(BenchCompareTest, FlagsAPlanted20PercentRegression) {
  const BenchReport baseline = KnownReport(2.0, 100.0);
  const BenchReport current = KnownReport(2.4, 100.0);  // desirable +20%
  auto c = CompareReports(current, baseline, 10, "base.json");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_TRUE(c->regressed());
  ASSERT_EQ(c->With(Verdict::kRegressed).size(), 1u);
  EXPECT_EQ(c->With(Verdict::kRegressed)[0]->name, "desirable");
  EXPECT_NEAR(c->scenarios[0].change_pct, 20.0, 1e-9);
  EXPECT_EQ(c->scenarios[1].verdict, Verdict::kUnchanged);
  EXPECT_EQ(DescribeComparison(c->scenarios[0], 10), "desirable: 2 ms → 2.4 ms (+20.0%, limit 10%)");
}

TEST(BenchCompareTest, PassesA5PercentChange) {
  auto c = CompareReports(KnownReport(2.1, 105.0), KnownReport(2.0, 100.0), 10, "base.json");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_FALSE(c->regressed());
  EXPECT_EQ(c->scenarios[0].verdict, Verdict::kUnchanged);
  EXPECT_EQ(c->scenarios[1].verdict, Verdict::kUnchanged);
}

TEST(BenchCompareTest, NamesEveryRegressionAndTheImprovements) {
  auto c = CompareReports(KnownReport(3.0, 50.0), KnownReport(2.0, 100.0), 10, "base.json");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->scenarios[0].verdict, Verdict::kRegressed);
  EXPECT_EQ(c->scenarios[1].verdict, Verdict::kImproved);
  EXPECT_NEAR(c->scenarios[1].change_pct, -50.0, 1e-9);
  // Two regressions are both named.
  auto both = CompareReports(KnownReport(3.0, 150.0), KnownReport(2.0, 100.0), 10, "base.json");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->With(Verdict::kRegressed).size(), 2u);
}

TEST(BenchCompareTest, ZeroThresholdFlagsAnyIncrease) {
  auto c = CompareReports(KnownReport(2.0 * 1.001, 100.0), KnownReport(2.0, 100.0), 0, "base.json");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->scenarios[0].verdict, Verdict::kRegressed);
  EXPECT_EQ(c->scenarios[1].verdict, Verdict::kUnchanged);
}

TEST(BenchCompareTest, RefusesANegativeThreshold) {
  auto c = CompareReports(KnownReport(), KnownReport(), -5, "base.json");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "--max-regression must be a percentage ≥ 0, got -5");
}

TEST(BenchCompareTest, RefusesABaselineOfOtherScenariosSayingWhich) {
  BenchReport baseline = KnownReport();
  baseline.scenarios.pop_back();  // no scrub
  auto c = CompareReports(KnownReport(), baseline, 10, "base.json");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "base.json: the baseline has no scenario scrub (it has: desirable)");
}

TEST(BenchCompareTest, RefusesABaselineMeasuredWithOtherParameters) {
  BenchReport baseline = KnownReport();
  baseline.scenarios[0].parameters["size"] = 64;
  auto c = CompareReports(KnownReport(), baseline, 10, "base.json");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(),
            "base.json: scenario 'desirable' was measured with other parameters: size 1024 (baseline 64)");
}

TEST(BenchCompareTest, SkipsScenariosThatDidNotRun) {
  BenchReport current = KnownReport(5.0, 100.0);
  current.scenarios[0].status = "unavailable";
  auto c = CompareReports(current, KnownReport(), 10, "base.json");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->scenarios[0].verdict, Verdict::kSkipped);
  EXPECT_EQ(c->scenarios[0].note, "this run: unavailable");
  EXPECT_FALSE(c->regressed());
}

TEST(BenchHtmlTest, SelfContainedPageWithAChartPerScenario) {
  const BenchReport baseline = KnownReport(2.0, 100.0);
  const BenchReport current = KnownReport(2.4, 100.0);
  auto c = CompareReports(current, baseline, 10, "base.json");
  ASSERT_TRUE(c.ok());
  const std::string html = RenderBenchHtml(current, &baseline, &*c);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  size_t charts = 0;
  for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++charts;
  EXPECT_EQ(charts, 2u);
  EXPECT_NE(html.find("1 scenario(s) regressed"), std::string::npos);
  EXPECT_NE(html.find("regressed — desirable: 2 ms → 2.4 ms (+20.0%, limit 10%)"), std::string::npos);
  // Nothing loaded from elsewhere.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://www.w3.org/2000/svg"), html.find("http"));
}

}  // namespace
}  // namespace stackshot
