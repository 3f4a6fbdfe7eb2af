// "--set PATH=VALUE": edits the scene document before it is parsed, so an override
// is validated (and reported at its JSON pointer) exactly like the file's own text.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "scene/scene_spec.h"

namespace stackshot {

namespace {

constexpr size_t kMaxIndexDigits = 9;  // fits in size_t and int everywhere

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

// Scene text is UTF-8 (JSON requires it); a value from the command line may not be.
bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    uint32_t code = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1, code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2, code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3, code = lead & 0x07;
    } else {
      return false;
    }
    if (extra >= text.size() - i) return false;  // cut short
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

// The value as JSON when it reads as JSON (numbers, lists, true, "quoted"), else the
// text itself, so `canvas.background=white` needs no quotes.
nlohmann::json ParseValue(const std::string& text) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return nlohmann::json(text);
  return value;
}

}  // namespace

Status ApplyOverride(nlohmann::json& document, const std::string& assignment) {
  if (!IsValidUtf8(assignment)) return InvalidArgumentError("not valid UTF-8 (scene text is UTF-8)");
  size_t equals = assignment.find('=');
  if (equals == std::string::npos) return InvalidArgumentError("expected PATH=VALUE, e.g. dims.point=[10,0,0]");
  std::string path = assignment.substr(0, equals);
  if (path.empty()) return InvalidArgumentError("empty path before '='");
  std::vector<std::string> parts = SplitPath(path);
  for (const std::string& part : parts) {
    if (part.empty()) return InvalidArgumentError("empty key in path '" + path + "'");
  }
  nlohmann::json value = ParseValue(assignment.substr(equals + 1));

  // Walk down, creating missing object keys; `walked` names the current value.
  nlohmann::json* current = &document;
  std::string walked;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    bool last = i + 1 == parts.size();
    std::string name = walked.empty() ? "the scene" : "'" + walked + "'";
    if (current->is_null()) *current = nlohmann::json::object();

    if (current->is_object()) {
      if (last) {
        (*current)[part] = std::move(value);
        return Status::Ok();
      }
      if (!current->contains(part)) (*current)[part] = nlohmann::json::object();
      current = &(*current)[part];
    } else if (current->is_array()) {
      if (!AllDigits(part)) return InvalidArgumentError(name + " is an array; '" + part + "' is not an index");
      size_t size = current->size();
      size_t index = part.size() > kMaxIndexDigits ? size + 1 : std::stoul(part);
      if (index > size) {
        return InvalidArgumentError("index " + part + " is out of range: " + name + " has " + std::to_string(size) +
                                    (size == 1 ? " element" : " elements"));
      }
      // index == size appends.
      if (last) {
        if (index == size) {
          current->push_back(std::move(value));
        } else {
          (*current)[index] = std::move(value);
        }
        return Status::Ok();
      }
      if (index == size) current->push_back(nlohmann::json::object());
      current = &(*current)[index];
    } else {
      return InvalidArgumentError(name + " is a " + std::string(current->type_name()) + ", so it has no '" + part +
                                  "'");
    }
    walked += (walked.empty() ? "" : ".") + part;
  }
  return Status::Ok();
}

}  // namespace stackshot
