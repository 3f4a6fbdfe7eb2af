#include "scene/json_text.h"

#include <string>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

TEST(ParseJsonTextTest, ParsesValidText) {
  Result<nlohmann::json> document = ParseJsonText(R"({"a": [1, 2.5e3]})", "s.json");
  ASSERT_TRUE(document.ok()) << document.status().message();
  EXPECT_EQ((*document)["a"][1].get<double>(), 2500.0);
}

TEST(ParseJsonTextTest, SyntaxErrorNamesLineAndColumn) {
  Result<nlohmann::json> document = ParseJsonText("{\n  \"a\": 1\n  \"b\": 2\n}", "s.json");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(document.status().message(), "s.json:3:5: malformed JSON: unexpected string literal; expected ',' or '}'");
}

TEST(ParseJsonTextTest, NumberBeyondDoubleRangeIsAnErrorNotAnAbort) {
  Result<nlohmann::json> document = ParseJsonText("{\"version\": 1,\n \"zoom\": 1e400}", "s.json");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(document.status().message(), "s.json:2:10: malformed JSON: number 1e400 is beyond the range of a double");
}

TEST(ParseJsonTextTest, NegativeOverflowToo) {
  Result<nlohmann::json> document = ParseJsonText("[-2e308]", "k.json");
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().message(), "k.json:1:2: malformed JSON: number -2e308 is beyond the range of a double");
}

}  // namespace
}  // namespace stackshot
