#include "layers/labels/labels_appearance.h"

#include <cctype>
#include <limits>

namespace stackshot {

LabelId LabelId::Signed(int64_t value) {
  LabelId id;
  id.negative_ = value < 0;
  // The magnitude of INT64_MIN does not fit int64; compute it unsigned.
  id.magnitude_ = value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  return id;
}

LabelId LabelId::Unsigned(uint64_t value) {
  LabelId id;
  id.magnitude_ = value;
  return id;
}

Result<LabelId> LabelId::Parse(const std::string& text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  if (i == text.size()) return InvalidArgumentError("'" + text + "' is not an integer label");
  uint64_t magnitude = 0;
  for (; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      return InvalidArgumentError("'" + text + "' is not an integer label");
    }
    const uint64_t digit = static_cast<uint64_t>(text[i] - '0');
    if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      return InvalidArgumentError("label " + text + " is out of range (-2^63 to 2^64-1)");
    }
    magnitude = magnitude * 10 + digit;
  }
  if (negative && magnitude > uint64_t{1} << 63) {
    return InvalidArgumentError("label " + text + " is out of range (-2^63 to 2^64-1)");
  }
  LabelId id;
  id.negative_ = negative && magnitude != 0;
  id.magnitude_ = magnitude;
  return id;
}

std::optional<int64_t> LabelId::AsSigned() const {
  if (!negative_) {
    if (magnitude_ > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(magnitude_);
  }
  if (magnitude_ == uint64_t{1} << 63) return std::numeric_limits<int64_t>::min();
  return -static_cast<int64_t>(magnitude_);
}

std::optional<uint64_t> LabelId::AsUnsigned() const {
  if (negative_) return std::nullopt;
  return magnitude_;
}

std::string LabelId::ToString() const { return (negative_ ? "-" : "") + std::to_string(magnitude_); }

}  // namespace stackshot
