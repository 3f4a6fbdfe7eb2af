// Parsing of size and shape flags ("1920x1080", "60,512,512").
#pragma once

#include <array>
#include <string>

#include "nd/array.h"
#include "nd/status.h"

namespace stackshot {

// "WxH" (or "W×H"); each side 1 to 16384.
Result<std::array<int, 2>> ParseCanvasSize(const std::string& text);
// Comma-separated positive integers.
Result<Shape> ParseShape(const std::string& text);

}  // namespace stackshot
