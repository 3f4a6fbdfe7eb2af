// FailureLog: slice failures reported once each, repeats counted (NAP-4 P0: "limit
// the number of notifications").
//
// A failure is identified by its layer and reason; the first one keeps the position
// it happened at. Main thread only.
#pragma once

#include <string>
#include <vector>

#include "nd/status.h"

namespace stackshot {

class FailureLog {
 public:
  // Returns true when this (layer, reason) is new.
  bool Record(const std::string& layer, const std::vector<double>& point, const Status& status);

  size_t total() const { return total_; }
  bool empty() const { return total_ == 0; }
  // One line per distinct failure: "layer 'a' at [3, 0, 0]: reason (and 24 more
  // like it)".
  std::vector<std::string> Summary() const;

 private:
  struct Entry {
    std::string layer;
    std::string reason;
    std::vector<double> point;
    size_t repeats = 0;
  };
  std::vector<Entry> entries_;
  size_t total_ = 0;
};

std::string FormatPoint(const std::vector<double>& point);

}  // namespace stackshot
