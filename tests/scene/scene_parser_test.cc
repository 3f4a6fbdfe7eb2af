#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scene/example_cells.h"
#include "scene/scene_spec.h"

namespace stackshot {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using json = nlohmann::json;

// A fresh folder per test under STACKSHOT_TEST_TMP.
std::filesystem::path TestDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / "scene_parser" /
                              (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

json MinimalScene() {
  return json::parse(R"({"version": 1, "layers": [{"type": "image", "source": {"path": "a.tif"}}]})");
}

std::string ParseError(const json& document) {
  Result<SceneSpec> scene = ParseScene(document, "scene.json", "/data");
  EXPECT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().code(), StatusCode::kInvalidArgument);
  return scene.status().message();
}

// ---- a complete scene ----

constexpr const char* kCompleteScene = R"({
  "version": 1,
  "canvas": {"size": [640, 480], "background": "white", "antialiasing": true},
  "dims": {"ndisplay": 2, "order": [0, 1, 2], "point": [12.5, 0, 0],
           "margin_left": [0, 0, 0], "margin_right": [1, 0, 0], "axis_labels": ["z", "y", "x"]},
  "camera": {"center": [255.5, 128], "zoom": 1.5, "angles": [0, 0, 90], "perspective": 0},
  "layers": [
    {"type": "image", "name": "nuclei",
     "source": {"path": "cells.h5", "dataset": "/nuclei", "latency_ms": 5},
     "colormap": "magma", "contrast_limits": [100, 4000], "gamma": 0.5, "opacity": 0.75,
     "blending": "additive", "visible": false, "scale": [2, 1, 1], "translate": [0, 10, 20],
     "rotate": 30, "shear": [0.1, 0.2, 0.3], "interpolation2d": "linear"},
    {"type": "image", "source": {"path": "../stacks/stack.tif"},
     "colormap": ["black", [1, 0, 0, 0.5], "#00ff00"],
     "rotate": [[1, 0], [0, 1]], "affine": [[1, 0, 5], [0, 1, 6], [0, 0, 1]]},
    {"type": "image", "source": {"path": "/abs/frames/*.png"},
     "colormap": {"colors": ["black", "white"], "controls": [0, 1]},
     "rotate": [0, 0, 45], "shear": [[1, 0.5], [0, 1]]}
  ],
  "animation": {"fps": 20, "keyframes": [{"state": {"dims": {"point": [0, 0, 0]}}}]}
})";

