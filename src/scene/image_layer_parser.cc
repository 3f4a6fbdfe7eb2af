#include "scene/image_layer_parser.h"

#include <vector>

#include "render/colormap.h"
#include "scene/layer_fields_parser.h"

namespace stackshot {

namespace {

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

}  // namespace

Result<ImageLayerSpec> ParseImageLayer(const JsonReader& node, const std::string& directory) {
  RETURN_IF_ERROR(node.CheckObject({"type", "name", "source", "colormap", "contrast_limits", "gamma", "opacity",
                                    "blending", "visible", "scale", "translate", "rotate", "shear", "affine",
                                    "interpolation2d", "rgb", "projection_mode"}));
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
  RETURN_IF_ERROR(ParseCommonLayerFields(node, layer.opacity, layer.blending, layer.visible, layer.transform));
  if (auto interpolation = node.Find("interpolation2d")) {
    ASSIGN_OR_RETURN(std::string name, interpolation->String());
    Result<Interpolation> parsed = ParseInterpolation(name);
    if (!parsed.ok()) return interpolation->Error(parsed.status().message());
    layer.interpolation = *parsed;
  }
  if (auto rgb = node.Find("rgb")) {
    ASSIGN_OR_RETURN(bool value, rgb->Bool());
    layer.rgb = value;
  }
  if (auto mode = node.Find("projection_mode")) {
    ASSIGN_OR_RETURN(std::string name, mode->String());
    Result<ProjectionMode> parsed = ParseProjectionMode(name);
    if (!parsed.ok()) return mode->Error(parsed.status().message());
    layer.projection_mode = *parsed;
  }
  return layer;
}

}  // namespace stackshot
