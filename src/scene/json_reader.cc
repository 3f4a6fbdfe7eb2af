#include "scene/json_reader.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

#include "nd/nearest_names.h"
#include "render/color.h"

namespace stackshot {

namespace {

std::string Plural(size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// "an array of 2 integers" / "an array of integers".
std::string ArrayOf(std::optional<size_t> count, const char* noun) {
  if (count) return "an array of " + Plural(*count, noun);
  return std::string("an array of ") + noun + "s";
}

}  // namespace

std::string EscapePointerToken(std::string_view key) {
  std::string escaped;
  for (char c : key) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped.push_back(c);
    }
  }
  return escaped;
}

std::string FormatNumber(double value) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  if (error != std::errc()) return "?";
  return std::string(buffer, end);
}

std::string FormatNumbers(const std::vector<double>& values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + FormatNumber(values[i]);
  return text + "]";
}

JsonReader::JsonReader(const nlohmann::json& value, std::string file, std::string pointer)
    : value_(&value), file_(std::move(file)), pointer_(std::move(pointer)) {}

JsonReader::JsonReader(const nlohmann::json* value, const std::string& file, std::string pointer)
    : value_(value), file_(file), pointer_(std::move(pointer)) {}

Status JsonReader::Error(const std::string& problem) const {
  return InvalidArgumentError(file_ + pointer_ + ": " + problem);
}

Status JsonReader::TypeError(const std::string& expected) const {
  return Error("expected " + expected + ", got " + value_->type_name());
}

Status JsonReader::CheckObject(const std::vector<std::string_view>& allowed) const {
  if (!value_->is_object()) return TypeError("an object");
  std::vector<std::string> names(allowed.begin(), allowed.end());
  // nlohmann orders keys, so the first unknown key reported is stable.
  for (const auto& [key, unused] : value_->items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || key == name;
    if (!known) return Child(key).Error("unknown key (" + SuggestNames(key, names) + ")");
  }
  return Status::Ok();
}

bool JsonReader::Has(std::string_view key) const {
  return value_->is_object() && value_->contains(key);
}

std::optional<JsonReader> JsonReader::Find(std::string_view key) const {
  if (!Has(key)) return std::nullopt;
  return Child(key);
}

Result<JsonReader> JsonReader::Required(std::string_view key) const {
  if (!value_->is_object()) return TypeError("an object");
  if (!Has(key)) return Error("missing required key '" + std::string(key) + "'");
  return Child(key);
}

JsonReader JsonReader::Child(std::string_view key) const {
  const nlohmann::json& child = value_->find(key).value();
  return JsonReader(&child, file_, pointer_ + "/" + EscapePointerToken(key));
}

Result<std::vector<JsonReader>> JsonReader::Elements(const std::string& expected) const {
  if (!value_->is_array()) return TypeError(expected);
  std::vector<JsonReader> elements;
  elements.reserve(value_->size());
  for (size_t i = 0; i < value_->size(); ++i) {
    elements.push_back(JsonReader(&(*value_)[i], file_, pointer_ + "/" + std::to_string(i)));
  }
  return elements;
}

Result<double> JsonReader::Number() const {
  if (!value_->is_number()) return TypeError("a number");
  return value_->get<double>();
}

Result<int> JsonReader::Integer() const {
  if (value_->is_number_integer()) {
    // Both signed and unsigned storage; compare as the wider types.
    if (value_->is_number_unsigned()) {
      auto value = value_->get<uint64_t>();
      if (value > static_cast<uint64_t>(std::numeric_limits<int>::max())) {
        return Error("integer " + std::to_string(value) + " is too large");
      }
      return static_cast<int>(value);
    }
    auto value = value_->get<int64_t>();
    if (value > std::numeric_limits<int>::max() || value < std::numeric_limits<int>::min()) {
      return Error("integer " + std::to_string(value) + " is too large");
    }
    return static_cast<int>(value);
  }
  if (value_->is_number_float()) {
    // 800.0 is an integer written as a float; 2.5 is not.
    double value = value_->get<double>();
    if (value == std::floor(value) && std::abs(value) <= std::numeric_limits<int>::max()) {
      return static_cast<int>(value);
    }
    return Error("expected an integer, got " + FormatNumber(value));
  }
  return TypeError("an integer");
}

