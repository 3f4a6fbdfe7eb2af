#include "scene/labels_layer_parser.h"

#include <algorithm>

#include "scene/layer_fields_parser.h"

namespace stackshot {
namespace {

Status ParseColorDict(const JsonReader& node, LabelsAppearance& style) {
  if (!node.json().is_object()) return node.TypeError("an object of label → colour");
  for (const auto& [key, unused] : node.json().items()) {
    const JsonReader entry = node.Child(key);
    ASSIGN_OR_RETURN(Rgba color, entry.Color());
    if (key == "default") {
      style.default_color = color;
      continue;
    }
    Result<LabelId> label = LabelId::Parse(key);
    if (!label.ok()) return entry.Error(label.status().message() + " (keys are integer labels or \"default\")");
    const bool listed = std::any_of(style.colors.begin(), style.colors.end(),
                                    [&](const auto& pair) { return pair.first == *label; });
    if (listed) return entry.Error("label " + label->ToString() + " is listed twice");
    style.colors.emplace_back(*label, color);
  }
  return Status::Ok();
}

}  // namespace

Result<LabelsLayerSpec> ParseLabelsLayer(const JsonReader& node, const std::string& directory) {
  RETURN_IF_ERROR(node.CheckObject({"type", "name", "source", "opacity", "blending", "visible", "scale", "translate",
                                    "rotate", "shear", "affine", "color", "contour", "selected_label",
                                    "show_selected_label"}));
  LabelsLayerSpec layer;
  layer.pointer = node.pointer();
  layer.name = "labels";
  if (auto name = node.Find("name")) {
    ASSIGN_OR_RETURN(layer.name, name->String());
  }
  ASSIGN_OR_RETURN(JsonReader source, node.Required("source"));
  ASSIGN_OR_RETURN(layer.source, ParseSource(source, directory));
  if (!layer.source.multiscale.empty()) {
    return source.Child("multiscale").Error("multiscale labels are not supported (use one level)");
  }
  RETURN_IF_ERROR(ParseCommonLayerFields(node, layer.opacity, layer.blending, layer.visible, layer.transform));
  if (auto color = node.Find("color")) RETURN_IF_ERROR(ParseColorDict(*color, layer.style));
  if (auto contour = node.Find("contour")) {
    ASSIGN_OR_RETURN(layer.style.contour, contour->Integer());
    if (layer.style.contour < 0) {
      return contour->Error("contour must be 0 or more, got " + std::to_string(layer.style.contour));
    }
  }
  if (auto selected = node.Find("selected_label")) {
    const nlohmann::json& value = selected->json();
    if (value.is_number_unsigned()) {
      layer.style.selected_label = LabelId::Unsigned(value.get<uint64_t>());
    } else if (value.is_number_integer()) {
      layer.style.selected_label = LabelId::Signed(value.get<int64_t>());
    } else {
      return selected->TypeError("an integer label");
    }
  }
  if (auto show = node.Find("show_selected_label")) {
    ASSIGN_OR_RETURN(layer.style.show_selected_label, show->Bool());
  }
  return layer;
}

}  // namespace stackshot
