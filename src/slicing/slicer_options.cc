#include "slicing/slicer_options.h"

#include <cctype>
#include <charconv>

namespace stackshot {

const char* SlicingModeName(SlicingMode mode) {
  return mode == SlicingMode::kPerLayer ? "per_layer" : "batched";
}

Result<SlicingMode> ParseSlicingMode(const std::string& name) {
  if (name == "batched") return SlicingMode::kBatched;
  if (name == "per_layer") return SlicingMode::kPerLayer;
  return InvalidArgumentError("unknown slicing mode '" + name + "' (valid: batched, per_layer)");
}

Result<uint64_t> ParseByteSize(const std::string& text) {
  uint64_t value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const auto [rest, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || rest == begin) {
    return InvalidArgumentError("'" + text + "' is not a size such as 512MiB, 2GiB or 0");
  }
  std::string unit;
  for (const char* c = rest; c != end; ++c) {
    if (!std::isspace(static_cast<unsigned char>(*c))) unit += static_cast<char>(std::tolower(*c));
  }
  if (!unit.empty() && unit.back() == 'b') unit.pop_back();
  if (!unit.empty() && unit.back() == 'i') unit.pop_back();
  int shift = 0;
  if (unit.empty()) {
    shift = 0;
  } else if (unit == "k") {
    shift = 10;
  } else if (unit == "m") {
    shift = 20;
  } else if (unit == "g") {
    shift = 30;
  } else if (unit == "t") {
    shift = 40;
  } else {
    return InvalidArgumentError("'" + text + "': unknown unit (use KiB, MiB, GiB or TiB)");
  }
  if (shift > 0 && value > (UINT64_MAX >> shift)) return InvalidArgumentError("'" + text + "' is too large");
  return value << shift;
}

}  // namespace stackshot