TEST(ParseSceneTest, CompleteSceneFillsEveryField) {
  Result<SceneSpec> parsed = ParseScene(json::parse(kCompleteScene), "scene.json", "/data/scenes");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const SceneSpec& scene = *parsed;
  EXPECT_EQ(scene.file, "scene.json");
  EXPECT_EQ(scene.directory, "/data/scenes");
  EXPECT_EQ(scene.version, 1);
  EXPECT_EQ(scene.canvas.width, 640);
  EXPECT_EQ(scene.canvas.height, 480);
  EXPECT_EQ(scene.canvas.background, (Rgba{1, 1, 1, 1}));
  EXPECT_TRUE(scene.canvas.antialiasing);

  EXPECT_EQ(scene.dims.ndisplay, 2);
  EXPECT_EQ(scene.dims.order, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(scene.dims.point, (std::vector<double>{12.5, 0, 0}));
  EXPECT_EQ(scene.dims.margin_left, (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(scene.dims.margin_right, (std::vector<double>{1, 0, 0}));
  EXPECT_EQ(scene.dims.axis_labels, (std::vector<std::string>{"z", "y", "x"}));

  EXPECT_EQ(scene.camera.center, (std::array<double, 2>{255.5, 128}));
  EXPECT_EQ(scene.camera.zoom, 1.5);
  EXPECT_EQ(scene.camera.angles, (std::array<double, 3>{0, 0, 90}));
  EXPECT_EQ(scene.camera.perspective, 0.0);

  ASSERT_EQ(scene.layers.size(), 3u);
  const ImageLayerSpec& nuclei = scene.layers[0];
  EXPECT_EQ(nuclei.name, "nuclei");
  EXPECT_EQ(nuclei.pointer, "#/layers/0");
  EXPECT_EQ(nuclei.source.path, "/data/scenes/cells.h5");
  EXPECT_EQ(nuclei.source.dataset, "/nuclei");
  EXPECT_EQ(nuclei.source.latency_ms, 5.0);
  EXPECT_EQ(nuclei.source.pointer, "#/layers/0/source");
  EXPECT_EQ(nuclei.colormap.name, "magma");
  EXPECT_FALSE(nuclei.colormap.is_custom());
  EXPECT_EQ(nuclei.contrast_limits, (std::array<double, 2>{100, 4000}));
  EXPECT_EQ(nuclei.gamma, 0.5);
  EXPECT_EQ(nuclei.opacity, 0.75);
  EXPECT_EQ(nuclei.blending, Blending::kAdditive);
  EXPECT_FALSE(nuclei.visible);
  EXPECT_EQ(nuclei.interpolation, Interpolation::kLinear);
  EXPECT_EQ(nuclei.transform.scale, (std::vector<double>{2, 1, 1}));
  EXPECT_EQ(nuclei.transform.translate, (std::vector<double>{0, 10, 20}));
  EXPECT_EQ(nuclei.transform.rotate_angle, 30.0);
  EXPECT_TRUE(nuclei.transform.rotate_angles.empty());
  EXPECT_EQ(nuclei.transform.shear_vector, (std::vector<double>{0.1, 0.2, 0.3}));

  const ImageLayerSpec& second = scene.layers[1];
  EXPECT_EQ(second.name, "image");
  EXPECT_EQ(second.pointer, "#/layers/1");
  EXPECT_EQ(second.source.path, "/data/stacks/stack.tif");
  EXPECT_EQ(second.source.dataset, "");
  EXPECT_EQ(second.source.latency_ms, 0.0);
  ASSERT_TRUE(second.colormap.is_custom());
  EXPECT_EQ(second.colormap.colors,
            (std::vector<Rgba>{{0, 0, 0, 1}, {1, 0, 0, 0.5f}, {0, 1, 0, 1}}));
  EXPECT_TRUE(second.colormap.controls.empty());
  EXPECT_FALSE(second.contrast_limits.has_value());
  EXPECT_EQ(second.gamma, 1.0);
  EXPECT_EQ(second.opacity, 1.0);
  EXPECT_EQ(second.blending, Blending::kTranslucent);
  EXPECT_TRUE(second.visible);
  EXPECT_EQ(second.interpolation, Interpolation::kNearest);
  EXPECT_FALSE(second.transform.rotate_angle.has_value());
  EXPECT_EQ(second.transform.rotate_matrix, (std::vector<std::vector<double>>{{1, 0}, {0, 1}}));
  EXPECT_EQ(second.transform.affine, (std::vector<std::vector<double>>{{1, 0, 5}, {0, 1, 6}, {0, 0, 1}}));

  const ImageLayerSpec& third = scene.layers[2];
  EXPECT_EQ(third.name, "image [1]");
  EXPECT_EQ(third.source.path, "/abs/frames/*.png");
  EXPECT_EQ(third.colormap.colors, (std::vector<Rgba>{{0, 0, 0, 1}, {1, 1, 1, 1}}));
  EXPECT_EQ(third.colormap.controls, (std::vector<float>{0, 1}));
  EXPECT_EQ(third.transform.rotate_angles, (std::vector<double>{0, 0, 45}));
  EXPECT_EQ(third.transform.shear_matrix, (std::vector<std::vector<double>>{{1, 0.5}, {0, 1}}));
}

TEST(ParseSceneTest, BundledExampleParses) {
  Result<SceneSpec> scene = ParseScene(json::parse(CellsSceneJson()), "cells.json", "/data");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  ASSERT_EQ(scene->layers.size(), 2u);
  EXPECT_EQ(scene->layers[1].name, "nuclei");
  EXPECT_EQ(scene->layers[1].source.path, "/data/cells.h5");
}

TEST(ParseSceneTest, DefaultsWhenSectionsAreMissing) {
  Result<SceneSpec> scene = ParseScene(MinimalScene(), "scene.json", "/data");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->canvas.width, 800);
  EXPECT_EQ(scene->canvas.height, 600);
  EXPECT_EQ(scene->canvas.background, (Rgba{0, 0, 0, 1}));
  EXPECT_FALSE(scene->canvas.antialiasing);  // napari's hard-edged shapes and vectors
  EXPECT_FALSE(scene->dims.ndisplay.has_value());
  EXPECT_FALSE(scene->dims.point.has_value());
  EXPECT_FALSE(scene->camera.zoom.has_value());
  EXPECT_FALSE(scene->camera.center.has_value());
  ASSERT_EQ(scene->layers.size(), 1u);
  EXPECT_EQ(scene->layers[0].name, "image");
  EXPECT_EQ(scene->layers[0].colormap.name, "gray");
  EXPECT_EQ(scene->layers[0].source.path, "/data/a.tif");
}

TEST(ParseSceneTest, IntegralFloatsCountAsIntegers) {
  json document = MinimalScene();
  document["canvas"] = json::parse(R"({"size": [1024.0, 768]})");
  Result<SceneSpec> scene = ParseScene(document, "scene.json", "/data");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->canvas.width, 1024);
}

TEST(ParseSceneTest, BackgroundAsList) {
  json document = MinimalScene();
  document["canvas"] = json::parse(R"({"background": [0.25, 0.5, 1]})");
  Result<SceneSpec> scene = ParseScene(document, "scene.json", "/data");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->canvas.background, (Rgba{0.25f, 0.5f, 1, 1}));
}

