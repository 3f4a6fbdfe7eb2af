#include "layers/points/points_csv.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "io/input_file.h"

namespace stackshot {
namespace {

// Splits one CSV record (Python csv's QUOTE_MINIMAL dialect). False on an
// unterminated quote.
bool SplitRecord(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = true;
      was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (quoted) return false;
  fields.push_back(std::move(field));
  return true;
}

// The whole text as a number (surrounding spaces allowed), as Python's float() reads it.
bool ParseNumber(std::string_view text, double& value) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

struct Header {
  int index_column = -1;
  std::vector<int> axis_columns;     // axis k is in field axis_columns[k]
  std::vector<int> feature_columns;  // the rest, in file order
  std::vector<std::string> names;
};

Result<Header> ReadHeader(const std::vector<std::string>& fields, const std::string& where) {
  Header header;
  header.names = fields;
  std::vector<int> axis_of(fields.size(), -1);
  int max_axis = -1;
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string& name = fields[i];
    if (name == "index" && header.index_column < 0) {
      header.index_column = static_cast<int>(i);
    } else if (name.rfind("axis-", 0) == 0) {
      int axis = -1;
      const char* begin = name.data() + 5;
      const auto [end, error] = std::from_chars(begin, name.data() + name.size(), axis);
      if (error != std::errc() || end != name.data() + name.size() || axis < 0) {
        return InvalidArgumentError(where + ": column '" + name + "' is not axis-<number>");
      }
      axis_of[i] = axis;
      max_axis = std::max(max_axis, axis);
    } else {
      header.feature_columns.push_back(static_cast<int>(i));
    }
  }
  if (max_axis < 1) {
    return InvalidArgumentError(where + ": not a napari points csv (expected a header index,axis-0,axis-1,...)");
  }
  header.axis_columns.assign(static_cast<size_t>(max_axis + 1), -1);
  for (size_t i = 0; i < fields.size(); ++i) {
    if (axis_of[i] < 0) continue;
    if (header.axis_columns[axis_of[i]] >= 0) {
      return InvalidArgumentError(where + ": column 'axis-" + std::to_string(axis_of[i]) + "' appears twice");
    }
    header.axis_columns[axis_of[i]] = static_cast<int>(i);
  }
  for (size_t axis = 0; axis < header.axis_columns.size(); ++axis) {
    if (header.axis_columns[axis] < 0) {
      return InvalidArgumentError(where + ": column 'axis-" + std::to_string(axis) + "' is missing");
    }
  }
  return header;
}

}  // namespace

Result<PointsData> ParsePointsCsv(std::string_view text, const std::string& name) {
  std::vector<std::string> fields;
  std::optional<Header> header;
  PointsData data;
  std::vector<std::vector<std::string>> feature_text;
  size_t line_number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;  // blank lines (a trailing newline) carry no row
    const std::string where = name + ":" + std::to_string(line_number);
    if (!SplitRecord(line, fields)) return InvalidArgumentError(where + ": unterminated quote");
    if (!header) {
      ASSIGN_OR_RETURN(header, ReadHeader(fields, where));
      data = EmptyPoints(static_cast<int>(header->axis_columns.size()));
      feature_text.resize(header->feature_columns.size());
      continue;
    }
    if (fields.size() != header->names.size()) {
      return InvalidArgumentError(where + ": expected " + std::to_string(header->names.size()) + " fields, got " +
                                  std::to_string(fields.size()));
    }
    for (size_t axis = 0; axis < header->axis_columns.size(); ++axis) {
      const std::string& field = fields[header->axis_columns[axis]];
      double value = 0;
      if (!ParseNumber(field, value)) {
        return InvalidArgumentError(where + ": axis-" + std::to_string(axis) + " '" + field + "' is not a number");
      }
      if (!std::isfinite(value)) {
        return InvalidArgumentError(where + ": axis-" + std::to_string(axis) + " is " + field +
                                    " (coordinates must be finite)");
      }
      data.columns[axis].push_back(value);
    }
    for (size_t f = 0; f < header->feature_columns.size(); ++f) {
      feature_text[f].push_back(std::move(fields[header->feature_columns[f]]));
    }
  }
  if (!header) return EmptyPoints(2);
  // A feature column is numeric when every value reads as a number.
  for (size_t f = 0; f < header->feature_columns.size(); ++f) {
    PointsFeature feature;
    feature.name = header->names[header->feature_columns[f]];
    feature.numbers.reserve(feature_text[f].size());
    for (const std::string& value_text : feature_text[f]) {
      double value = 0;
      if (!ParseNumber(value_text, value)) {
        feature.numeric = false;
        break;
      }
      feature.numbers.push_back(value);
    }
    if (!feature.numeric) {
      feature.numbers.clear();
      feature.strings = std::move(feature_text[f]);
    }
    data.features.push_back(std::move(feature));
  }
  return data;
}

Result<PointsData> ReadPointsCsv(const std::string& path) {
  ASSIGN_OR_RETURN(const std::string text, ReadInputFile(path, "a points csv"));
  return ParsePointsCsv(text, path);
}

}  // namespace stackshot
