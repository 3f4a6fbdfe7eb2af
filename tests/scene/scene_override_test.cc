#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scene/scene_spec.h"

namespace stackshot {
namespace {

using json = nlohmann::json;

json Scene() {
  return json::parse(R"({"version": 1, "dims": {"point": [0, 0, 0]},
    "layers": [{"type": "image", "name": "nuclei", "source": {"path": "cells.h5", "dataset": "/nuclei"}}]})");
}

std::string OverrideError(json document, const std::string& assignment) {
  Status status = ApplyOverride(document, assignment);
  EXPECT_FALSE(status.ok()) << assignment;
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  return status.message();
}

TEST(ApplyOverrideTest, JsonValues) {
  json document = Scene();
  ASSERT_TRUE(ApplyOverride(document, "dims.point=[10,0,0]").ok());
  EXPECT_EQ(document["dims"]["point"], json::parse("[10, 0, 0]"));
  ASSERT_TRUE(ApplyOverride(document, "layers.0.opacity=0.5").ok());
  EXPECT_EQ(document["layers"][0]["opacity"], 0.5);
  ASSERT_TRUE(ApplyOverride(document, "layers.0.visible=false").ok());
  EXPECT_EQ(document["layers"][0]["visible"], false);
  ASSERT_TRUE(ApplyOverride(document, R"(layers.0.name="42")").ok());
  EXPECT_EQ(document["layers"][0]["name"], "42");
  ASSERT_TRUE(ApplyOverride(document, R"(camera={"zoom": 2})").ok());
  EXPECT_EQ(document["camera"], json::parse(R"({"zoom": 2})"));
}

TEST(ApplyOverrideTest, RejectsTextThatIsNotUtf8) {
  json document = json::object();
  // A Latin-1 "é", a lone continuation byte, an overlong "/", a surrogate, a cut sequence.
  for (const std::string& bad : {std::string("layers.0.name=caf\xe9"), std::string("a=\x80"),
                                std::string("a=\xc0\xaf"), std::string("a=\xed\xa0\x80"), std::string("a=\xe2\x82")}) {
    Status status = ApplyOverride(document, bad);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(status.message(), "not valid UTF-8 (scene text is UTF-8)");
  }
  EXPECT_TRUE(document.empty());
  // Real UTF-8 of every length passes: "é", "€", "𝄞".
  ASSERT_TRUE(ApplyOverride(document, "a=caf\xc3\xa9 \xe2\x82\xac \xf0\x9d\x84\x9e").ok());
  EXPECT_EQ(document["a"], "caf\xc3\xa9 \xe2\x82\xac \xf0\x9d\x84\x9e");
}

TEST(ApplyOverrideTest, PlainStrings) {
  json document = Scene();
  ASSERT_TRUE(ApplyOverride(document, "canvas.background=white").ok());
  EXPECT_EQ(document["canvas"]["background"], "white");
  ASSERT_TRUE(ApplyOverride(document, "layers.0.source.path=other.h5").ok());
  EXPECT_EQ(document["layers"][0]["source"]["path"], "other.h5");
  // Only the first '=' splits.
  ASSERT_TRUE(ApplyOverride(document, "layers.0.name=a=b").ok());
  EXPECT_EQ(document["layers"][0]["name"], "a=b");
  ASSERT_TRUE(ApplyOverride(document, "layers.0.name=").ok());
  EXPECT_EQ(document["layers"][0]["name"], "");
  // Not JSON (a leading zero), so kept as text.
  ASSERT_TRUE(ApplyOverride(document, "layers.0.name=007").ok());
  EXPECT_EQ(document["layers"][0]["name"], "007");
}

TEST(ApplyOverrideTest, CreatesMissingObjects) {
  json document = Scene();
  ASSERT_TRUE(ApplyOverride(document, "camera.zoom=3").ok());
  EXPECT_EQ(document["camera"], json::parse(R"({"zoom": 3})"));
  ASSERT_TRUE(ApplyOverride(document, "animation.keyframes=[]").ok());
  EXPECT_EQ(document["animation"], json::parse(R"({"keyframes": []})"));
}

TEST(ApplyOverrideTest, IndexesAndAppendsToArrays) {
  json document = Scene();
  ASSERT_TRUE(ApplyOverride(document, "dims.point.0=7").ok());
  EXPECT_EQ(document["dims"]["point"], json::parse("[7, 0, 0]"));
  ASSERT_TRUE(ApplyOverride(document, "dims.point.3=9").ok());
  EXPECT_EQ(document["dims"]["point"], json::parse("[7, 0, 0, 9]"));
  // Appending an element through a deeper path creates it as an object.
  ASSERT_TRUE(ApplyOverride(document, "layers.1.type=image").ok());
  EXPECT_EQ(document["layers"][1], json::parse(R"({"type": "image"})"));
}

TEST(ApplyOverrideTest, DigitsAreKeysInObjects) {
  json document = Scene();
  ASSERT_TRUE(ApplyOverride(document, "animation.0=1").ok());
  EXPECT_EQ(document["animation"], json::parse(R"({"0": 1})"));
}

TEST(ApplyOverrideTest, LaterOverridesWin) {
  json document = Scene();
  ASSERT_TRUE(ApplyOverride(document, "camera.zoom=2").ok());
  ASSERT_TRUE(ApplyOverride(document, "camera.zoom=3").ok());
  EXPECT_EQ(document["camera"]["zoom"], 3);
}

TEST(ApplyOverrideTest, Errors) {
  EXPECT_EQ(OverrideError(Scene(), "layers.5.name=x"), "index 5 is out of range: 'layers' has 1 element");
  EXPECT_EQ(OverrideError(Scene(), "dims.point.4=1"), "index 4 is out of range: 'dims.point' has 3 elements");
  EXPECT_EQ(OverrideError(Scene(), "layers.99999999999999999999.name=x"),
            "index 99999999999999999999 is out of range: 'layers' has 1 element");
  EXPECT_EQ(OverrideError(Scene(), "layers.first.name=x"), "'layers' is an array; 'first' is not an index");
  EXPECT_EQ(OverrideError(Scene(), "version.x=1"), "'version' is a number, so it has no 'x'");
  EXPECT_EQ(OverrideError(Scene(), "layers.0.name.x=1"), "'layers.0.name' is a string, so it has no 'x'");
  EXPECT_EQ(OverrideError(Scene(), "dims.point"), "expected PATH=VALUE, e.g. dims.point=[10,0,0]");
  EXPECT_EQ(OverrideError(Scene(), "=3"), "empty path before '='");
  EXPECT_EQ(OverrideError(Scene(), "dims..point=3"), "empty key in path 'dims..point'");
  EXPECT_EQ(OverrideError(Scene(), "dims.=3"), "empty key in path 'dims.'");
}

TEST(ApplyOverrideTest, FailedOverrideLeavesDocumentAlone) {
  json document = Scene();
  json before = document;
  EXPECT_FALSE(ApplyOverride(document, "layers.first.name=x").ok());
  EXPECT_EQ(document, before);
}

// ---- through LoadScene ----

std::string WriteScene(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / "scene_override" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::path path = dir / "scene.json";
  std::ofstream(path) << Scene().dump(2);
  return path.string();
}

TEST(LoadSceneOverrideTest, AppliedInOrderBeforeParsing) {
  std::string path = WriteScene("applied");
  Result<SceneSpec> scene =
      LoadScene(path, {"dims.point=[10,0,0]", "canvas.background=white", "layers.0.source.path=other.h5",
                       "camera.zoom=2", "camera.zoom=4"});
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->dims.point, (std::vector<double>{10, 0, 0}));
  EXPECT_EQ(scene->canvas.background, (Rgba{1, 1, 1, 1}));
  EXPECT_EQ(scene->camera.zoom, 4.0);
  // The overridden relative path resolves against the scene's folder.
  EXPECT_EQ(scene->layers[0].source.path,
            (std::filesystem::path(path).parent_path() / "other.h5").lexically_normal().string());
}

