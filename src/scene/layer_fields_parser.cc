#include "scene/layer_fields_parser.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>
#include <vector>

namespace stackshot {
namespace {

std::string ResolvePath(const std::string& path, const std::string& directory) {
  std::filesystem::path resolved(path);
  if (resolved.is_relative()) {
    std::error_code error;  // an unknown current folder leaves the path relative
    std::filesystem::path base =
        directory.empty() ? std::filesystem::current_path(error) : std::filesystem::path(directory);
    resolved = base / resolved;
  }
  return resolved.lexically_normal().string();
}

Status ParseLatency(const JsonReader& node, SourceSpec& source) {
  if (auto latency = node.Find("latency_ms")) {
    ASSIGN_OR_RETURN(source.latency_ms, latency->Number());
    // Beyond an hour is a typo (1e308 would overflow the clock, not wait).
    if (!(source.latency_ms >= 0 && source.latency_ms <= kMaxWaitMs)) {
      return latency->Error("latency_ms must be 0 to " + FormatNumber(kMaxWaitMs) + " (an hour), got " +
                            FormatNumber(source.latency_ms));
    }
  }
  return Status::Ok();
}

// One file source: {"path", "dataset", "latency_ms"}.
Result<SourceSpec> ParseFileSource(const JsonReader& node, const std::string& directory) {
  SourceSpec source;
  source.pointer = node.pointer();
  ASSIGN_OR_RETURN(JsonReader path, node.Required("path"));
  ASSIGN_OR_RETURN(std::string path_text, path.String());
  if (path_text.empty()) return path.Error("path must not be empty");
  source.path = ResolvePath(path_text, directory);
  if (auto dataset = node.Find("dataset")) {
    if (!IsHdf5Path(path_text)) {
      return dataset->Error("'dataset' applies only to HDF5 files (.h5, .hdf5, .hdf), not '" + path_text + "'");
    }
    ASSIGN_OR_RETURN(source.dataset, dataset->String());
    if (source.dataset.empty()) return dataset->Error("dataset must not be empty");
  } else if (IsHdf5Path(path_text)) {
    return node.Error("missing required key 'dataset' (which dataset of '" + path_text + "')");
  }
  RETURN_IF_ERROR(ParseLatency(node, source));
  return source;
}

}  // namespace

bool IsHdf5Path(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".h5" || extension == ".hdf5" || extension == ".hdf" || extension == ".he5";
}

Result<SourceSpec> ParseSource(const JsonReader& node, const std::string& directory) {
  if (!node.json().is_object()) return node.TypeError("an object");
  auto multiscale = node.Find("multiscale");
  if (!multiscale) {
    RETURN_IF_ERROR(node.CheckObject({"path", "dataset", "latency_ms", "multiscale"}));
    return ParseFileSource(node, directory);
  }
  // Explicit pyramid levels: each one a file source.
  SourceSpec source;
  source.pointer = node.pointer();
  ASSIGN_OR_RETURN(std::vector<JsonReader> levels, multiscale->Elements("an array of sources, level 0 first"));
  if (levels.empty()) return multiscale->Error("multiscale needs at least one level");
  if (node.Has("path") || node.Has("dataset")) {
    return multiscale->Error("give either 'path' or 'multiscale', not both (each level has its own path)");
  }
  RETURN_IF_ERROR(node.CheckObject({"multiscale"}));
  for (const JsonReader& level : levels) {
    if (!level.json().is_object()) return level.TypeError("a source object");
    RETURN_IF_ERROR(level.CheckObject({"path", "dataset", "latency_ms"}));
    ASSIGN_OR_RETURN(SourceSpec parsed, ParseFileSource(level, directory));
    source.multiscale.push_back(std::move(parsed));
  }
  return source;
}

Status ParseTransform(const JsonReader& layer, TransformParameters& transform) {
  if (auto scale = layer.Find("scale")) {
    ASSIGN_OR_RETURN(transform.scale, scale->Numbers());
    for (double value : transform.scale) {
      if (value == 0) return scale->Error("scale " + FormatNumbers(transform.scale) + ": values must not be 0");
    }
  }
  if (auto translate = layer.Find("translate")) {
    ASSIGN_OR_RETURN(transform.translate, translate->Numbers());
  }
  if (auto rotate = layer.Find("rotate")) {
    const nlohmann::json& value = rotate->json();
    if (value.is_number()) {
      transform.rotate_angle = value.get<double>();
    } else if (value.is_array() && !value.empty() && value[0].is_array()) {
      ASSIGN_OR_RETURN(transform.rotate_matrix, rotate->SquareMatrix());
    } else if (value.is_array() && value.size() == 3) {
      ASSIGN_OR_RETURN(transform.rotate_angles, rotate->Numbers(3));
    } else {
      return rotate->Error(std::string("expected an angle, 3 angles or a square matrix, got ") +
                           (value.is_array() ? "an array of " + std::to_string(value.size()) : value.type_name()));
    }
  }
  if (auto shear = layer.Find("shear")) {
    const nlohmann::json& value = shear->json();
    if (value.is_array() && !value.empty() && value[0].is_array()) {
      ASSIGN_OR_RETURN(transform.shear_matrix, shear->SquareMatrix());
    } else if (value.is_array()) {
      ASSIGN_OR_RETURN(transform.shear_vector, shear->Numbers());
      // The strict upper triangle of an n×n matrix holds n(n-1)/2 values.
      size_t count = transform.shear_vector.size();
      size_t n = 2;
      while (n * (n - 1) / 2 < count) ++n;
      if (n * (n - 1) / 2 != count) {
        return shear->Error("a shear vector holds n(n-1)/2 values (1, 3, 6, …), got " + std::to_string(count));
      }
    } else {
      return shear->TypeError("a shear vector or a square matrix");
    }
  }
  if (auto affine = layer.Find("affine")) {
    ASSIGN_OR_RETURN(transform.affine, affine->SquareMatrix());
  }
  return Status::Ok();
}

Status ParseCommonLayerFields(const JsonReader& node, double& opacity, Blending& blending, bool& visible,
                              TransformParameters& transform) {
  if (auto field = node.Find("opacity")) {
    ASSIGN_OR_RETURN(opacity, field->Number());
    if (opacity < 0 || opacity > 1) return field->Error("opacity must be 0 to 1, got " + FormatNumber(opacity));
  }
  if (auto field = node.Find("blending")) {
    ASSIGN_OR_RETURN(std::string name, field->String());
    Result<Blending> parsed = ParseBlending(name);
    if (!parsed.ok()) return field->Error(parsed.status().message());
    blending = *parsed;
  }
  if (auto field = node.Find("visible")) {
    ASSIGN_OR_RETURN(visible, field->Bool());
  }
  return ParseTransform(node, transform);
}

}  // namespace stackshot