TEST(ParseSceneTest, DuplicateNamesGetNapariCounts) {
  json document = json::parse(R"({"version": 1, "layers": [
    {"type": "image", "name": "a", "source": {"path": "a.tif"}},
    {"type": "image", "name": "a", "source": {"path": "a.tif"}},
    {"type": "image", "name": "a", "source": {"path": "a.tif"}},
    {"type": "image", "name": "b [1]", "source": {"path": "a.tif"}},
    {"type": "image", "name": "b [1]", "source": {"path": "a.tif"}},
    {"type": "image", "source": {"path": "a.tif"}},
    {"type": "image", "source": {"path": "a.tif"}}]})");
  Result<SceneSpec> scene = ParseScene(document, "scene.json", "/data");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  std::vector<std::string> names;
  for (const ImageLayerSpec& layer : scene->layers) names.push_back(layer.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "a [1]", "a [2]", "b [1]", "b [2]", "image", "image [1]"}));
}

TEST(ParseSceneTest, TwelveLayersOfOneNameGetTwelveNames) {
  // napari: the eleventh "image" is "image [10]", the twelfth "image [11]".
  json document = {{"version", 1}, {"layers", json::array()}};
  for (int i = 0; i < 12; ++i) document["layers"].push_back({{"type", "image"}, {"source", {{"path", "a.tif"}}}});
  Result<SceneSpec> scene = ParseScene(document, "scene.json", "/data");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  ASSERT_EQ(scene->layers.size(), 12u);
  EXPECT_EQ(scene->layers[10].name, "image [10]");
  EXPECT_EQ(scene->layers[11].name, "image [11]");
}

TEST(ParseSceneTest, HugeNameCountsIncrementAsText) {
  json document = json::parse(R"({"version": 1, "layers": [
    {"type": "image", "name": "a [99999999999999999999]", "source": {"path": "a.tif"}},
    {"type": "image", "name": "a [99999999999999999999]", "source": {"path": "a.tif"}}]})");
  Result<SceneSpec> scene = ParseScene(document, "scene.json", "/data");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->layers[1].name, "a [100000000000000000000]");
}

TEST(ParseSceneTest, RelativePathsResolveLexically) {
  json document = MinimalScene();
  document["layers"][0]["source"]["path"] = "./sub/../data/./x.tif";
  Result<SceneSpec> scene = ParseScene(document, "scene.json", "/work/scenes");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->layers[0].source.path, "/work/scenes/data/x.tif");
}

TEST(ParseSceneTest, NoDirectoryMeansTheCurrentFolder) {
  Result<SceneSpec> scene = ParseScene(MinimalScene(), "scene.json", "");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->layers[0].source.path, (std::filesystem::current_path() / "a.tif").lexically_normal().string());
}

TEST(ParseSceneTest, HdfDatasetIsRequiredOnlyForHdf5) {
  json document = MinimalScene();
  document["layers"][0]["source"] = json::parse(R"({"path": "cells.HDF5", "dataset": "/raw"})");
  Result<SceneSpec> scene = ParseScene(document, "scene.json", "/data");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->layers[0].source.dataset, "/raw");
}

// ---- errors: each names the file and the JSON pointer ----

