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
  // Scene fields the viewer does not keep as the scene gives them, for each layer a
  // keyframe animates them on: the transform parts of a moved layer (the layers keep
  // only the composed Affine) and a points layer's size. The start of their
  // animation.
  std::map<std::string, LayerState> scene_fields;
  std::string canonical;  // the animation object as compact JSON, for the resume manifest
};

// A layer's name and type ("image", "labels", "points", "shapes", "vectors"), for
// checking keyframes, and what the scene gives that keyframes start from or must
// know.
struct LayerName {
  std::string name;
  std::string type;
  TransformParameters transform = {};
  // Fields the scene gives per point, shape or vector, or as a colour by feature:
  // keyframes set one value for all and do not animate these.
  std::vector<std::string> per_element = {};
  double size = 10;                     // points: the scene's one size (napari's default 10)
  bool border_width_is_relative = true;  // points: a relative border_width is at most 1
};

// The scene's layers in file order.
std::vector<LayerName> SceneLayerNames(const SceneSpec& scene);

// Parses an animation object. Fails on fewer than two keyframes, negative steps,
// unknown eases (nearest names), and layers the scene does not have (listing those
// it has) or fields their type cannot animate. Points, shapes and vectors fields
// take one number or one colour; a list (one per element), a colour by feature, or a
// field the scene gives per element is refused: napari-animation would interpolate
// per-element arrays only when both sides have the same length, and feature colours
// not at all, so stackshot animates one value for all elements.
Result<AnimationSpec> ParseAnimation(const JsonReader& node, const std::vector<LayerName>& layers);

// Reads a JSON file whole ("<path>:<line>:<col>: malformed JSON: ..." on bad syntax).
Result<nlohmann::json> ReadJsonFile(const std::string& path);

// The animation of a scene: from `keyframes_file` when given, else the scene file's
// "animation" section (after the --set overrides, as the scene was read). Fails when
// neither has one.
Result<AnimationSpec> LoadAnimation(const std::string& scene_path, const std::vector<std::string>& overrides,
                                    const std::string& keyframes_file, const SceneSpec& scene);

}  // namespace stackshot