Result<bool> JsonReader::Bool() const {
  if (!value_->is_boolean()) return TypeError("true or false");
  return value_->get<bool>();
}

Result<std::string> JsonReader::String() const {
  if (!value_->is_string()) return TypeError("a string");
  return value_->get<std::string>();
}

Result<std::vector<double>> JsonReader::Numbers(std::optional<size_t> count) const {
  std::string expected = ArrayOf(count, "number");
  ASSIGN_OR_RETURN(std::vector<JsonReader> elements, Elements(expected));
  if (count && elements.size() != *count) {
    return Error("expected " + expected + ", got " + Plural(elements.size(), "value"));
  }
  std::vector<double> values;
  for (const JsonReader& element : elements) {
    ASSIGN_OR_RETURN(double value, element.Number());
    values.push_back(value);
  }
  return values;
}

Result<std::vector<int>> JsonReader::Integers(std::optional<size_t> count) const {
  std::string expected = ArrayOf(count, "integer");
  ASSIGN_OR_RETURN(std::vector<JsonReader> elements, Elements(expected));
  if (count && elements.size() != *count) {
    return Error("expected " + expected + ", got " + Plural(elements.size(), "value"));
  }
  std::vector<int> values;
  for (const JsonReader& element : elements) {
    ASSIGN_OR_RETURN(int value, element.Integer());
    values.push_back(value);
  }
  return values;
}

Result<std::vector<std::string>> JsonReader::Strings() const {
  ASSIGN_OR_RETURN(std::vector<JsonReader> elements, Elements("an array of strings"));
  std::vector<std::string> values;
  for (const JsonReader& element : elements) {
    ASSIGN_OR_RETURN(std::string value, element.String());
    values.push_back(std::move(value));
  }
  return values;
}

Result<std::vector<std::vector<double>>> JsonReader::SquareMatrix() const {
  const char* expected = "a square matrix (an array of rows of numbers)";
  ASSIGN_OR_RETURN(std::vector<JsonReader> rows, Elements(expected));
  if (rows.empty()) return Error(std::string("expected ") + expected + ", got an empty array");
  std::vector<std::vector<double>> matrix;
  for (const JsonReader& row : rows) {
    if (!row.json().is_array()) return row.TypeError("a matrix row (an array of numbers)");
    ASSIGN_OR_RETURN(std::vector<double> values, row.Numbers(rows.size()));
    matrix.push_back(std::move(values));
  }
  return matrix;
}

Result<Rgba> JsonReader::Color() const {
  if (value_->is_string()) {
    Result<Rgba> color = ParseColor(value_->get<std::string>());
    if (!color.ok()) return Error(color.status().message());
    return color;
  }
  if (!value_->is_array()) return TypeError("a colour (a name, '#rrggbb' or [r, g, b(, a)])");
  ASSIGN_OR_RETURN(std::vector<JsonReader> elements, Elements("a colour"));
  if (elements.size() != 3 && elements.size() != 4) {
    return Error("expected a colour as [r, g, b] or [r, g, b, a], got " + Plural(elements.size(), "value"));
  }
  Rgba rgba = {0, 0, 0, 1};
  for (size_t i = 0; i < elements.size(); ++i) {
    ASSIGN_OR_RETURN(double value, elements[i].Number());
    if (value < 0 || value > 1) {
      return elements[i].Error("colour component " + FormatNumber(value) + " is outside 0 to 1");
    }
    rgba[i] = static_cast<float>(value);
  }
  return rgba;
}

}  // namespace stackshot
