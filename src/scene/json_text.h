// ParseJsonText: JSON text (a scene, keyframes, a manifest) to a document, or a
// one-line error that names the file, line and column.
//
// Principles: no nlohmann exception leaves this function: syntax errors, numbers
// beyond double range (1e400) and anything else the parser throws become an
// invalid-argument Status. Messages read "<file>:<line>:<column>: malformed JSON:
// <reason>", the reason without nlohmann's prefix.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "nd/status.h"

namespace stackshot {

Result<nlohmann::json> ParseJsonText(const std::string& text, const std::string& file);

}  // namespace stackshot