TEST(LoadSceneOverrideTest, AntialiasingIsSetAndCheckedLikeAnyField) {
  std::string path = WriteScene("antialiasing");
  Result<SceneSpec> scene = LoadScene(path, {"canvas.antialiasing=true"});
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_TRUE(scene->canvas.antialiasing);
  scene = LoadScene(path, {"canvas.antialiasing=on"});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().message(), path + "#/canvas/antialiasing: expected true or false, got string");
}

TEST(LoadSceneOverrideTest, OverrideErrorNamesTheFlag) {
  std::string path = WriteScene("flag_error");
  Result<SceneSpec> scene = LoadScene(path, {"camera.zoom=2", "layers.5.name=x"});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().message(), "--set 'layers.5.name=x': index 5 is out of range: 'layers' has 1 element");
}

TEST(LoadSceneOverrideTest, InvalidOverriddenValueIsReportedAtItsPointer) {
  std::string path = WriteScene("pointer");
  Result<SceneSpec> scene = LoadScene(path, {"canvas.size=[0,600]"});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().message(), path + "#/canvas/size: canvas size 0×600: each side must be 1 to 16384");

  scene = LoadScene(path, {"layers.0.colourmap=viridis"});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().message(), path + "#/layers/0/colourmap: unknown key (nearest: colormap)");

  scene = LoadScene(path, {"layers.0.blending=additiv"});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().message(), path + "#/layers/0/blending: unknown blending 'additiv' (nearest: additive)");
}

}  // namespace
}  // namespace stackshot
