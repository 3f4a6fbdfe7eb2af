#include "scene/json_text.h"

#include <string_view>
#include <utility>

namespace stackshot {

namespace {

// 1-based line and column of the character nlohmann stopped at (`byte` counts the
// characters it read, the offending one last; past the end means end of input).
std::pair<size_t, size_t> LineAndColumn(const std::string& text, size_t byte) {
  size_t end = byte > text.size() ? text.size() : (byte == 0 ? 0 : byte - 1);
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, end - line_start + 1};
}

// nlohmann's what() without its prefix and position: "unexpected string literal;
// expected ',' or '}'".
std::string ShortParseReason(const std::string& what) {
  std::string reason = what;
  size_t column = reason.find("column ");
  if (column != std::string::npos) {
    size_t colon = reason.find(": ", column);
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
  }
  std::string context;
  const std::string syntax = "syntax error while parsing ";
  if (reason.rfind(syntax, 0) == 0) {
    size_t dash = reason.find(" - ");
    if (dash != std::string::npos) {
      context = reason.substr(syntax.size(), dash - syntax.size());
      reason = reason.substr(dash + 3);
    }
  }
  // After a member or element a comma is as valid as the closing bracket; saying so
  // makes the common missing-comma mistake obvious.
  auto ends_with = [&](std::string_view suffix) {
    return reason.size() >= suffix.size() && reason.compare(reason.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (context == "object" && ends_with("expected '}'")) reason.insert(reason.size() - 3, "',' or ");
  if (context == "array" && ends_with("expected ']'")) reason.insert(reason.size() - 3, "',' or ");
  return reason;
}

// The offending token of an out-of-range number: nlohmann names it only in what().
std::string QuotedToken(const std::string& what) {
  size_t open = what.find('\'');
  size_t close = open == std::string::npos ? open : what.find('\'', open + 1);
  if (close == std::string::npos) return "";
  return what.substr(open + 1, close - open - 1);
}

}  // namespace

Result<nlohmann::json> ParseJsonText(const std::string& text, const std::string& file) {
  // nlohmann reports the byte offset only through its exception; it stays in here.
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    auto [line, column] = LineAndColumn(text, e.byte);
    return InvalidArgumentError(file + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                ": malformed JSON: " + ShortParseReason(e.what()));
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond double range (1e400): nlohmann names the token, not its place.
    const std::string token = QuotedToken(e.what());
    size_t at = token.empty() ? std::string::npos : text.find(token);
    auto [line, column] = LineAndColumn(text, at == std::string::npos ? 0 : at + 1);
    return InvalidArgumentError(file + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                ": malformed JSON: number " + token + " is beyond the range of a double");
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgumentError(file + ": malformed JSON: " + std::string(e.what()));
  }
}

}  // namespace stackshot
