#include "bench/bench_report.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "bench_test_reports.h"

namespace stackshot {
namespace {

using testing::KnownReport;

void ExpectSameScenario(const ScenarioResult& a, const ScenarioResult& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.summary, b.summary);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.note, b.note);
  EXPECT_EQ(a.primary, b.primary);
  EXPECT_EQ(a.parameters, b.parameters);
  EXPECT_EQ(a.samples, b.samples);
  EXPECT_EQ(a.median, b.median);
  EXPECT_EQ(a.min, b.min);
  EXPECT_EQ(a.max, b.max);
  EXPECT_EQ(a.stable, b.stable);
  EXPECT_EQ(a.elapsed_s, b.elapsed_s);
  EXPECT_EQ(a.figures, b.figures);
  EXPECT_EQ(a.peak_rss_bytes, b.peak_rss_bytes);
  EXPECT_EQ(a.bytes_read, b.bytes_read);
}

TEST(BenchReportTest, JsonRoundTripKeepsEveryField) {
  BenchReport report = KnownReport();
  report.scenarios.back().status = "unavailable";
  report.scenarios.back().note = "needs the points layer";
  auto parsed = ParseReport(ReportToJson(report), "report.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->version, kBenchSchemaVersion);
  EXPECT_EQ(parsed->created, report.created);
  EXPECT_EQ(parsed->stackshot_version, "0.1.0");
  EXPECT_EQ(parsed->build_type, "Release");
  EXPECT_EQ(parsed->machine.hostname, "host");
  EXPECT_EQ(parsed->machine.os, "Linux 6.1 x86_64");
  EXPECT_EQ(parsed->machine.cpu, "Test CPU");
  EXPECT_EQ(parsed->machine.cpus, 2);
  EXPECT_EQ(parsed->machine.memory_bytes, 25769803776ull);
  EXPECT_EQ(parsed->machine.compiler, "gcc 12");
  EXPECT_EQ(parsed->quick, false);
  EXPECT_EQ(parsed->threads, 2);
  EXPECT_EQ(parsed->budget_s, 8);
  ASSERT_EQ(parsed->scenarios.size(), 2u);
  for (size_t i = 0; i < 2; ++i) ExpectSameScenario(parsed->scenarios[i], report.scenarios[i]);
  // And the text is the same when written again.
  EXPECT_EQ(ReportToJson(*parsed), ReportToJson(report));
}

TEST(BenchReportTest, FileRoundTrip) {
  const std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / "bench-report";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "report.json").string();
  ASSERT_TRUE(WriteReport(KnownReport(), path).ok());
  auto read = ReadReport(path);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->scenarios.at(1).name, "scrub");
  EXPECT_EQ(read->scenarios.at(1).median, 100.0);
}

TEST(BenchReportTest, RefusesAnotherSchemaVersionNamingBoth) {
  std::string text = ReportToJson(KnownReport());
  const std::string from = "\"version\": 1";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "\"version\": 2");
  auto parsed = ParseReport(text, "old.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(),
            "old.json: schema version 2, but this stackshot reads version 1 (record a new baseline with this "
            "version)");
}

TEST(BenchReportTest, RefusesOtherFiles) {
  EXPECT_EQ(ParseReport("{\"a\": 1}", "x.json").status().message(),
            "x.json: not a stackshot bench report (\"schema\" is not \"stackshot-bench\")");
  EXPECT_EQ(ParseReport("[1", "x.json").status().message(), "x.json: not valid JSON");
  EXPECT_EQ(ReadReport("/nonexistent/base.json").status().message(), "/nonexistent/base.json: cannot open");
}

TEST(BenchReportTest, NamesTheBadFieldByJsonPointer) {
  std::string text = ReportToJson(KnownReport());
  const std::string from = "\"median\": 2.0";
  ASSERT_NE(text.find(from), std::string::npos) << text;
  text.replace(text.find(from), from.size(), "\"median\": \"fast\"");
  EXPECT_EQ(ParseReport(text, "b.json").status().message(), "b.json#/scenarios/0/median: must be a number");
}

TEST(BenchReportTest, SummarizeTakesMedianMinMax) {
  const SeriesStats odd = Summarize({5, 1, 3});
  EXPECT_EQ(odd.median, 3);
  EXPECT_EQ(odd.min, 1);
  EXPECT_EQ(odd.max, 5);
  EXPECT_EQ(Summarize({4, 1, 3, 2}).median, 2.5);
  EXPECT_EQ(Summarize({}).median, 0);
}

}  // namespace
}  // namespace stackshot
