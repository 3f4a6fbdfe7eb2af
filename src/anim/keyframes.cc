#include "anim/keyframes.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/input_file.h"
#include "nd/nearest_names.h"
#include "render/color.h"
#include "scene/layer_fields_parser.h"
#include "scene/image_layer_parser.h"
#include "scene/json_text.h"
#include "scene/labels_layer_parser.h"
#include "scene/view_parsers.h"

namespace stackshot {
namespace {

const std::vector<std::string_view> kImageFields = {"opacity", "visible", "blending", "colormap", "contrast_limits",
                                                    "gamma", "interpolation2d", "scale", "translate", "rotate",
                                                    "shear", "affine"};
const std::vector<std::string_view> kLabelsFields = {"opacity", "visible", "blending", "scale",
                                                     "translate", "rotate", "shear", "affine"};
const std::vector<std::string_view> kPointsFields = {"opacity", "visible", "blending", "size", "face_color",
                                                     "border_color", "border_width", "scale", "translate",
                                                     "rotate", "shear", "affine"};
const std::vector<std::string_view> kShapesFields = {"opacity", "visible", "blending", "face_color", "edge_color",
                                                     "edge_width", "scale", "translate", "rotate", "shear",
                                                     "affine"};
const std::vector<std::string_view> kVectorsFields = {"opacity", "visible", "blending", "edge_color", "edge_width",
                                                      "length", "scale", "translate", "rotate", "shear", "affine"};



// The transform parts of `params` as LayerState fields (`only_keys`: those `node` names).
void TakeTransform(const TransformParameters& params, LayerState& state, const JsonReader* only_keys) {
  auto wanted = [&](const char* key, bool present) { return only_keys ? only_keys->Has(key) : present; };
  if (wanted("scale", !params.scale.empty())) state.scale = params.scale;
  if (wanted("translate", !params.translate.empty())) state.translate = params.translate;
  if (wanted("rotate", params.rotate_angle || !params.rotate_angles.empty() || !params.rotate_matrix.empty())) {
    TransformParameters rotate;
    rotate.rotate_angle = params.rotate_angle;
    rotate.rotate_angles = params.rotate_angles;
    rotate.rotate_matrix = params.rotate_matrix;
    state.rotate = std::move(rotate);
  }
  if (wanted("shear", !params.shear_vector.empty() || !params.shear_matrix.empty())) {
    TransformParameters shear;
    shear.shear_vector = params.shear_vector;
    shear.shear_matrix = params.shear_matrix;
    state.shear = std::move(shear);
  }
  if (wanted("affine", !params.affine.empty())) state.affine = params.affine;
}

const std::vector<std::string_view>& FieldsOf(const std::string& type) {
  if (type == "image") return kImageFields;
  if (type == "points") return kPointsFields;
  if (type == "shapes") return kShapesFields;
  if (type == "vectors") return kVectorsFields;
  return kLabelsFields;
}

std::string ElementName(const std::string& type) {
  return type == "points" ? "point" : type == "shapes" ? "shape" : "vector";
}

// One number ≥ 0 for all elements (`at_most`: an upper bound, for a relative width).
Result<double> OneNumber(const JsonReader& node, const std::string& field, const LayerName& layer,
                         std::optional<double> at_most = {}) {
  if (node.json().is_array()) {
    return node.Error("keyframes set one " + field + " for all " + ElementName(layer.type) + "s; per-" +
                      ElementName(layer.type) + " lists are not animated");
  }
  ASSIGN_OR_RETURN(double value, node.Number());
  if (!(value >= 0) || !std::isfinite(value)) return node.Error("must be a number, 0 or more");
  if (at_most && value > *at_most) {
    return node.Error("a relative border_width must be between 0 and 1 (napari's rule)");
  }
  return value;
}

// One colour for all elements: a name, "#rrggbb(aa)" or [r, g, b(, a)].
Result<Rgba> OneColor(const JsonReader& node, const LayerName& layer) {
  const nlohmann::json& value = node.json();
  if (value.is_array() && !value.empty() && (value[0].is_array() || value[0].is_string())) {
    return node.Error("keyframes set one colour for all " + ElementName(layer.type) + "s; per-" +
                      ElementName(layer.type) + " colour lists are not animated");
  }
  if (value.is_object() || (value.is_string() && !ParseColor(value.get<std::string>()).ok())) {
    return node.Error("keyframes set one colour; colours by feature are not animated");
  }
  return node.Color();
}

// Points, shapes and vectors: the common fields as the scene reads them, the others
// as one value each.
Result<LayerState> ParseGeometryState(const JsonReader& node, const LayerName& layer) {
  for (const std::string& field : layer.per_element) {
    if (!node.Has(field)) continue;
    return node.Child(field).Error("layer '" + layer.name + "' has one " + field + " per " +
                                   ElementName(layer.type) + " (or by feature) in the scene; keyframes animate one " +
                                   field + " for all " + ElementName(layer.type) +
                                   "s, so give the scene one value to animate it");
  }
  double opacity = 1;
  Blending blending = Blending::kTranslucent;
  bool visible = true;
  TransformParameters transform;
  RETURN_IF_ERROR(ParseCommonLayerFields(node, opacity, blending, visible, transform));
  LayerState state;
  if (node.Has("opacity")) state.opacity = opacity;
  if (node.Has("blending")) state.blending = blending;
  if (node.Has("visible")) state.visible = visible;
  TakeTransform(transform, state, &node);
  if (auto v = node.Find("size")) {
    ASSIGN_OR_RETURN(state.size, OneNumber(*v, "size", layer));
  }
  if (auto v = node.Find("border_width")) {
    const std::optional<double> at_most = layer.border_width_is_relative ? std::optional<double>(1.0) : std::nullopt;
    ASSIGN_OR_RETURN(state.border_width, OneNumber(*v, "border_width", layer, at_most));
  }
  if (auto v = node.Find("edge_width")) {
    ASSIGN_OR_RETURN(state.edge_width, OneNumber(*v, "edge_width", layer));
  }
  if (auto v = node.Find("length")) {
    ASSIGN_OR_RETURN(state.length, OneNumber(*v, "length", layer));
  }
  if (auto v = node.Find("face_color")) {
    ASSIGN_OR_RETURN(state.face_color, OneColor(*v, layer));
  }
  if (auto v = node.Find("border_color")) {
    ASSIGN_OR_RETURN(state.border_color, OneColor(*v, layer));
  }
  if (auto v = node.Find("edge_color")) {
    ASSIGN_OR_RETURN(state.edge_color, OneColor(*v, layer));
  }
  return state;
}

// The layer's fields are checked by the scene's own layer parser, given a stand-in
// layer object read at this node's pointer, so messages and rules match the scene's.
Result<LayerState> ParseLayerState(const JsonReader& node, const LayerName& layer) {
  const bool image = layer.type == "image";
  RETURN_IF_ERROR(node.CheckObject(FieldsOf(layer.type)));
  if (!image && layer.type != "labels") return ParseGeometryState(node, layer);
  nlohmann::json stand_in = node.json();
  stand_in["type"] = layer.type;
  stand_in["source"] = {{"path", "stand-in.h5"}, {"dataset", "/stand-in"}};
  JsonReader reader(stand_in, node.file(), node.pointer());
  LayerState state;
  if (image) {
    ASSIGN_OR_RETURN(ImageLayerSpec spec, ParseImageLayer(reader, ""));
    if (node.Has("colormap")) state.colormap = spec.colormap;
    if (node.Has("contrast_limits")) state.contrast_limits = spec.contrast_limits;
    if (node.Has("gamma")) state.gamma = spec.gamma;
    if (node.Has("interpolation2d")) state.interpolation = spec.interpolation;
    if (node.Has("opacity")) state.opacity = spec.opacity;
    if (node.Has("blending")) state.blending = spec.blending;
    if (node.Has("visible")) state.visible = spec.visible;
    TakeTransform(spec.transform, state, &node);
  } else {
    ASSIGN_OR_RETURN(LabelsLayerSpec spec, ParseLabelsLayer(reader, ""));
    if (node.Has("opacity")) state.opacity = spec.opacity;
    if (node.Has("blending")) state.blending = spec.blending;
    if (node.Has("visible")) state.visible = spec.visible;
    TakeTransform(spec.transform, state, &node);
  }
  return state;
}

Result<ViewState> ParseState(const JsonReader& node, const std::vector<LayerName>& layers) {
  RETURN_IF_ERROR(node.CheckObject({"dims", "camera", "layers"}));
  ViewState state;
  if (auto dims = node.Find("dims")) RETURN_IF_ERROR(ParseDims(*dims, state.dims, /*with_axis_labels=*/false));
  if (auto camera = node.Find("camera")) RETURN_IF_ERROR(ParseCamera(*camera, state.camera));
  if (auto by_name = node.Find("layers")) {
    if (!by_name->json().is_object()) return by_name->TypeError("an object of layers by name");
    std::vector<std::string> names;
    for (const LayerName& layer : layers) names.push_back(layer.name);
    for (const auto& item : by_name->json().items()) {
      JsonReader child = by_name->Child(item.key());
      auto found = std::find_if(layers.begin(), layers.end(), [&](const LayerName& l) { return l.name == item.key(); });
      if (found == layers.end()) {
        std::string listed;
        for (const std::string& name : names) listed += (listed.empty() ? "'" : ", '") + name + "'";
        return child.Error("no layer named '" + item.key() + "' (the scene has " + listed + ")");
      }
      if (!child.json().is_object()) return child.TypeError("an object of layer fields");
      ASSIGN_OR_RETURN(state.layers[item.key()], ParseLayerState(child, *found));
    }
  }
  return state;
}

}  // namespace

std::vector<LayerName> SceneLayerNames(const SceneSpec& scene) {
  std::vector<std::pair<int, LayerName>> indexed;
  for (const auto& layer : scene.layers) indexed.push_back({layer.index, {layer.name, "image", layer.transform}});
  for (const auto& layer : scene.labels) indexed.push_back({layer.index, {layer.name, "labels", layer.transform}});
  for (const auto& layer : scene.points) {
    LayerName name{layer.name, "points", layer.transform};
    const PointsAppearance& style = layer.style;
    auto per_point_color = [](const PointColor& c) {
      return c.mode != PointColor::Mode::kDirect || !c.per_point.empty();
    };
    if (!layer.sizes.empty()) name.per_element.push_back("size");
    if (per_point_color(style.face_color)) name.per_element.push_back("face_color");
    if (per_point_color(style.border_color)) name.per_element.push_back("border_color");
    if (!style.border_widths.empty()) name.per_element.push_back("border_width");
    name.size = layer.size.value_or(10.0);
    name.border_width_is_relative = style.border_width_is_relative;
    indexed.push_back({layer.index, std::move(name)});
  }
  for (const auto& layer : scene.shapes) {
    LayerName name{layer.name, "shapes", layer.transform};
    if (layer.style.face_color.size() > 1) name.per_element.push_back("face_color");
    if (layer.style.edge_color.size() > 1) name.per_element.push_back("edge_color");
    if (layer.style.edge_width.size() > 1) name.per_element.push_back("edge_width");
    indexed.push_back({layer.index, std::move(name)});
  }
  for (const auto& layer : scene.vectors) {
    LayerName name{layer.name, "vectors", layer.transform};
    if (layer.style.edge_color.size() > 1 || !layer.color_feature.empty()) name.per_element.push_back("edge_color");
    indexed.push_back({layer.index, std::move(name)});
  }
  std::sort(indexed.begin(), indexed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<LayerName> names;
  for (auto& [index, name] : indexed) names.push_back(std::move(name));
  return names;
}

Result<AnimationSpec> ParseAnimation(const JsonReader& node, const std::vector<LayerName>& layers) {
  if (!node.json().is_object()) return node.TypeError("an animation object");
  RETURN_IF_ERROR(node.CheckObject({"fps", "keyframes"}));
  AnimationSpec animation;
  animation.canonical = node.json().dump();
  if (auto fps = node.Find("fps")) {
    ASSIGN_OR_RETURN(double value, fps->Number());
    if (!(value > 0) || value > 1000) return fps->Error("fps must be greater than 0 and at most 1000");
    animation.fps = value;
  }
  ASSIGN_OR_RETURN(JsonReader list, node.Required("keyframes"));
  ASSIGN_OR_RETURN(std::vector<JsonReader> elements, list.Elements("an array of keyframes"));
  if (elements.size() < 2) {
    return list.Error("an animation needs at least two keyframes, got " + std::to_string(elements.size()));
  }
  for (const JsonReader& element : elements) {
    if (!element.json().is_object()) return element.TypeError("a keyframe object");
    RETURN_IF_ERROR(element.CheckObject({"state", "steps", "ease", "turns"}));
    Keyframe keyframe;
    if (auto state = element.Find("state")) {
      ASSIGN_OR_RETURN(keyframe.state, ParseState(*state, layers));
    }
    if (auto steps = element.Find("steps")) {
      ASSIGN_OR_RETURN(keyframe.steps, steps->Integer());
      if (keyframe.steps < 0) return steps->Error("steps must be 0 or more, got " + std::to_string(keyframe.steps));
    }
    if (auto ease = element.Find("ease")) {
      ASSIGN_OR_RETURN(std::string name, ease->String());
      Result<Ease> parsed = ParseEase(name);
      if (!parsed.ok()) return ease->Error(parsed.status().message());
      keyframe.ease = *parsed;
    }
    if (auto turns = element.Find("turns")) {
      ASSIGN_OR_RETURN(keyframe.turns, turns->Integer());
    }
    animation.keyframes.push_back(std::move(keyframe));
  }
  for (const LayerName& layer : layers) {
    const bool sized = std::any_of(animation.keyframes.begin(), animation.keyframes.end(), [&](const Keyframe& k) {
      auto found = k.state.layers.find(layer.name);
      return found != k.state.layers.end() && found->second.size;
    });
    if (sized) animation.scene_fields[layer.name].size = layer.size;
    const bool moved = std::any_of(animation.keyframes.begin(), animation.keyframes.end(), [&](const Keyframe& k) {
      auto found = k.state.layers.find(layer.name);
      return found != k.state.layers.end() && found->second.has_transform();
    });
    if (!moved) continue;
    LayerState& start = animation.scene_fields[layer.name];
    TakeTransform(layer.transform, start, nullptr);
    // A state that names no part would leave a moved layer where the last frame put
    // it; an explicit identity rotation (exactly the default) marks it.
    if (!start.has_transform()) {
      start.rotate = TransformParameters{};
      start.rotate->rotate_angle = 0.0;
    }
  }
  return animation;
}

Result<nlohmann::json> ReadJsonFile(const std::string& path) {
  ASSIGN_OR_RETURN(const std::string text, ReadInputFile(path, "a JSON file"));
  return ParseJsonText(text, path);
}

Result<AnimationSpec> LoadAnimation(const std::string& scene_path, const std::vector<std::string>& overrides,
                                    const std::string& keyframes_file, const SceneSpec& scene) {
  const std::vector<LayerName> layers = SceneLayerNames(scene);
  if (!keyframes_file.empty()) {
    ASSIGN_OR_RETURN(nlohmann::json document, ReadJsonFile(keyframes_file));
    return ParseAnimation(JsonReader(document, keyframes_file), layers);
  }
  ASSIGN_OR_RETURN(nlohmann::json document, ReadJsonFile(scene_path));
  for (const std::string& assignment : overrides) RETURN_IF_ERROR(ApplyOverride(document, assignment));
  JsonReader root(document, scene_path);
  auto animation = root.Find("animation");
  if (!animation) {
    return InvalidArgumentError(scene_path + ": the scene has no \"animation\" section (give one, or --keyframes FILE)");
  }
  return ParseAnimation(*animation, layers);
}

}  // namespace stackshot
