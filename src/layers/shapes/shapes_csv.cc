#include "layers/shapes/shapes_csv.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "io/input_file.h"

namespace stackshot {
namespace {

// Lines of the text with their 1-based numbers; \r\n and \n both end a line.
std::vector<std::pair<size_t, std::string_view>> Lines(std::string_view text) {
  std::vector<std::pair<size_t, std::string_view>> lines;
  size_t number = 1;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(number++, line);
    start = end + 1;
  }
  return lines;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseDouble(std::string_view text, double& value) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && !text.empty();
}

bool ParseIndex(std::string_view text, int64_t& value) {
  // napari casts the column with astype(int); a float spelling such as "3.0" reads too.
  double number = 0;
  if (!ParseDouble(text, number) || !std::isfinite(number) || number != std::floor(number)) return false;
  value = static_cast<int64_t>(number);
  return true;
}

}  // namespace

Result<std::vector<std::string>> SplitCsvRecord(std::string_view line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
  }
  if (quoted) return InvalidArgumentError("unterminated quote");
  fields.push_back(std::move(field));
  return fields;
}

Result<ShapesData> ParseShapesCsv(std::string_view text, const std::string& name) {
  const auto lines = Lines(text);
  size_t first = 0;
  while (first < lines.size() && Trim(lines[first].second).empty()) ++first;
  if (first == lines.size()) return EmptyShapes(2);
  const size_t header_line = lines[first].first;
  auto at = [&](size_t line) { return name + ":" + std::to_string(line) + ": "; };
  auto header = SplitCsvRecord(lines[first].second);
  if (!header.ok()) return InvalidArgumentError(at(header_line) + header.status().message());

  // Columns by name: the axes in order, the shape index and type.
  int index_column = -1;
  int type_column = -1;
  std::vector<int> axis_columns;
  for (size_t c = 0; c < header->size(); ++c) {
    const std::string column(Trim((*header)[c]));
    if (column == "index") index_column = static_cast<int>(c);
    if (column == "shape-type") type_column = static_cast<int>(c);
    if (column == "axis-" + std::to_string(axis_columns.size())) axis_columns.push_back(static_cast<int>(c));
  }
  if (index_column < 0 || type_column < 0 || axis_columns.size() < 2) {
    return InvalidArgumentError(at(header_line) +
                                "not a napari shapes CSV: the header needs index, shape-type, vertex-index, "
                                "axis-0, axis-1, … (got '" + std::string(lines[first].second) + "')");
  }
  const int ndim = static_cast<int>(axis_columns.size());
  ShapesData data = EmptyShapes(ndim);

  // A shape is a run of rows with one index; runs are numbered 0, 1, 2, ….
  int64_t current = -1;
  size_t current_line = 0;
  ShapeType current_type = ShapeType::kRectangle;
  std::vector<double> rows;
  auto flush = [&]() -> Status {
    if (current < 0) return Status::Ok();
    Status added = AddShape(data, current_type, rows);
    if (!added.ok()) {
      return InvalidArgumentError(at(current_line) + "shape " + std::to_string(current) + ": " + added.message());
    }
    rows.clear();
    return Status::Ok();
  };
  for (size_t i = first + 1; i < lines.size(); ++i) {
    const auto [number, line] = lines[i];
    if (Trim(line).empty()) continue;
    auto fields = SplitCsvRecord(line);
    if (!fields.ok()) return InvalidArgumentError(at(number) + fields.status().message());
    if (fields->size() != header->size()) {
      return InvalidArgumentError(at(number) + "expected " + std::to_string(header->size()) + " fields, got " +
                                  std::to_string(fields->size()));
    }
    int64_t index = 0;
    if (!ParseIndex((*fields)[index_column], index)) {
      return InvalidArgumentError(at(number) + "index '" + (*fields)[index_column] + "' is not an integer");
    }
    if (index != current) {
      RETURN_IF_ERROR(flush());
      if (index != current + 1) {
        return InvalidArgumentError(at(number) + "shape index " + std::to_string(index) + " after " +
                                    std::to_string(current) + ": shapes must be numbered 0, 1, 2, … in order");
      }
      current = index;
      current_line = number;
      auto type = ParseShapeType(std::string(Trim((*fields)[type_column])));
      if (!type.ok()) return InvalidArgumentError(at(number) + type.status().message());
      current_type = *type;
    } else if (std::string(Trim((*fields)[type_column])) != ShapeTypeName(current_type)) {
      return InvalidArgumentError(at(number) + "shape " + std::to_string(index) + " changes type from " +
                                  ShapeTypeName(current_type) + " to '" + (*fields)[type_column] + "'");
    }
    for (size_t a = 0; a < axis_columns.size(); ++a) {
      double value = 0;
      const std::string& field = (*fields)[axis_columns[a]];
      if (!ParseDouble(field, value)) {
        return InvalidArgumentError(at(number) + "axis-" + std::to_string(a) + " value '" +
                                    field + "' is not a number");
      }
      if (!std::isfinite(value)) {
        return InvalidArgumentError(at(number) + "axis-" + std::to_string(a) +
                                    " is " + field + ": coordinates must be finite");
      }
      rows.push_back(value);
    }
  }
  RETURN_IF_ERROR(flush());
  return data;
}

Result<ShapesData> ReadShapesCsv(const std::string& path) {
  ASSIGN_OR_RETURN(const std::string text, ReadInputFile(path, "a shapes csv"));
  return ParseShapesCsv(text, path);
}

}  // namespace stackshot
