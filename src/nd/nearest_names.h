// Suggestions for misspelt names: the candidates closest in edit distance.
#pragma once

#include <string>
#include <vector>

namespace stackshot {

// Up to `count` candidates within a reasonable edit distance of `name`, closest
// first (ties in candidate order).
std::vector<std::string> NearestNames(const std::string& name, const std::vector<std::string>& candidates,
                                      size_t count = 3);
// "nearest: a, b" or "valid: a, b, c" when nothing is close; for error messages.
std::string SuggestNames(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace stackshot
