#include "anim/keyframes.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace stackshot {
namespace {

const std::vector<LayerName> kLayers = {{"nuclei", "image"}, {"cells", "labels"}};

Result<AnimationSpec> Parse(const std::string& text) {
  static nlohmann::json document;  // outlives the reader
  document = nlohmann::json::parse(text);
  return ParseAnimation(JsonReader(document, "kf.json"), kLayers);
}

TEST(KeyframesTest, ParsesPartialStates) {
  auto animation = Parse(R"({"fps": 20, "keyframes": [
      {"state": {"dims": {"point": [0, 0, 0]}}},
      {"steps": 30, "ease": "cubic", "turns": 1,
       "state": {"camera": {"zoom": 3}, "layers": {"nuclei": {"opacity": 0.2, "colormap": "magma"},
                                                    "cells": {"visible": false}}}}]})");
  ASSERT_TRUE(animation.ok()) << animation.status().message();
  EXPECT_EQ(*animation->fps, 20);
  ASSERT_EQ(animation->keyframes.size(), 2u);
  EXPECT_EQ(animation->keyframes[0].steps, kDefaultSteps);
  EXPECT_EQ(animation->keyframes[1].steps, 30);
  EXPECT_EQ(animation->keyframes[1].ease, Ease::kCubic);
  EXPECT_EQ(animation->keyframes[1].turns, 1);
  const ViewState& state = animation->keyframes[1].state;
  EXPECT_EQ(*state.camera.zoom, 3);
  EXPECT_EQ(*state.layers.at("nuclei").opacity, 0.2);
  EXPECT_EQ(state.layers.at("nuclei").colormap->name, "magma");
  EXPECT_FALSE(state.layers.at("nuclei").visible.has_value());
  EXPECT_EQ(*state.layers.at("cells").visible, false);
}

TEST(KeyframesTest, FewerThanTwoKeyframesFail) {
  auto animation = Parse(R"({"keyframes": [{}]})");
  ASSERT_FALSE(animation.ok());
  EXPECT_EQ(animation.status().message(), "kf.json#/keyframes: an animation needs at least two keyframes, got 1");
}

TEST(KeyframesTest, MissingLayerListsNames) {
  auto animation = Parse(R"({"keyframes": [{}, {"state": {"layers": {"nucleus": {"opacity": 0}}}}]})");
  ASSERT_FALSE(animation.ok());
  EXPECT_EQ(animation.status().message(),
            "kf.json#/keyframes/1/state/layers/nucleus: no layer named 'nucleus' (the scene has 'nuclei', 'cells')");
}

TEST(KeyframesTest, NegativeStepsFail) {
  auto animation = Parse(R"({"keyframes": [{}, {"steps": -3}]})");
  ASSERT_FALSE(animation.ok());
  EXPECT_EQ(animation.status().message(), "kf.json#/keyframes/1/steps: steps must be 0 or more, got -3");
}

TEST(KeyframesTest, UnknownEaseSuggests) {
  auto animation = Parse(R"({"keyframes": [{}, {"ease": "bounse"}]})");
  ASSERT_FALSE(animation.ok());
  EXPECT_EQ(animation.status().message(), "kf.json#/keyframes/1/ease: unknown ease 'bounse' (nearest: bounce)");
}

TEST(KeyframesTest, LabelsCannotAnimateColormap) {
  auto animation = Parse(R"({"keyframes": [{}, {"state": {"layers": {"cells": {"colormap": "red"}}}}]})");
  ASSERT_FALSE(animation.ok());
  EXPECT_NE(animation.status().message().find("kf.json#/keyframes/1/state/layers/cells/colormap"), std::string::npos)
      << animation.status().message();
}

TEST(KeyframesTest, LayerFieldErrorsKeepTheirPointer) {
  auto animation = Parse(R"({"keyframes": [{}, {"state": {"layers": {"nuclei": {"colormap": "virdis"}}}}]})");
  ASSERT_FALSE(animation.ok());
  EXPECT_EQ(animation.status().message().rfind("kf.json#/keyframes/1/state/layers/nuclei/colormap: ", 0), 0u)
      << animation.status().message();
}