struct BadValue {
  const char* pointer;  // where the value is written
  const char* value;    // JSON text
  const char* message;  // the exact error
};

class ParseSceneBadValueTest : public ::testing::TestWithParam<BadValue> {};

TEST_P(ParseSceneBadValueTest, NamesFileAndPointer) {
  json document = MinimalScene();
  document[json::json_pointer(GetParam().pointer)] = json::parse(GetParam().value);
  EXPECT_EQ(ParseError(document), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Scene, ParseSceneBadValueTest,
    ::testing::Values(
        BadValue{"/version", "2", "scene.json#/version: unsupported version 2 (this stackshot reads version 1)"},
        BadValue{"/version", R"("1")", "scene.json#/version: expected an integer, got string"},
        BadValue{"/version", "1.5", "scene.json#/version: expected an integer, got 1.5"},
        BadValue{"/layer", "[]", "scene.json#/layer: unknown key (nearest: layers)"},
        BadValue{"/animation", "[]", "scene.json#/animation: expected an object, got array"},
        // canvas
        BadValue{"/canvas", "[800, 600]", "scene.json#/canvas: expected an object, got array"},
        BadValue{"/canvas/size", R"("800x600")",
                 "scene.json#/canvas/size: expected an array of 2 integers, got string"},
        BadValue{"/canvas/size", "[800, 600, 3]",
                 "scene.json#/canvas/size: expected an array of 2 integers, got 3 values"},
        BadValue{"/canvas/size", R"([800, "600"])", "scene.json#/canvas/size/1: expected an integer, got string"},
        BadValue{"/canvas/size", "[800, 600.5]", "scene.json#/canvas/size/1: expected an integer, got 600.5"},
        BadValue{"/canvas/size", "[0, 600]",
                 "scene.json#/canvas/size: canvas size 0×600: each side must be 1 to 16384"},
        BadValue{"/canvas/size", "[800, 16385]",
                 "scene.json#/canvas/size: canvas size 800×16385: each side must be 1 to 16384"},
        BadValue{"/canvas/antialiasing", R"("yes")",
                 "scene.json#/canvas/antialiasing: expected true or false, got string"},
        BadValue{"/canvas/antialiasing", "1", "scene.json#/canvas/antialiasing: expected true or false, got number"},
        BadValue{"/canvas/backgroud", R"("red")", "scene.json#/canvas/backgroud: unknown key (nearest: background)"},
        BadValue{"/canvas/background", R"("bleu")",
                 "scene.json#/canvas/background: unknown colour 'bleu' (nearest: blue)"},
        BadValue{"/canvas/background", "[1, 0]",
                 "scene.json#/canvas/background: expected a colour as [r, g, b] or [r, g, b, a], got 2 values"},
        BadValue{"/canvas/background", "[1, 0, 2]",
                 "scene.json#/canvas/background/2: colour component 2 is outside 0 to 1"},
        BadValue{"/canvas/background", "true",
                 "scene.json#/canvas/background: expected a colour (a name, '#rrggbb' or [r, g, b(, a)]), got "
                 "boolean"},
        // dims
        BadValue{"/dims/ndisplay", "4", "scene.json#/dims/ndisplay: ndisplay must be 2 or 3, got 4"},
        BadValue{"/dims/order", "[0, 0, 1]", "scene.json#/dims/order: order [0, 0, 1] must list each axis 0 to 2 once"},
        BadValue{"/dims/point", R"([1, "a"])", "scene.json#/dims/point/1: expected a number, got string"},
        BadValue{"/dims/point", "5", "scene.json#/dims/point: expected an array of numbers, got number"},
        BadValue{"/dims/margin_left", "[-1]",
                 "scene.json#/dims/margin_left: margin_left [-1]: values must be 0 or more"},
        BadValue{"/dims/axis_labels", "[1]", "scene.json#/dims/axis_labels/0: expected a string, got number"},
        BadValue{"/dims/pointt", "[0]", "scene.json#/dims/pointt: unknown key (nearest: point)"},
        // camera
        BadValue{"/camera/zoom", "0", "scene.json#/camera/zoom: zoom must be greater than 0, got 0"},
        BadValue{"/camera/center", "[1, 2, 3]",
                 "scene.json#/camera/center: expected an array of 2 numbers, got 3 values"},
        BadValue{"/camera/angles", "[0, 0]", "scene.json#/camera/angles: expected an array of 3 numbers, got 2 values"},
        BadValue{"/camera/perspective", "-1", "scene.json#/camera/perspective: perspective must be 0 or more, got -1"},
        // layers
        BadValue{"/layers", "[]", "scene.json#/layers: a scene needs at least one layer"},
        BadValue{"/layers", "{}", "scene.json#/layers: expected an array of layers, got object"},
        BadValue{"/layers/0", "5", "scene.json#/layers/0: expected a layer object, got number"},
        BadValue{"/layers/0/type", R"("tracks")",
                 "scene.json#/layers/0/type: layer type 'tracks' is not supported yet"},
        BadValue{"/layers/0/type", R"("surface")",
                 "scene.json#/layers/0/type: layer type 'surface' is not supported yet"},
        BadValue{"/layers/0/type", R"("imag")",
                 "scene.json#/layers/0/type: unknown layer type 'imag' (nearest: image)"},
        BadValue{"/layers/0/type", "1", "scene.json#/layers/0/type: expected a string, got number"},
        BadValue{"/layers/0/colourmap", R"("viridis")",
                 "scene.json#/layers/0/colourmap: unknown key (nearest: colormap)"},
        BadValue{"/layers/0/name", "3", "scene.json#/layers/0/name: expected a string, got number"},
        BadValue{"/layers/0/colormap", "5",
                 "scene.json#/layers/0/colormap: expected a colormap name or a list of colours, got number"},
        BadValue{"/layers/0/colormap", R"(["black", "bleu"])",
                 "scene.json#/layers/0/colormap/1: unknown colour 'bleu' (nearest: blue)"},
        BadValue{"/layers/0/colormap", R"(["red"])",
                 "scene.json#/layers/0/colormap: a colormap needs at least 2 colours, got 1"},
        BadValue{"/layers/0/colormap", R"({"colours": ["red", "blue"]})",
                 "scene.json#/layers/0/colormap/colours: unknown key (nearest: colors)"},
        BadValue{"/layers/0/colormap", R"({"controls": [0, 1]})",
                 "scene.json#/layers/0/colormap: missing required key 'colors'"},
        BadValue{"/layers/0/contrast_limits", "[5, 5]",
                 "scene.json#/layers/0/contrast_limits: contrast_limits [5, 5]: lo must be less than hi"},
        BadValue{"/layers/0/contrast_limits", "[10, 2.5]",
                 "scene.json#/layers/0/contrast_limits: contrast_limits [10, 2.5]: lo must be less than hi"},
        BadValue{"/layers/0/contrast_limits", "[1]",
                 "scene.json#/layers/0/contrast_limits: expected an array of 2 numbers, got 1 value"},
        BadValue{"/layers/0/gamma", "0", "scene.json#/layers/0/gamma: gamma must be greater than 0, got 0"},
        BadValue{"/layers/0/opacity", "1.5", "scene.json#/layers/0/opacity: opacity must be 0 to 1, got 1.5"},
        BadValue{"/layers/0/opacity", "-0.25", "scene.json#/layers/0/opacity: opacity must be 0 to 1, got -0.25"},
        BadValue{"/layers/0/blending", R"("additiv")",
                 "scene.json#/layers/0/blending: unknown blending 'additiv' (nearest: additive)"},
        BadValue{"/layers/0/visible", R"("yes")", "scene.json#/layers/0/visible: expected true or false, got string"},
        BadValue{"/layers/0/scale", "[1, 0]", "scene.json#/layers/0/scale: scale [1, 0]: values must not be 0"},
        BadValue{"/layers/0/rotate", "[1, 2]",
                 "scene.json#/layers/0/rotate: expected an angle, 3 angles or a square matrix, got an array of 2"},
        BadValue{"/layers/0/rotate", R"("90")",
                 "scene.json#/layers/0/rotate: expected an angle, 3 angles or a square matrix, got string"},
        BadValue{"/layers/0/rotate", "[[1, 0], [0]]",
                 "scene.json#/layers/0/rotate/1: expected an array of 2 numbers, got 1 value"},
        BadValue{"/layers/0/shear", "[1, 2]",
                 "scene.json#/layers/0/shear: a shear vector holds n(n-1)/2 values (1, 3, 6, …), got 2"},
        BadValue{"/layers/0/affine", R"("x")",
                 "scene.json#/layers/0/affine: expected a square matrix (an array of rows of numbers), got string"},
        BadValue{"/layers/0/affine", "[1, 0]",
                 "scene.json#/layers/0/affine/0: expected a matrix row (an array of numbers), got number"},
        BadValue{"/layers/0/interpolation2d", R"("bicubic")",
                 "scene.json#/layers/0/interpolation2d: interpolation 'bicubic' is not supported (a deprecated alias: "
                 "use 'cubic')"},
        BadValue{"/layers/0/interpolation2d", R"("lanczso")",
                 "scene.json#/layers/0/interpolation2d: unknown interpolation 'lanczso' (nearest: lanczos)"},
        BadValue{"/layers/0/interpolation2d", R"("nearst")",
                 "scene.json#/layers/0/interpolation2d: unknown interpolation 'nearst' (nearest: nearest)"},
        // sources
        BadValue{"/layers/0/source", R"("a.tif")", "scene.json#/layers/0/source: expected an object, got string"},
        BadValue{"/layers/0/source/multiscale", "[]",
                 "scene.json#/layers/0/source/multiscale: multiscale needs at least one level"},
        BadValue{"/layers/0/source/path", R"("x.h5")",
                 "scene.json#/layers/0/source: missing required key 'dataset' (which dataset of 'x.h5')"},
        BadValue{"/layers/0/source/dataset", R"("/a")",
                 "scene.json#/layers/0/source/dataset: 'dataset' applies only to HDF5 files (.h5, .hdf5, .hdf), not "
                 "'a.tif'"},
        BadValue{"/layers/0/source/latency_ms", "-1",
                 "scene.json#/layers/0/source/latency_ms: latency_ms must be 0 to 3600000 (an hour), got -1"},
        BadValue{"/layers/0/source/pth", R"("a.tif")", "scene.json#/layers/0/source/pth: unknown key (nearest: path)"},
        BadValue{"/layers/0/source/path", R"("")", "scene.json#/layers/0/source/path: path must not be empty"},
        BadValue{"/layers/0/source/path", "7", "scene.json#/layers/0/source/path: expected a string, got number"}));

TEST(ParseSceneErrorTest, UnknownColormapSuggestsAtItsPointer) {
  json document = MinimalScene();
  document["layers"][0]["colormap"] = "virdis";
  std::string message = ParseError(document);
  EXPECT_THAT(message, StartsWith("scene.json#/layers/0/colormap: "));
  EXPECT_THAT(message, HasSubstr("'virdis'"));
  EXPECT_THAT(message, HasSubstr("viridis"));
}

TEST(ParseSceneErrorTest, ErrorsInLaterLayersNameTheirIndex) {
  json document = MinimalScene();
  document["layers"].push_back(json::parse(R"({"type": "image", "source": {"path": "b.tif"}, "gamma": -1})"));
  EXPECT_EQ(ParseError(document), "scene.json#/layers/1/gamma: gamma must be greater than 0, got -1");
}

TEST(ParseSceneErrorTest, MissingRequiredKeys) {
  json document = MinimalScene();
  document.erase("version");
  EXPECT_EQ(ParseError(document), "scene.json#: missing required key 'version'");

  document = MinimalScene();
  document.erase("layers");
  EXPECT_EQ(ParseError(document), "scene.json#: missing required key 'layers'");

  document = MinimalScene();
  document["layers"][0].erase("type");
  EXPECT_EQ(ParseError(document), "scene.json#/layers/0: missing required key 'type'");

  document = MinimalScene();
  document["layers"][0].erase("source");
  EXPECT_EQ(ParseError(document), "scene.json#/layers/0: missing required key 'source'");

  document = MinimalScene();
  document["layers"][0]["source"].erase("path");
  EXPECT_EQ(ParseError(document), "scene.json#/layers/0/source: missing required key 'path'");
}

TEST(ParseSceneErrorTest, RootMustBeAnObject) {
  EXPECT_EQ(ParseError(json::array()), "scene.json#: expected an object, got array");
}

TEST(ParseSceneErrorTest, VersionIsCheckedBeforeKeys) {
  json document = MinimalScene();
  document["version"] = 2;
  document["future_key"] = true;
  EXPECT_EQ(ParseError(document), "scene.json#/version: unsupported version 2 (this stackshot reads version 1)");
}

TEST(ParseSceneErrorTest, UnsupportedTypeWinsOverItsOwnKeys) {
  json document = MinimalScene();
  document["layers"][0] = json::parse(R"({"type": "surface", "size": 6, "face_color": "yellow"})");
  EXPECT_EQ(ParseError(document), "scene.json#/layers/0/type: layer type 'surface' is not supported yet");
}

TEST(ParseSceneErrorTest, PointerTokensAreEscaped) {
  json document = MinimalScene();
  document["a/b~c"] = 1;
  EXPECT_THAT(ParseError(document), StartsWith("scene.json#/a~1b~0c: unknown key ("));
}

TEST(ParseSceneErrorTest, AnimationContentsAreNotValidated) {
  json document = MinimalScene();
  document["animation"] = json::parse(R"({"whatever": [1, {"x": "y"}], "fps": "fast"})");
  Result<SceneSpec> scene = ParseScene(document, "scene.json", "/data");
  EXPECT_TRUE(scene.ok()) << scene.status().message();
}

// ---- LoadScene: files ----

TEST(LoadSceneTest, ReadsFileAndResolvesAgainstItsFolder) {
  std::filesystem::path dir = TestDir();
  std::string path = WriteFile(dir / "scenes" / "scene.json", R"({"version": 1, "layers": [
      {"type": "image", "source": {"path": "../data/cells.h5", "dataset": "/nuclei"}}]})");
  Result<SceneSpec> scene = LoadScene(path, {});
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->file, path);
  EXPECT_EQ(scene->directory, (dir / "scenes").lexically_normal().string());
  EXPECT_EQ(scene->layers[0].source.path, (dir / "data" / "cells.h5").lexically_normal().string());
}

