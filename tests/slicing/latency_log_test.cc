#include "slicing/latency_log.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "slicing/failure_log.h"
#include "slicing/slicer_options.h"

namespace stackshot {
namespace {

TEST(LatencyLogTest, FormatsOneObjectWithDocumentedKeysInOrder) {
  LatencyRecord r;
  r.layer = "nuclei";
  r.task_id = 3;
  r.request_id = 7;
  r.submitted_ms = 1.5;
  r.started_ms = 2;
  r.finished_ms = 14.25;
  r.bytes_read = 2048;
  EXPECT_EQ(LatencyLog::Format(r),
            R"({"layer":"nuclei","task":3,"request":7,"prefetch":false,"submitted_ms":1.5,"started_ms":2.0,)"
            R"("finished_ms":14.25,"cancelled":false,"cache_hit":false,"bytes_read":2048,"level":0,"error":null})");
  r.error = "read failed";
  EXPECT_EQ(nlohmann::json::parse(LatencyLog::Format(r))["error"], "read failed");
}

TEST(LatencyLogTest, WritesOneLinePerRecord) {
  const std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / "latency_log";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "log.jsonl").string();
  {
    auto log = LatencyLog::Open(path);
    ASSERT_TRUE(log.ok());
    LatencyRecord r;
    r.layer = "a";
    (*log)->Write(r);
    r.layer = "b";
    (*log)->Write(r);
  }
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> layers;
  while (std::getline(in, line)) layers.push_back(nlohmann::json::parse(line)["layer"]);
  EXPECT_EQ(layers, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(LatencyLog::Open("/no/such/folder/log.jsonl").ok());
}

TEST(FailureLogTest, ReportsEachFailureOnceAndCountsRepeats) {
  FailureLog log;
  EXPECT_TRUE(log.Record("a", {3, 0, 0}, IoError("x.h5: read failed")));
  for (int z = 4; z < 28; ++z) EXPECT_FALSE(log.Record("a", {double(z), 0, 0}, IoError("x.h5: read failed")));
  EXPECT_TRUE(log.Record("b", {5, 0, 0}, IoError("y.h5: read failed")));
  EXPECT_EQ(log.total(), 26u);
  EXPECT_EQ(log.Summary(), (std::vector<std::string>{
                               "layer 'a' at [3, 0, 0]: x.h5: read failed (and 24 more like it)",
                               "layer 'b' at [5, 0, 0]: y.h5: read failed"}));
}

TEST(SlicerOptionsTest, ParsesByteSizes) {
  EXPECT_EQ(*ParseByteSize("0"), 0u);
  EXPECT_EQ(*ParseByteSize("1048576"), 1048576u);
  EXPECT_EQ(*ParseByteSize("512MiB"), 512ull << 20);
  EXPECT_EQ(*ParseByteSize("2G"), 2ull << 30);
  EXPECT_EQ(*ParseByteSize("64 kb"), 64ull << 10);
  EXPECT_FALSE(ParseByteSize("lots").ok());
  EXPECT_FALSE(ParseByteSize("5 parsecs").ok());
  EXPECT_FALSE(ParseByteSize("-1").ok());
  EXPECT_EQ(*ParseSlicingMode("per_layer"), SlicingMode::kPerLayer);
  EXPECT_FALSE(ParseSlicingMode("eager").ok());
}

}  // namespace
}  // namespace stackshot