TEST(KeyframesTest, TransformFieldsParseAndStartFromTheScene) {
  std::vector<LayerName> layers = kLayers;
  layers[0].transform.scale = {1, 2, 2};
  layers[0].transform.rotate_angle = 10;
  static nlohmann::json document;
  document = nlohmann::json::parse(R"({"keyframes": [{},
      {"state": {"layers": {"nuclei": {"rotate": 90, "translate": [0, 5, 5]},
                            "cells": {"rotate": [[0, -1], [1, 0]], "shear": [0.5], "affine": [[2, 0], [0, 1]]}}}}]})");
  auto animation = ParseAnimation(JsonReader(document, "kf.json"), layers);
  ASSERT_TRUE(animation.ok()) << animation.status().message();
  const LayerState& nuclei = animation->keyframes[1].state.layers.at("nuclei");
  EXPECT_EQ(*nuclei.rotate->rotate_angle, 90);
  EXPECT_EQ(*nuclei.translate, (std::vector<double>{0, 5, 5}));
  EXPECT_FALSE(nuclei.scale.has_value());
  const LayerState& cells = animation->keyframes[1].state.layers.at("cells");
  EXPECT_EQ(cells.rotate->rotate_matrix, (std::vector<std::vector<double>>{{0, -1}, {1, 0}}));
  EXPECT_EQ(cells.shear->shear_vector, (std::vector<double>{0.5}));
  EXPECT_EQ(cells.affine->size(), 2u);
  // The start of each moved layer: the scene's parts, or an explicit "no rotation".
  const LayerState& nuclei_start = animation->scene_fields.at("nuclei");
  EXPECT_EQ(*nuclei_start.scale, (std::vector<double>{1, 2, 2}));
  EXPECT_EQ(*nuclei_start.rotate->rotate_angle, 10);
  EXPECT_FALSE(nuclei_start.translate.has_value());
  const LayerState& cells_start = animation->scene_fields.at("cells");
  EXPECT_EQ(*cells_start.rotate->rotate_angle, 0);
}

TEST(KeyframesTest, TransformErrorsKeepTheirPointer) {
  auto animation = Parse(R"({"keyframes": [{}, {"state": {"layers": {"cells": {"scale": [1, 0]}}}}]})");
  ASSERT_FALSE(animation.ok());
  EXPECT_EQ(animation.status().message(),
            "kf.json#/keyframes/1/state/layers/cells/scale: scale [1, 0]: values must not be 0");
  auto rotate = Parse(R"({"keyframes": [{}, {"state": {"layers": {"nuclei": {"rotate": "up"}}}}]})");
  ASSERT_FALSE(rotate.ok());
  EXPECT_EQ(rotate.status().message().rfind("kf.json#/keyframes/1/state/layers/nuclei/rotate: ", 0), 0u)
      << rotate.status().message();
}

// Keyframes name layers of every type; a missing name lists them all.
std::vector<LayerName> EveryTypeLayers(const std::string& points_extra) {
  const nlohmann::json scene = nlohmann::json::parse(R"({"version": 1, "layers": [
    {"type": "image", "name": "nuclei", "source": {"path": "cells.h5", "dataset": "/nuclei"}},
    {"type": "points", "name": "spots", "data": [[0, 1, 1], [0, 2, 2]])" + points_extra + R"(},
    {"type": "shapes", "name": "rois", "data": [[[0, 0], [4, 4]]]},
    {"type": "vectors", "name": "flow", "data": [[[0, 0, 0], [0, 1, 1]]], "edge_color": ["red"]}]})");
  auto spec = ParseScene(scene, "scene.json", "/tmp");
  EXPECT_TRUE(spec.ok()) << spec.status().message();
  return SceneLayerNames(*spec);
}

Result<AnimationSpec> ParseWith(const std::vector<LayerName>& layers, const std::string& state) {
  static nlohmann::json document;
  document = nlohmann::json::parse(R"({"keyframes": [{}, {"state": {"layers": )" + state + "}}]}");
  return ParseAnimation(JsonReader(document, "kf.json"), layers);
}

