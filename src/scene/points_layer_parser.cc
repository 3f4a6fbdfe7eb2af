#include "scene/points_layer_parser.h"

#include "render/color.h"
#include "scene/layer_fields_parser.h"

namespace stackshot {
namespace {

Result<std::vector<Rgba>> ParseColorList(const JsonReader& node) {
  ASSIGN_OR_RETURN(std::vector<JsonReader> elements, node.Elements("an array of colours"));
  std::vector<Rgba> colors;
  for (const JsonReader& element : elements) {
    ASSIGN_OR_RETURN(Rgba color, element.Color());
    colors.push_back(color);
  }
  return colors;
}

Status ParseColormapValue(const JsonReader& node, ColormapSpec& colormap) {
  if (node.json().is_string()) {
    ASSIGN_OR_RETURN(colormap.name, node.String());
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(colormap.colors, ParseColorList(node));
  return Status::Ok();
}

Status ParseLimits(const JsonReader& node, PointColor& color) {
  ASSIGN_OR_RETURN(std::vector<double> limits, node.Numbers(2));
  if (!(limits[0] < limits[1])) return node.Error("contrast limits must be increasing");
  color.contrast_limits = std::array<double, 2>{limits[0], limits[1]};
  return Status::Ok();
}

// A colour, one colour per point, a feature name, or a {"feature": ...} object.
Status ParsePointColor(const JsonReader& node, PointColor& color, bool& cycle_given, bool& colormap_given) {
  const nlohmann::json& value = node.json();
  if (value.is_string()) {
    Result<Rgba> parsed = ParseColor(value.get<std::string>());
    if (parsed.ok()) {
      color.mode = PointColor::Mode::kDirect;
      color.color = *parsed;
    } else {
      // napari takes a string that is no colour as a feature name.
      color.mode = PointColor::Mode::kCycle;
      color.feature = value.get<std::string>();
    }
    return Status::Ok();
  }
  if (value.is_array() && !value.empty() && (value[0].is_array() || value[0].is_string())) {
    ASSIGN_OR_RETURN(color.per_point, ParseColorList(node));
    return Status::Ok();
  }
  if (value.is_array()) {
    ASSIGN_OR_RETURN(color.color, node.Color());
    return Status::Ok();
  }
  if (!value.is_object()) return node.TypeError("a colour, a list of colours, or a {\"feature\": ...} object");
  RETURN_IF_ERROR(node.CheckObject({"feature", "cycle", "colormap", "contrast_limits"}));
  ASSIGN_OR_RETURN(JsonReader feature, node.Required("feature"));
  ASSIGN_OR_RETURN(color.feature, feature.String());
  color.mode = PointColor::Mode::kCycle;
  if (auto cycle = node.Find("cycle")) {
    ASSIGN_OR_RETURN(color.cycle, ParseColorList(*cycle));
    if (color.cycle.empty()) return cycle->Error("a colour cycle needs at least one colour");
    cycle_given = true;
  }
  if (auto colormap = node.Find("colormap")) {
    if (cycle_given) return colormap->Error("give either 'cycle' or 'colormap', not both");
    RETURN_IF_ERROR(ParseColormapValue(*colormap, color.colormap));
    color.mode = PointColor::Mode::kColormap;
    colormap_given = true;
  }
  if (auto limits = node.Find("contrast_limits")) RETURN_IF_ERROR(ParseLimits(*limits, color));
  return Status::Ok();
}

// napari's sibling keys: <prefix>_color_cycle, <prefix>_colormap, <prefix>_contrast_limits.
Status ParseColorSiblings(const JsonReader& node, const std::string& prefix, PointColor& color, bool& cycle_given,
                          bool& colormap_given) {
  if (auto cycle = node.Find(prefix + "_color_cycle")) {
    ASSIGN_OR_RETURN(color.cycle, ParseColorList(*cycle));
    if (color.cycle.empty()) return cycle->Error("a colour cycle needs at least one colour");
    cycle_given = true;
  }
  if (auto colormap = node.Find(prefix + "_colormap")) {
    RETURN_IF_ERROR(ParseColormapValue(*colormap, color.colormap));
    colormap_given = true;
  }
  if (auto limits = node.Find(prefix + "_contrast_limits")) RETURN_IF_ERROR(ParseLimits(*limits, color));
  return Status::Ok();
}

Status ParseInlineFeatures(const JsonReader& node, PointsData& data) {
  if (!node.json().is_object()) return node.TypeError("an object of feature → values");
  for (const auto& [key, unused] : node.json().items()) {
    const JsonReader column = node.Child(key);
    ASSIGN_OR_RETURN(std::vector<JsonReader> values, column.Elements("an array of values, one per point"));
    if (static_cast<int64_t>(values.size()) != data.size()) {
      return column.Error(std::to_string(values.size()) + " values for " + std::to_string(data.size()) + " points");
    }
    PointsFeature feature;
    feature.name = key;
    feature.numeric = std::all_of(values.begin(), values.end(), [](const JsonReader& v) { return v.json().is_number(); });
    for (const JsonReader& v : values) {
      if (feature.numeric) {
        feature.numbers.push_back(v.json().get<double>());
      } else if (v.json().is_string()) {
        feature.strings.push_back(v.json().get<std::string>());
      } else {
        feature.strings.push_back(v.json().dump());
      }
    }
    data.features.push_back(std::move(feature));
  }
  return Status::Ok();
}

}  // namespace

Result<PointsLayerSpec> ParsePointsLayer(const JsonReader& node, const std::string& directory) {
  RETURN_IF_ERROR(node.CheckObject(
      {"type", "name", "source", "data", "features", "opacity", "blending", "visible", "scale", "translate", "rotate",
       "shear", "affine", "size", "shown", "symbol", "face_color", "border_color", "border_width",
       "border_width_is_relative", "out_of_slice_display", "projection_mode", "canvas_size_limits",
       "face_color_cycle", "face_colormap", "face_contrast_limits", "border_color_cycle", "border_colormap",
       "border_contrast_limits"}));
  PointsLayerSpec layer;
  layer.pointer = node.pointer();
  layer.name = "points";
  if (auto name = node.Find("name")) {
    ASSIGN_OR_RETURN(layer.name, name->String());
  }
  auto source = node.Find("source");
  auto data = node.Find("data");
  if (source && data) return data->Error("give either 'source' or 'data', not both");
  if (!source && !data) return node.Error("a points layer needs 'source' or 'data'");
  if (source) {
    ASSIGN_OR_RETURN(SourceSpec parsed, ParseSource(*source, directory));
    if (!parsed.multiscale.empty()) return source->Child("multiscale").Error("points have no multiscale");
    layer.source = std::move(parsed);
    if (node.Has("features")) return node.Child("features").Error("features come from the csv's extra columns");
  } else {
    ASSIGN_OR_RETURN(std::vector<JsonReader> rows, data->Elements("an array of points (arrays of coordinates)"));
    std::vector<std::vector<double>> values;
    for (const JsonReader& row : rows) {
      ASSIGN_OR_RETURN(std::vector<double> coordinates, row.Numbers());
      values.push_back(std::move(coordinates));
    }
    if (values.empty()) {
      layer.data = EmptyPoints(2);
    } else {
      auto parsed = PointsFromRows(values, data->file() + data->pointer());
      if (!parsed.ok()) return parsed.status();
      layer.data = std::move(parsed).value();
    }
    if (auto features = node.Find("features")) RETURN_IF_ERROR(ParseInlineFeatures(*features, layer.data));
  }
  RETURN_IF_ERROR(ParseCommonLayerFields(node, layer.opacity, layer.blending, layer.visible, layer.transform));
  if (auto size = node.Find("size")) {
    if (size->json().is_array()) {
      ASSIGN_OR_RETURN(layer.sizes, size->Numbers());
      for (double s : layer.sizes) {
        if (!(s >= 0)) return size->Error("sizes must be 0 or more");
      }
    } else {
      ASSIGN_OR_RETURN(double value, size->Number());
      if (!(value >= 0)) return size->Error("size must be 0 or more");
      layer.size = value;
    }
  }
  if (auto shown = node.Find("shown")) {
    ASSIGN_OR_RETURN(std::vector<JsonReader> flags, shown->Elements("an array of booleans, one per point"));
    for (const JsonReader& flag : flags) {
      ASSIGN_OR_RETURN(bool on, flag.Bool());
      layer.shown.push_back(on ? 1 : 0);
    }
  }
  PointsAppearance& style = layer.style;
  if (auto symbol = node.Find("symbol")) {
    // A name, or one per point (napari's array); each error names its element.
    auto parse = [](const JsonReader& name) -> Result<PointSymbol> {
      ASSIGN_OR_RETURN(std::string text, name.String());
      Result<PointSymbol> parsed = ParsePointSymbol(text);
      if (!parsed.ok()) return name.Error(parsed.status().message());
      return *parsed;
    };
    if (symbol->json().is_array()) {
      ASSIGN_OR_RETURN(std::vector<JsonReader> names, symbol->Elements("an array of symbol names, one per point"));
      for (const JsonReader& name : names) {
        ASSIGN_OR_RETURN(PointSymbol parsed, parse(name));
        style.symbols.push_back(parsed);
      }
    } else {
      ASSIGN_OR_RETURN(style.symbol, parse(*symbol));
    }
  }
  if (auto face = node.Find("face_color")) {
    RETURN_IF_ERROR(ParsePointColor(*face, style.face_color, layer.face_cycle_given, layer.face_colormap_given));
  }
  RETURN_IF_ERROR(ParseColorSiblings(node, "face", style.face_color, layer.face_cycle_given,
                                     layer.face_colormap_given));
  if (auto border = node.Find("border_color")) {
    RETURN_IF_ERROR(
        ParsePointColor(*border, style.border_color, layer.border_cycle_given, layer.border_colormap_given));
  }
  RETURN_IF_ERROR(ParseColorSiblings(node, "border", style.border_color, layer.border_cycle_given,
                                     layer.border_colormap_given));
  if (auto relative = node.Find("border_width_is_relative")) {
    ASSIGN_OR_RETURN(style.border_width_is_relative, relative->Bool());
  }
  if (auto width = node.Find("border_width")) {
    // A number, or one per point (napari's array).
    std::vector<double> widths;
    if (width->json().is_array()) {
      ASSIGN_OR_RETURN(style.border_widths, width->Numbers());
      widths = style.border_widths;
    } else {
      ASSIGN_OR_RETURN(style.border_width, width->Number());
      widths = {style.border_width};
    }
    for (double value : widths) {
      if (!(value >= 0)) return width->Error("border_width must be 0 or more");
      if (style.border_width_is_relative && value > 1) {
        return width->Error("a relative border_width must be between 0 and 1 (set border_width_is_relative false)");
      }
    }
  }
  if (auto limits = node.Find("canvas_size_limits")) {
    ASSIGN_OR_RETURN(std::vector<double> values, limits->Numbers(2));
    if (!(values[0] >= 0 && values[0] <= values[1])) return limits->Error("canvas_size_limits must be 0 ≤ min ≤ max");
    style.canvas_size_limits = {values[0], values[1]};
  }
  if (auto out = node.Find("out_of_slice_display")) {
    ASSIGN_OR_RETURN(layer.out_of_slice_display, out->Bool());
  }
  if (auto mode = node.Find("projection_mode")) {
    ASSIGN_OR_RETURN(std::string text, mode->String());
    Result<PointsProjection> parsed = ParsePointsProjection(text);
    if (!parsed.ok()) return mode->Error(parsed.status().message());
    layer.projection_mode = *parsed;
  }
  return layer;
}

}  // namespace stackshot
