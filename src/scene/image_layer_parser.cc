#include "scene/image_layer_parser.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>
#include <vector>

#include "render/colormap.h"

namespace stackshot {

namespace {

bool IsHdf5Path(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".h5" || extension == ".hdf5" || extension == ".hdf";
}

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

Result<SourceSpec> ParseSource(const JsonReader& node, const std::string& directory) {
  if (auto multiscale = node.Find("multiscale")) return multiscale->Error("multiscale sources are not supported yet");
  RETURN_IF_ERROR(node.CheckObject({"path", "dataset", "latency_ms", "multiscale"}));
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
  if (auto latency = node.Find("latency_ms")) {
    ASSIGN_OR_RETURN(source.latency_ms, latency->Number());
    if (source.latency_ms < 0) {
      return latency->Error("latency_ms must be 0 or more, got " + FormatNumber(source.latency_ms));
    }
  }
  return source;
}

Result<std::vector<Rgba>> ParseColors(const JsonReader& node) {
  ASSIGN_OR_RETURN(std::vector<JsonReader> elements, node.Elements("an array of colours"));
  std::vector<Rgba> colors;
  for (const JsonReader& element : elements) {
    ASSIGN_OR_RETURN(Rgba color, element.Color());
    colors.push_back(color);
  }
  return colors;
}

// A name, a list of colours, or {"colors": [...], "controls": [...]}; checked by
// resolving it, so unknown names fail here with suggestions.
Result<ColormapSpec> ParseColormap(const JsonReader& node) {
  ColormapSpec colormap;
  if (node.json().is_string()) {
    colormap.name = node.json().get<std::string>();
  } else if (node.json().is_array()) {
    ASSIGN_OR_RETURN(colormap.colors, ParseColors(node));
  } else if (node.json().is_object()) {
    RETURN_IF_ERROR(node.CheckObject({"colors", "controls", "name"}));
    ASSIGN_OR_RETURN(JsonReader colors, node.Required("colors"));
    ASSIGN_OR_RETURN(colormap.colors, ParseColors(colors));
    if (auto controls = node.Find("controls")) {
      ASSIGN_OR_RETURN(std::vector<double> values, controls->Numbers());
      colormap.controls.assign(values.begin(), values.end());
    }
    if (auto name = node.Find("name")) {
      ASSIGN_OR_RETURN(colormap.name, name->String());
    }
  } else {
    return node.TypeError("a colormap name or a list of colours");
  }
  Result<Colormap> resolved = ResolveColormap(colormap);
  if (!resolved.ok()) return node.Error(resolved.status().message());
  return colormap;
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

}  // namespace

Result<ImageLayerSpec> ParseImageLayer(const JsonReader& node, const std::string& directory) {
  RETURN_IF_ERROR(node.CheckObject({"type", "name", "source", "colormap", "contrast_limits", "gamma", "opacity",
                                    "blending", "visible", "scale", "translate", "rotate", "shear", "affine",
                                    "interpolation2d"}));
  ImageLayerSpec layer;
  layer.pointer = node.pointer();
  layer.name = "image";
  if (auto name = node.Find("name")) {
    ASSIGN_OR_RETURN(layer.name, name->String());
  }
  ASSIGN_OR_RETURN(JsonReader source, node.Required("source"));
  ASSIGN_OR_RETURN(layer.source, ParseSource(source, directory));
  if (auto colormap = node.Find("colormap")) {
    ASSIGN_OR_RETURN(layer.colormap, ParseColormap(*colormap));
  }
  if (auto limits = node.Find("contrast_limits")) {
    ASSIGN_OR_RETURN(std::vector<double> values, limits->Numbers(2));
    if (!(values[0] < values[1])) {
      return limits->Error("contrast_limits " + FormatNumbers(values) + ": lo must be less than hi");
    }
    layer.contrast_limits = std::array<double, 2>{values[0], values[1]};
  }
  if (auto gamma = node.Find("gamma")) {
    ASSIGN_OR_RETURN(layer.gamma, gamma->Number());
    if (!(layer.gamma > 0)) return gamma->Error("gamma must be greater than 0, got " + FormatNumber(layer.gamma));
  }
  if (auto opacity = node.Find("opacity")) {
    ASSIGN_OR_RETURN(layer.opacity, opacity->Number());
    if (layer.opacity < 0 || layer.opacity > 1) {
      return opacity->Error("opacity must be 0 to 1, got " + FormatNumber(layer.opacity));
    }
  }
  if (auto blending = node.Find("blending")) {
    ASSIGN_OR_RETURN(std::string name, blending->String());
    Result<Blending> parsed = ParseBlending(name);
    if (!parsed.ok()) return blending->Error(parsed.status().message());
    layer.blending = *parsed;
  }
  if (auto visible = node.Find("visible")) {
    ASSIGN_OR_RETURN(layer.visible, visible->Bool());
  }
  RETURN_IF_ERROR(ParseTransform(node, layer.transform));
  if (auto interpolation = node.Find("interpolation2d")) {
    ASSIGN_OR_RETURN(std::string name, interpolation->String());
    Result<Interpolation> parsed = ParseInterpolation(name);
    if (!parsed.ok()) return interpolation->Error(parsed.status().message());
    layer.interpolation = *parsed;
  }
  return layer;
}

}  // namespace stackshot
