#include "scene/shapes_layer_parser.h"

#include "scene/layer_fields_parser.h"

namespace stackshot {
namespace {

// A colour, or an array of colours (one per shape). A flat [r, g, b(, a)] list of
// numbers is one colour.
Result<std::vector<Rgba>> ColorOrColors(const JsonReader& node) {
  const nlohmann::json& value = node.json();
  const bool list = value.is_array() && !value.empty() && !value[0].is_number();
  if (!list) {
    ASSIGN_OR_RETURN(Rgba color, node.Color());
    return std::vector<Rgba>{color};
  }
  ASSIGN_OR_RETURN(std::vector<JsonReader> elements, node.Elements("a colour or an array of colours"));
  std::vector<Rgba> colors;
  for (const JsonReader& element : elements) {
    ASSIGN_OR_RETURN(Rgba color, element.Color());
    colors.push_back(color);
  }
  return colors;
}

template <typename T>
Result<std::vector<T>> NumberOrNumbers(const JsonReader& node, bool integer) {
  std::vector<T> values;
  if (node.json().is_array()) {
    if (integer) {
      ASSIGN_OR_RETURN(std::vector<int> numbers, node.Integers());
      values.assign(numbers.begin(), numbers.end());
    } else {
      ASSIGN_OR_RETURN(std::vector<double> numbers, node.Numbers());
      values.assign(numbers.begin(), numbers.end());
    }
    if (values.empty()) return node.Error("expected a number or a non-empty array of numbers");
    return values;
  }
  if (integer) {
    ASSIGN_OR_RETURN(int value, node.Integer());
    values.push_back(value);
  } else {
    ASSIGN_OR_RETURN(double value, node.Number());
    values.push_back(value);
  }
  return values;
}

Status ParseInlineShapes(const JsonReader& data_node, const std::optional<JsonReader>& type_node, ShapesData& data) {
  ASSIGN_OR_RETURN(std::vector<JsonReader> shapes, data_node.Elements("an array of shapes (arrays of vertices)"));
  std::vector<ShapeType> types(shapes.size(), ShapeType::kRectangle);  // napari's default shape_type
  if (type_node) {
    if (type_node->json().is_string()) {
      ASSIGN_OR_RETURN(std::string name, type_node->String());
      auto type = ParseShapeType(name);
      if (!type.ok()) return type_node->Error(type.status().message());
      types.assign(shapes.size(), *type);
    } else {
      ASSIGN_OR_RETURN(std::vector<JsonReader> names, type_node->Elements("a shape type or one per shape"));
      if (names.size() != shapes.size()) {
        return type_node->Error("has " + std::to_string(names.size()) + " types for " +
                                std::to_string(shapes.size()) + " shapes");
      }
      for (size_t i = 0; i < names.size(); ++i) {
        ASSIGN_OR_RETURN(std::string name, names[i].String());
        auto type = ParseShapeType(name);
        if (!type.ok()) return names[i].Error(type.status().message());
        types[i] = *type;
      }
    }
  }
  int ndim = 0;
  for (size_t i = 0; i < shapes.size(); ++i) {
    ASSIGN_OR_RETURN(std::vector<JsonReader> vertices, shapes[i].Elements("an array of vertices"));
    std::vector<double> rows;
    for (const JsonReader& vertex : vertices) {
      ASSIGN_OR_RETURN(std::vector<double> coords, vertex.Numbers());
      if (ndim == 0) {
        if (coords.size() < 2) return vertex.Error("a vertex needs at least 2 coordinates");
        ndim = static_cast<int>(coords.size());
        data = EmptyShapes(ndim);
      }
      if (static_cast<int>(coords.size()) != ndim) {
        return vertex.Error("has " + std::to_string(coords.size()) + " coordinates, the first vertex has " +
                            std::to_string(ndim));
      }
      rows.insert(rows.end(), coords.begin(), coords.end());
    }
    if (ndim == 0) return shapes[i].Error("a shape needs vertices");
    Status added = AddShape(data, types[i], rows);
    if (!added.ok()) return shapes[i].Error(added.message());
  }
  return Status::Ok();
}

}  // namespace

Result<ShapesLayerSpec> ParseShapesLayer(const JsonReader& node, const std::string& directory) {
  RETURN_IF_ERROR(node.CheckObject({"type", "name", "source", "data", "shape_type", "opacity", "blending", "visible",
                                    "scale", "translate", "rotate", "shear", "affine", "face_color", "edge_color",
                                    "edge_width", "z_index"}));
  ShapesLayerSpec layer;
  layer.pointer = node.pointer();
  layer.name = "shapes";
  if (auto name = node.Find("name")) {
    ASSIGN_OR_RETURN(layer.name, name->String());
  }
  const auto source = node.Find("source");
  const auto data = node.Find("data");
  if (source.has_value() == data.has_value()) return node.Error("a shapes layer needs either \"source\" or \"data\"");
  if (source) {
    ASSIGN_OR_RETURN(SourceSpec spec, ParseSource(*source, directory));
    if (!spec.multiscale.empty() || !spec.dataset.empty()) {
      return source->Error("shapes read from napari's shapes CSV: give only \"path\"");
    }
    if (node.Has("shape_type")) return node.Child("shape_type").Error("the CSV gives each shape's type");
    layer.source = std::move(spec);
  } else {
    RETURN_IF_ERROR(ParseInlineShapes(*data, node.Find("shape_type"), layer.data));
  }
  RETURN_IF_ERROR(ParseCommonLayerFields(node, layer.opacity, layer.blending, layer.visible, layer.transform));
  if (auto face = node.Find("face_color")) {
    ASSIGN_OR_RETURN(layer.style.face_color, ColorOrColors(*face));
  }
  if (auto edge = node.Find("edge_color")) {
    ASSIGN_OR_RETURN(layer.style.edge_color, ColorOrColors(*edge));
  }
  if (auto width = node.Find("edge_width")) {
    ASSIGN_OR_RETURN(layer.style.edge_width, NumberOrNumbers<double>(*width, false));
    for (double w : layer.style.edge_width) {
      if (!(w >= 0)) return width->Error("edge_width must be 0 or more, got " + FormatNumber(w));
    }
  }
  if (auto z = node.Find("z_index")) {
    ASSIGN_OR_RETURN(layer.style.z_index, NumberOrNumbers<int>(*z, true));
  }
  if (!layer.source) {
    Status checked = CheckShapesAppearance(layer.style, layer.data.size());
    if (!checked.ok()) return node.Error(checked.message());
  }
  return layer;
}

}  // namespace stackshot