TEST(LoadSceneTest, ErrorsNameTheFileAsGiven) {
  std::filesystem::path dir = TestDir();
  std::string path = WriteFile(dir / "scene.json", R"({"version": 1, "layers": [
      {"type": "image", "source": {"path": "a.tif"}, "colourmap": "viridis"}]})");
  Result<SceneSpec> scene = LoadScene(path, {});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().message(), path + "#/layers/0/colourmap: unknown key (nearest: colormap)");
}

TEST(LoadSceneTest, MissingFile) {
  std::filesystem::path dir = TestDir();
  std::string path = (dir / "nope.json").string();
  Result<SceneSpec> scene = LoadScene(path, {});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(scene.status().message(), path + ": no such file");
}

TEST(LoadSceneTest, MalformedJsonNamesLineAndColumn) {
  std::filesystem::path dir = TestDir();
  // The comma after "version": 1 is missing; the parser stops at "layers" on line 3.
  std::string path = WriteFile(dir / "scene.json", "{\n  \"version\": 1\n  \"layers\": []\n}\n");
  Result<SceneSpec> scene = LoadScene(path, {});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(scene.status().message(),
            path + ":3:10: malformed JSON: unexpected string literal; expected ',' or '}'");
}

TEST(LoadSceneTest, MalformedJsonInsideArray) {
  std::filesystem::path dir = TestDir();
  std::string path = WriteFile(dir / "scene.json", "{\"version\": 1,\n\"layers\": [1 2]}");
  Result<SceneSpec> scene = LoadScene(path, {});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().message(),
            path + ":2:14: malformed JSON: unexpected number literal; expected ',' or ']'");
}

TEST(LoadSceneTest, TruncatedJsonPointsAtTheEnd) {
  std::filesystem::path dir = TestDir();
  std::string path = WriteFile(dir / "scene.json", "{\"version\": 1,\n\"layers\": []\n");
  Result<SceneSpec> scene = LoadScene(path, {});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().message(), path + ":3:1: malformed JSON: unexpected end of input; expected ',' or '}'");
}

TEST(LoadSceneTest, EmptyFile) {
  std::filesystem::path dir = TestDir();
  std::string path = WriteFile(dir / "scene.json", "");
  Result<SceneSpec> scene = LoadScene(path, {});
  ASSERT_FALSE(scene.ok());
  EXPECT_THAT(scene.status().message(), StartsWith(path + ":1:1: malformed JSON: unexpected end of input"));
}

TEST(LoadSceneTest, FolderIsNotAScene) {
  std::filesystem::path dir = TestDir();
  Result<SceneSpec> scene = LoadScene(dir.string(), {});
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().message(), dir.string() + ": is a folder, not a scene file");
}

}  // namespace
}  // namespace stackshot
