#include "size_option.h"

#include <algorithm>
#include <charconv>

namespace stackshot {
namespace {

bool ParsePositive(std::string_view text, int64_t& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value > 0;
}

}  // namespace

Result<std::array<int, 2>> ParseCanvasSize(const std::string& text) {
  std::string normalised = text;
  if (const size_t times = normalised.find("×"); times != std::string::npos) normalised.replace(times, 2, "x");
  const size_t x = normalised.find_first_of("xX");
  int64_t w = 0, h = 0;
  if (x == std::string::npos || !ParsePositive(std::string_view(normalised).substr(0, x), w) ||
      !ParsePositive(std::string_view(normalised).substr(x + 1), h)) {
    if (x != std::string::npos && (normalised.substr(0, x) == "0" || normalised.substr(x + 1) == "0")) {
      return InvalidArgumentError("canvas size " + text + ": each side must be 1 to 16384");
    }
    return InvalidArgumentError("'" + text + "' is not a size WxH such as 1920x1080");
  }
  if (w > 16384 || h > 16384) return InvalidArgumentError("canvas size " + text + ": each side must be 1 to 16384");
  return std::array<int, 2>{static_cast<int>(w), static_cast<int>(h)};
}

Result<Shape> ParseShape(const std::string& text) {
  Shape shape;
  size_t begin = 0;
  while (begin <= text.size()) {
    const size_t comma = std::min(text.find(',', begin), text.size());
    int64_t value = 0;
    if (!ParsePositive(std::string_view(text).substr(begin, comma - begin), value)) {
      return InvalidArgumentError("'" + text + "' is not a list of positive integers such as 60,512,512");
    }
    shape.push_back(value);
    begin = comma + 1;
  }
  return shape;
}

}  // namespace stackshot