TEST(KeyframesTest, EveryLayerTypeIsNamedAndListed) {
  const std::vector<LayerName> layers = EveryTypeLayers("");
  auto missing = ParseWith(layers, R"({"spot": {}})");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            "kf.json#/keyframes/1/state/layers/spot: no layer named 'spot' (the scene has 'nuclei', 'spots', 'rois', "
            "'flow')");
  auto parsed = ParseWith(layers, R"({"spots": {"size": 4, "face_color": "red", "border_width": 0.5, "visible": false},
      "rois": {"edge_color": [0, 1, 0], "edge_width": 2, "opacity": 0.5},
      "flow": {"length": 3, "edge_width": 0.5, "blending": "additive"}})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const auto& state = parsed->keyframes[1].state.layers;
  EXPECT_EQ(*state.at("spots").size, 4);
  EXPECT_EQ(*state.at("spots").face_color, (Rgba{1, 0, 0, 1}));
  EXPECT_EQ(*state.at("spots").border_width, 0.5);
  EXPECT_EQ(*state.at("spots").visible, false);
  EXPECT_EQ(*state.at("rois").edge_color, (Rgba{0, 1, 0, 1}));
  EXPECT_EQ(*state.at("rois").edge_width, 2);
  EXPECT_EQ(*state.at("flow").length, 3);
  EXPECT_EQ(*state.at("flow").blending, Blending::kAdditive);
  // The animation starts from the scene's size (napari's default 10 here).
  EXPECT_EQ(*parsed->scene_fields.at("spots").size, 10);
}

// Per-element values are refused with the field's pointer: a list in a keyframe, a
// colour by feature, and a field the scene gives per element.
TEST(KeyframesTest, PerElementValuesAreRefused) {
  const std::vector<LayerName> layers = EveryTypeLayers(R"(, "border_width": [0.1, 0.2])");
  struct Case {
    std::string state;
    std::string message;
  };
  const std::vector<Case> cases = {
      {R"({"spots": {"size": [1, 2]}})",
       "kf.json#/keyframes/1/state/layers/spots/size: keyframes set one size for all points; per-point lists are not "
       "animated"},
      {R"({"spots": {"face_color": ["red", "blue"]}})",
       "kf.json#/keyframes/1/state/layers/spots/face_color: keyframes set one colour for all points; per-point colour "
       "lists are not animated"},
      {R"({"spots": {"face_color": "kind"}})",
       "kf.json#/keyframes/1/state/layers/spots/face_color: keyframes set one colour; colours by feature are not "
       "animated"},
      {R"({"spots": {"border_width": 0.3}})",
       "kf.json#/keyframes/1/state/layers/spots/border_width: layer 'spots' has one border_width per point (or by "
       "feature) in the scene; keyframes animate one border_width for all points, so give the scene one value to "
       "animate it"},
      {R"({"flow": {"edge_color": "blue"}})", ""},  // one colour in the scene's list of one: fine
      {R"({"spots": {"border_width": 1.5}})",
       "kf.json#/keyframes/1/state/layers/spots/border_width: layer 'spots' has one border_width per point"},
      {R"({"rois": {"z_index": 2}})", "kf.json#/keyframes/1/state/layers/rois/z_index: "},
  };
  for (const Case& c : cases) {
    auto parsed = ParseWith(layers, c.state);
    if (c.message.empty()) {
      EXPECT_TRUE(parsed.ok()) << c.state << ": " << parsed.status().message();
      continue;
    }
    ASSERT_FALSE(parsed.ok()) << c.state;
    EXPECT_EQ(parsed.status().message().rfind(c.message, 0), 0u) << parsed.status().message();
  }
  // A relative border_width is at most 1, as in the scene.
  auto wide = ParseWith(EveryTypeLayers(""), R"({"spots": {"border_width": 1.5}})");
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.status().message(),
            "kf.json#/keyframes/1/state/layers/spots/border_width: a relative border_width must be between 0 and 1 "
            "(napari's rule)");
}

}  // namespace
}  // namespace stackshot
