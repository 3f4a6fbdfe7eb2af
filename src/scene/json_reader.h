// JsonReader: typed access to a JSON value that knows where it came from, so every
// scene error reads "<file>#<JSON pointer>: <problem>" without repeating it per field.
//
// Conventions: a reader refers to (does not own) the document, which must outlive
// it. Pointers follow RFC 6901 with the URI fragment "#": the root is "#", keys are
// escaped ("~0", "~1"). Type errors say what was expected and what was found:
// "expected an array of 2 integers, got string".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "layers/image/image_appearance.h"
#include "nd/status.h"

namespace stackshot {

class JsonReader {
 public:
  JsonReader(const nlohmann::json& value, std::string file, std::string pointer = "#");

  const nlohmann::json& json() const { return *value_; }
  const std::string& file() const { return file_; }
  const std::string& pointer() const { return pointer_; }  // "#/layers/0"

  // "<file><pointer>: <problem>" as an invalid-argument error.
  Status Error(const std::string& problem) const;
  // "expected <expected>, got <type of this value>".
  Status TypeError(const std::string& expected) const;

  // Objects. CheckObject fails unless this is an object whose keys are all in
  // `allowed`; an unknown key is reported at its own pointer with the nearest name.
  Status CheckObject(const std::vector<std::string_view>& allowed) const;
  bool Has(std::string_view key) const;
  std::optional<JsonReader> Find(std::string_view key) const;
  Result<JsonReader> Required(std::string_view key) const;
  JsonReader Child(std::string_view key) const;  // the key must exist

  // Arrays. `expected` names the whole value for the type error ("an array of colours").
  Result<std::vector<JsonReader>> Elements(const std::string& expected) const;

  // Scalars.
  Result<double> Number() const;
  Result<int> Integer() const;
  Result<bool> Bool() const;
  Result<std::string> String() const;

  // Arrays of scalars; `count` fixes the length when given. Element type errors are
  // reported at the element.
  Result<std::vector<double>> Numbers(std::optional<size_t> count = std::nullopt) const;
  Result<std::vector<int>> Integers(std::optional<size_t> count = std::nullopt) const;
  Result<std::vector<std::string>> Strings() const;
  // A non-empty square matrix of numbers (an array of equally long rows).
  Result<std::vector<std::vector<double>>> SquareMatrix() const;

  // A colour: a name or hex string (ParseColor), or [r, g, b(, a)] in 0–1.
  Result<Rgba> Color() const;

 private:
  JsonReader(const nlohmann::json* value, const std::string& file, std::string pointer);

  const nlohmann::json* value_;
  std::string file_;
  std::string pointer_;
};

// Escapes a key for a JSON pointer ("a/b" → "a~1b").
std::string EscapePointerToken(std::string_view key);
// Shortest text that reads back as `value`: 5, 0.25, 1e-07.
std::string FormatNumber(double value);
// "[5, 5]"
std::string FormatNumbers(const std::vector<double>& values);

}  // namespace stackshot
