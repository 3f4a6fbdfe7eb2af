#include "scene/vectors_layer_parser.h"

#include "scene/layer_fields_parser.h"

namespace stackshot {
namespace {

Result<std::vector<std::vector<std::vector<double>>>> InlineVectors(const JsonReader& node) {
  ASSIGN_OR_RETURN(std::vector<JsonReader> vectors, node.Elements("an N×2×D array of vectors"));
  std::vector<std::vector<std::vector<double>>> rows;
  for (const JsonReader& vector : vectors) {
    ASSIGN_OR_RETURN(std::vector<JsonReader> parts, vector.Elements("[[position…], [projection…]]"));
    std::vector<std::vector<double>> row;
    for (const JsonReader& part : parts) {
      ASSIGN_OR_RETURN(std::vector<double> values, part.Numbers());
      row.push_back(std::move(values));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Status ParseFeatures(const JsonReader& node, std::vector<VectorsFeature>& features) {
  if (!node.json().is_object()) return node.TypeError("an object of feature name → values");
  for (const auto& [key, unused] : node.json().items()) {
    const JsonReader column = node.Child(key);
    if (!column.json().is_array()) return column.TypeError("an array of values, one per vector");
    VectorsFeature feature;
    feature.name = key;
    const bool text = !column.json().empty() && column.json()[0].is_string();
    feature.numeric = !text;
    if (text) {
      ASSIGN_OR_RETURN(feature.strings, column.Strings());
    } else {
      ASSIGN_OR_RETURN(feature.numbers, column.Numbers());
    }
    features.push_back(std::move(feature));
  }
  return Status::Ok();
}

}  // namespace

Result<VectorsLayerSpec> ParseVectorsLayer(const JsonReader& node, const std::string& directory) {
  RETURN_IF_ERROR(node.CheckObject({"type", "name", "source", "data", "features", "opacity", "blending", "visible",
                                    "scale", "translate", "rotate", "shear", "affine", "edge_color", "edge_colormap",
                                    "edge_contrast_limits", "edge_color_cycle", "edge_width", "length",
                                    "vector_style", "out_of_slice_display"}));
  VectorsLayerSpec layer;
  layer.pointer = node.pointer();
  layer.name = "vectors";
  if (auto name = node.Find("name")) {
    ASSIGN_OR_RETURN(layer.name, name->String());
  }
  const auto source = node.Find("source");
  const auto data = node.Find("data");
  if (source.has_value() == data.has_value()) return node.Error("a vectors layer needs either \"source\" or \"data\"");
  if (source) {
    ASSIGN_OR_RETURN(SourceSpec spec, ParseSource(*source, directory));
    if (!spec.multiscale.empty() || !IsHdf5Path(spec.path) || spec.dataset.empty()) {
      return source->Error("vectors read from an HDF5 dataset: give \"path\" (.h5) and \"dataset\"");
    }
    layer.source = std::move(spec);
  } else {
    ASSIGN_OR_RETURN(auto rows, InlineVectors(*data));
    auto vectors = VectorsFromRows(rows, data->file() + data->pointer());
    if (!vectors.ok()) return vectors.status();
    layer.data = std::move(vectors).value();
  }
  RETURN_IF_ERROR(ParseCommonLayerFields(node, layer.opacity, layer.blending, layer.visible, layer.transform));
  if (auto features = node.Find("features")) RETURN_IF_ERROR(ParseFeatures(*features, layer.features));
  if (auto edge = node.Find("edge_color")) {
    const nlohmann::json& value = edge->json();
    bool is_feature = false;
    if (value.is_string()) {
      for (const VectorsFeature& feature : layer.features) is_feature = is_feature || feature.name == value;
    }
    if (is_feature) {
      layer.color_feature = value.get<std::string>();
    } else if (value.is_array() && !value.empty() && !value[0].is_number()) {
      ASSIGN_OR_RETURN(std::vector<JsonReader> colors, edge->Elements("a colour or one per vector"));
      layer.style.edge_color.clear();
      for (const JsonReader& color : colors) {
        ASSIGN_OR_RETURN(Rgba rgba, color.Color());
        layer.style.edge_color.push_back(rgba);
      }
    } else {
      ASSIGN_OR_RETURN(Rgba rgba, edge->Color());
      layer.style.edge_color = {rgba};
    }
  }
  if (auto colormap = node.Find("edge_colormap")) {
    ASSIGN_OR_RETURN(layer.style.colormap.name, colormap->String());
  }
  if (auto limits = node.Find("edge_contrast_limits")) {
    ASSIGN_OR_RETURN(std::vector<double> values, limits->Numbers(2));
    if (!(values[0] < values[1])) return limits->Error("edge_contrast_limits must rise, got " + FormatNumbers(values));
    layer.contrast_limits = std::array<double, 2>{values[0], values[1]};
  }
  if (auto cycle = node.Find("edge_color_cycle")) {
    ASSIGN_OR_RETURN(std::vector<JsonReader> colors, cycle->Elements("an array of colours"));
    for (const JsonReader& color : colors) {
      ASSIGN_OR_RETURN(Rgba rgba, color.Color());
      layer.color_cycle.push_back(rgba);
    }
    if (layer.color_cycle.empty()) return cycle->Error("edge_color_cycle needs at least one colour");
  }
  if (auto width = node.Find("edge_width")) {
    ASSIGN_OR_RETURN(layer.style.edge_width, width->Number());
    if (!(layer.style.edge_width >= 0)) {
      return width->Error("edge_width must be 0 or more, got " + FormatNumber(layer.style.edge_width));
    }
  }
  if (auto length = node.Find("length")) {
    ASSIGN_OR_RETURN(layer.style.length, length->Number());
  }
  if (auto style = node.Find("vector_style")) {
    ASSIGN_OR_RETURN(std::string name, style->String());
    auto parsed = ParseVectorStyle(name);
    if (!parsed.ok()) return style->Error(parsed.status().message());
    layer.style.vector_style = *parsed;
  }
  if (auto oos = node.Find("out_of_slice_display")) {
    ASSIGN_OR_RETURN(layer.out_of_slice_display, oos->Bool());
  }
  return layer;
}

}  // namespace stackshot
