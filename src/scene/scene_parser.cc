// Scene file (version 1) → SceneSpec. Reading and JSON syntax errors live in
// LoadScene; ParseScene validates the document section by section through
// JsonReader, which attaches "<file>#<pointer>" to every message. Each layer type
// has its own parser (image_layer_parser.cc, labels_layer_parser.cc).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "io/input_file.h"
#include "nd/nearest_names.h"
#include "scene/image_layer_parser.h"
#include "scene/json_reader.h"
#include "scene/json_text.h"
#include "scene/labels_layer_parser.h"
#include "scene/points_layer_parser.h"
#include "scene/shapes_layer_parser.h"
#include "scene/vectors_layer_parser.h"
#include "scene/slicing_settings.h"
#include "scene/scene_spec.h"
#include "scene/view_parsers.h"

namespace stackshot {

namespace {

constexpr int kSupportedVersion = 1;
constexpr int kMaxCanvasSide = 16384;

// napari's layer types; "image" and "labels" are read so far.
const std::vector<std::string> kLayerTypes = {"image",   "labels",  "points", "shapes",
                                              "vectors", "surface", "tracks"};

// ---- sections ----

Status ParseCanvas(const JsonReader& node, CanvasSpec& canvas) {
  RETURN_IF_ERROR(node.CheckObject({"size", "background", "antialiasing"}));
  if (auto size = node.Find("size")) {
    ASSIGN_OR_RETURN(std::vector<int> sides, size->Integers(2));
    if (sides[0] < 1 || sides[0] > kMaxCanvasSide || sides[1] < 1 || sides[1] > kMaxCanvasSide) {
      return size->Error("canvas size " + std::to_string(sides[0]) + "×" + std::to_string(sides[1]) +
                         ": each side must be 1 to " + std::to_string(kMaxCanvasSide));
    }
    canvas.width = sides[0];
    canvas.height = sides[1];
  }
  if (auto background = node.Find("background")) {
    ASSIGN_OR_RETURN(canvas.background, background->Color());
  }
  if (auto antialiasing = node.Find("antialiasing")) {
    ASSIGN_OR_RETURN(canvas.antialiasing, antialiasing->Bool());
  }
  return Status::Ok();
}

Result<std::vector<double>> NonNegativeNumbers(const JsonReader& node, const char* what) {
  ASSIGN_OR_RETURN(std::vector<double> values, node.Numbers());
  for (double value : values) {
    if (value < 0) return node.Error(std::string(what) + " " + FormatNumbers(values) + ": values must be 0 or more");
  }
  return values;
}


// "99" → "100": the count is incremented as text, so any number of digits works.
std::string IncrementDecimal(std::string digits) {
  for (size_t i = digits.size(); i-- > 0;) {
    if (digits[i] != '9') {
      ++digits[i];
      return digits;
    }
    digits[i] = '0';
  }
  return "1" + digits;
}

// napari's inc_name_count: "name" → "name [1]", "name [1]" → "name [2]".
std::string IncrementNameCount(const std::string& name) {
  if (!name.empty() && name.back() == ']') {
    size_t open = name.rfind('[');
    bool digits = open != std::string::npos && open + 1 < name.size() - 1;
    for (size_t i = open + 1; digits && i < name.size() - 1; ++i) {
      digits = std::isdigit(static_cast<unsigned char>(name[i])) != 0;
    }
    bool separated = digits && (open == 0 || std::isspace(static_cast<unsigned char>(name[open - 1])));
    if (separated) {
      return name.substr(0, open + 1) + IncrementDecimal(name.substr(open + 1, name.size() - open - 2)) + "]";
    }
  }
  return name + " [1]";
}

// napari's LayerList._coerce_name: bump the count until the name is free, so the
// eleventh "image" is "image [10]" and the twelfth "image [11]".
std::string CoerceName(std::string name, const std::vector<std::string>& existing) {
  const std::set<std::string> taken(existing.begin(), existing.end());
  while (taken.count(name) != 0) name = IncrementNameCount(name);
  return name;
}

Status ParseLayers(const JsonReader& node, const std::string& directory, SceneSpec& scene) {
  ASSIGN_OR_RETURN(std::vector<JsonReader> elements, node.Elements("an array of layers"));
  if (elements.empty()) return node.Error("a scene needs at least one layer");
  std::vector<std::string> names;
  for (size_t index = 0; index < elements.size(); ++index) {
    const JsonReader& element = elements[index];
    if (!element.json().is_object()) return element.TypeError("a layer object");
    ASSIGN_OR_RETURN(JsonReader type, element.Required("type"));
    ASSIGN_OR_RETURN(std::string type_name, type.String());
    if (type_name == "labels") {
      ASSIGN_OR_RETURN(LabelsLayerSpec layer, ParseLabelsLayer(element, directory));
      layer.name = CoerceName(layer.name, names);
      layer.index = static_cast<int>(index);
      names.push_back(layer.name);
      scene.labels.push_back(std::move(layer));
      continue;
    }
    if (type_name == "points") {
      ASSIGN_OR_RETURN(PointsLayerSpec layer, ParsePointsLayer(element, directory));
      layer.name = CoerceName(layer.name, names);
      layer.index = static_cast<int>(index);
      names.push_back(layer.name);
      scene.points.push_back(std::move(layer));
      continue;
    }
    if (type_name == "shapes") {
      ASSIGN_OR_RETURN(ShapesLayerSpec layer, ParseShapesLayer(element, directory));
      layer.name = CoerceName(layer.name, names);
      layer.index = static_cast<int>(index);
      names.push_back(layer.name);
      scene.shapes.push_back(std::move(layer));
      continue;
    }
    if (type_name == "vectors") {
      ASSIGN_OR_RETURN(VectorsLayerSpec layer, ParseVectorsLayer(element, directory));
      layer.name = CoerceName(layer.name, names);
      layer.index = static_cast<int>(index);
      names.push_back(layer.name);
      scene.vectors.push_back(std::move(layer));
      continue;
    }
    if (type_name != "image") {
      if (std::find(kLayerTypes.begin(), kLayerTypes.end(), type_name) != kLayerTypes.end()) {
        return type.Error("layer type '" + type_name + "' is not supported yet");
      }
      return type.Error("unknown layer type '" + type_name + "' (" + SuggestNames(type_name, kLayerTypes) + ")");
    }
    ASSIGN_OR_RETURN(ImageLayerSpec layer, ParseImageLayer(element, directory));
    layer.name = CoerceName(layer.name, names);
    layer.index = static_cast<int>(index);
    names.push_back(layer.name);
    scene.layers.push_back(std::move(layer));
  }
  return Status::Ok();
}

}  // namespace

Result<SceneSpec> ParseScene(const nlohmann::json& document, const std::string& file, const std::string& directory) {
  JsonReader root(document, file);
  if (!document.is_object()) return root.TypeError("an object");
  SceneSpec scene;
  scene.file = file;
  scene.directory = directory;

  // The version decides how the rest reads, so it is checked before any key.
  ASSIGN_OR_RETURN(JsonReader version, root.Required("version"));
  ASSIGN_OR_RETURN(scene.version, version.Integer());
  if (scene.version != kSupportedVersion) {
    return version.Error("unsupported version " + std::to_string(scene.version) + " (this stackshot reads version " +
                         std::to_string(kSupportedVersion) + ")");
  }
  RETURN_IF_ERROR(root.CheckObject({"version", "canvas", "dims", "camera", "slicing", "layers", "animation"}));

  if (auto canvas = root.Find("canvas")) RETURN_IF_ERROR(ParseCanvas(*canvas, scene.canvas));
  if (auto dims = root.Find("dims")) RETURN_IF_ERROR(ParseDims(*dims, scene.dims));
  if (auto camera = root.Find("camera")) RETURN_IF_ERROR(ParseCamera(*camera, scene.camera));
  if (auto slicing = root.Find("slicing")) {
    RETURN_IF_ERROR(ParseSlicingSection(*slicing, scene.slicing, /*allow_workers=*/false));
  }
  ASSIGN_OR_RETURN(JsonReader layers, root.Required("layers"));
  RETURN_IF_ERROR(ParseLayers(layers, directory, scene));
  // The animation's contents are anim/'s to validate; here it only has to be an object.
  if (auto animation = root.Find("animation")) {
    if (!animation->json().is_object()) return animation->TypeError("an object");
  }
  return scene;
}

Result<SceneSpec> LoadScene(const std::string& path, const std::vector<std::string>& overrides) {
  ASSIGN_OR_RETURN(const std::string text, ReadInputFile(path, "a scene file"));
  ASSIGN_OR_RETURN(nlohmann::json document, ParseJsonText(text, path));

  for (const std::string& assignment : overrides) {
    Status applied = ApplyOverride(document, assignment);
    if (!applied.ok()) return applied.WithContext("--set '" + assignment + "'");
  }

  std::error_code error;
  std::string directory = std::filesystem::absolute(path, error).lexically_normal().parent_path().string();
  if (error) return IoError(path + ": cannot resolve its folder: " + error.message());
  return ParseScene(document, path, directory);
}

Status ParseDims(const JsonReader& node, DimsSpec& dims, bool with_axis_labels) {
  if (with_axis_labels) {
    RETURN_IF_ERROR(node.CheckObject({"ndisplay", "order", "point", "margin_left", "margin_right", "axis_labels"}));
  } else {
    RETURN_IF_ERROR(node.CheckObject({"ndisplay", "order", "point", "margin_left", "margin_right"}));
  }
  if (auto ndisplay = node.Find("ndisplay")) {
    ASSIGN_OR_RETURN(int value, ndisplay->Integer());
    if (value != 2 && value != 3) return ndisplay->Error("ndisplay must be 2 or 3, got " + std::to_string(value));
    dims.ndisplay = value;
  }
  if (auto order = node.Find("order")) {
    ASSIGN_OR_RETURN(std::vector<int> axes, order->Integers());
    // A permutation of 0..n-1: every axis exactly once.
    std::vector<int> sorted = axes;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size(); ++i) {
      if (sorted[i] != static_cast<int>(i)) {
        std::vector<double> shown(axes.begin(), axes.end());
        return order->Error("order " + FormatNumbers(shown) + " must list each axis 0 to " +
                            std::to_string(static_cast<int>(axes.size()) - 1) + " once");
      }
    }
    dims.order = std::move(axes);
  }
  if (auto point = node.Find("point")) {
    ASSIGN_OR_RETURN(dims.point, point->Numbers());
  }
  if (auto margin = node.Find("margin_left")) {
    ASSIGN_OR_RETURN(dims.margin_left, NonNegativeNumbers(*margin, "margin_left"));
  }
  if (auto margin = node.Find("margin_right")) {
    ASSIGN_OR_RETURN(dims.margin_right, NonNegativeNumbers(*margin, "margin_right"));
  }
  if (auto labels = node.Find("axis_labels")) {
    ASSIGN_OR_RETURN(dims.axis_labels, labels->Strings());
  }
  return Status::Ok();
}

Status ParseCamera(const JsonReader& node, CameraSpec& camera) {
  RETURN_IF_ERROR(node.CheckObject({"center", "zoom", "angles", "perspective"}));
  if (auto center = node.Find("center")) {
    ASSIGN_OR_RETURN(std::vector<double> values, center->Numbers(2));
    camera.center = std::array<double, 2>{values[0], values[1]};
  }
  if (auto zoom = node.Find("zoom")) {
    ASSIGN_OR_RETURN(double value, zoom->Number());
    if (!(value > 0)) return zoom->Error("zoom must be greater than 0, got " + FormatNumber(value));
    camera.zoom = value;
  }
  if (auto angles = node.Find("angles")) {
    ASSIGN_OR_RETURN(std::vector<double> values, angles->Numbers(3));
    camera.angles = std::array<double, 3>{values[0], values[1], values[2]};
  }
  if (auto perspective = node.Find("perspective")) {
    ASSIGN_OR_RETURN(double value, perspective->Number());
    if (value < 0) return perspective->Error("perspective must be 0 or more, got " + FormatNumber(value));
    camera.perspective = value;
  }
  return Status::Ok();
}

}  // namespace stackshot
