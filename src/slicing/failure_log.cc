#include "slicing/failure_log.h"

#include <sstream>

namespace stackshot {

std::string FormatPoint(const std::vector<double>& point) {
  std::ostringstream out;
  out << "[";
  for (size_t i = 0; i < point.size(); ++i) out << (i ? ", " : "") << point[i];
  out << "]";
  return out.str();
}

bool FailureLog::Record(const std::string& layer, const std::vector<double>& point, const Status& status) {
  ++total_;
  for (Entry& entry : entries_) {
    if (entry.layer == layer && entry.reason == status.message()) {
      ++entry.repeats;
      return false;
    }
  }
  entries_.push_back(Entry{layer, status.message(), point, 0});
  return true;
}

std::vector<std::string> FailureLog::Summary() const {
  std::vector<std::string> lines;
  for (const Entry& e : entries_) {
    std::string line = "layer '" + e.layer + "' at " + FormatPoint(e.point) + ": " + e.reason;
    if (e.repeats > 0) line += " (and " + std::to_string(e.repeats) + " more like it)";
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace stackshot
