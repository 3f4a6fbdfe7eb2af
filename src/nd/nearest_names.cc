#include "nd/nearest_names.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace stackshot {
namespace {

// Suggestions past this many names stop helping; the message says "…" instead.
constexpr size_t kMaxListed = 12;

std::string Lower(const std::string& text) {
  std::string out = text;
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

// Levenshtein distance (insert, delete, substitute each cost 1), one row at a time.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string Join(const std::vector<std::string>& names, size_t count) {
  std::string out;
  for (size_t i = 0; i < count && i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

std::vector<std::string> NearestNames(const std::string& name, const std::vector<std::string>& candidates,
                                      size_t count) {
  const std::string query = Lower(name);
  // Short names allow 2 edits; longer ones a third of their length.
  const size_t max_distance = std::max<size_t>(2, query.size() / 3);
  std::vector<std::pair<size_t, size_t>> close;  // (distance, candidate index)
  for (size_t i = 0; i < candidates.size(); ++i) {
    const size_t distance = EditDistance(query, Lower(candidates[i]));
    if (distance <= max_distance) close.emplace_back(distance, i);
  }
  // Pairs compare by distance, then by index: ties keep candidate order.
  std::sort(close.begin(), close.end());
  std::vector<std::string> nearest;
  for (size_t i = 0; i < close.size() && i < count; ++i) nearest.push_back(candidates[close[i].second]);
  return nearest;
}

std::string SuggestNames(const std::string& name, const std::vector<std::string>& candidates) {
  const std::vector<std::string> nearest = NearestNames(name, candidates);
  if (!nearest.empty()) return "nearest: " + Join(nearest, nearest.size());
  if (candidates.empty()) return "valid: (none)";
  std::string out = "valid: " + Join(candidates, kMaxListed);
  if (candidates.size() > kMaxListed) out += ", …";
  return out;
}

}  // namespace stackshot
