#include "anim/keyframes.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/input_file.h"
#include "nd/nearest_names.h"
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

// The layer's fields are checked by the scene's own layer parser, given a stand-in
// layer object read at this node's pointer, so messages and rules match the scene's.
Result<LayerState> ParseLayerState(const JsonReader& node, const LayerName& layer) {
  const bool image = layer.type == "image";
  RETURN_IF_ERROR(node.CheckObject(image ? kImageFields : kLabelsFields));
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
    const bool moved = std::any_of(animation.keyframes.begin(), animation.keyframes.end(), [&](const Keyframe& k) {
      auto found = k.state.layers.find(layer.name);
      return found != k.state.layers.end() && found->second.has_transform();
    });
    if (!moved) continue;
    LayerState& start = animation.scene_transforms[layer.name];
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
