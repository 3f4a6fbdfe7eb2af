// Keyframes: the "animation" section of a scene, or a keyframes file with the same
// schema ({"fps": 20, "keyframes": [{"state": {...}, "steps": 15, "ease": "linear",
// "turns": 0}, ...]}), parsed and checked against the scene's layers.
//
// As napari-animation: `steps` counts the frames from the previous keyframe (default
// 15; 0 is a cut; the first keyframe's steps are ignored) and `ease` shapes that
// transition (default linear). `turns` adds full turns to the camera rotation into
// this keyframe (interpolation.h). Errors carry "<file>#<JSON pointer>: ".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "anim/easing.h"
#include "anim/view_state.h"
#include "nd/status.h"
#include "scene/json_reader.h"

namespace stackshot {

inline constexpr int kDefaultSteps = 15;

struct Keyframe {
  ViewState state;
  int steps = kDefaultSteps;
  Ease ease = Ease::kLinear;
  int turns = 0;
};

struct AnimationSpec {
  std::optional<double> fps;
  std::vector<Keyframe> keyframes;
  // The scene's transform parts of each layer some keyframe moves: the start of its
  // transform animation (the viewer's layers keep only the composed Affine).
  std::map<std::string, LayerState> scene_transforms;
  std::string canonical;  // the animation object as compact JSON, for the resume manifest
};

// A layer's name and type ("image", "labels"), for checking keyframes, and its
// transform as the scene gives it.
struct LayerName {
  std::string name;
  std::string type;
  TransformParameters transform = {};
};

// The scene's layers in file order.
std::vector<LayerName> SceneLayerNames(const SceneSpec& scene);

// Parses an animation object. Fails on fewer than two keyframes, negative steps,
// unknown eases (nearest names), and layers the scene does not have (listing those
// it has) or fields their type cannot animate.
Result<AnimationSpec> ParseAnimation(const JsonReader& node, const std::vector<LayerName>& layers);

// Reads a JSON file whole ("<path>:<line>:<col>: malformed JSON: ..." on bad syntax).
Result<nlohmann::json> ReadJsonFile(const std::string& path);

// The animation of a scene: from `keyframes_file` when given, else the scene file's
// "animation" section (after the --set overrides, as the scene was read). Fails when
// neither has one.
Result<AnimationSpec> LoadAnimation(const std::string& scene_path, const std::vector<std::string>& overrides,
                                    const std::string& keyframes_file, const SceneSpec& scene);

}  // namespace stackshot
