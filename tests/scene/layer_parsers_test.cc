// The scene fields of issue 5: image sources (files, globs, multiscale), rgb,
// projection_mode, cubic interpolation, and labels layers.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <limits>

#include "scene/scene_spec.h"

namespace stackshot {
namespace {

using json = nlohmann::json;

Result<SceneSpec> Parse(const std::string& layers) {
  return ParseScene(json::parse(R"({"version": 1, "layers": [)" + layers + "]}"), "scene.json", "/data");
}

std::string Error(const std::string& layers) {
  Result<SceneSpec> scene = Parse(layers);
  EXPECT_FALSE(scene.ok());
  return scene.status().message();
}

TEST(ImageSourceParserTest, FilesGlobsAndMultiscale) {
  auto scene = Parse(R"({"type": "image", "source": {"path": "frames/*.png"}, "rgb": false,
                        "projection_mode": "mean", "interpolation2d": "cubic"},
                       {"type": "image", "source": {"multiscale": [
                          {"path": "p.h5", "dataset": "/s0"}, {"path": "p.h5", "dataset": "/s1", "latency_ms": 5}]}})");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  ASSERT_EQ(scene->layers.size(), 2u);
  const ImageLayerSpec& first = scene->layers[0];
  EXPECT_EQ(first.source.path, "/data/frames/*.png");
  EXPECT_EQ(first.rgb, std::optional<bool>(false));
  EXPECT_EQ(first.projection_mode, ProjectionMode::kMean);
  EXPECT_EQ(first.interpolation, Interpolation::kCubic);
  const SourceSpec& pyramid = scene->layers[1].source;
  EXPECT_TRUE(pyramid.path.empty());
  ASSERT_EQ(pyramid.multiscale.size(), 2u);
  EXPECT_EQ(pyramid.multiscale[1].dataset, "/s1");
  EXPECT_EQ(pyramid.multiscale[1].latency_ms, 5);
  EXPECT_EQ(pyramid.multiscale[1].pointer, "#/layers/1/source/multiscale/1");
  EXPECT_FALSE(scene->layers[1].rgb.has_value());
}

TEST(ImageSourceParserTest, Errors) {
  EXPECT_EQ(Error(R"({"type": "image", "source": {"path": "a.tif"}, "projection_mode": "maximum"})"),
            "scene.json#/layers/0/projection_mode: unknown projection_mode 'maximum' (valid: none, sum, mean, max, min)");
  EXPECT_EQ(Error(R"({"type": "image", "source": {"path": "a.tif"}, "rgb": "yes"})"),
            "scene.json#/layers/0/rgb: expected true or false, got string");
  EXPECT_EQ(Error(R"({"type": "image", "source": {"multiscale": [{"path": "a.tif", "multiscale": []}]}})"),
            "scene.json#/layers/0/source/multiscale/0/multiscale: unknown key (valid: path, dataset, latency_ms)");
  EXPECT_EQ(Error(R"({"type": "image", "source": {"path": "a.tif", "multiscale": [{"path": "b.tif"}]}})"),
            "scene.json#/layers/0/source/multiscale: give either 'path' or 'multiscale', not both (each level has its "
            "own path)");
  EXPECT_EQ(Error(R"({"type": "image", "source": {"multiscale": [{"path": "x.h5"}]}})"),
            "scene.json#/layers/0/source/multiscale/0: missing required key 'dataset' (which dataset of 'x.h5')");
  // 1e308 ms would overflow the clock and wait not at all.
  EXPECT_EQ(Error(R"({"type": "image", "source": {"path": "a.tif", "latency_ms": 1e308}})"),
            "scene.json#/layers/0/source/latency_ms: latency_ms must be 0 to 3600000 (an hour), got 1e+308");
}

TEST(LabelsLayerParserTest, EveryField) {
  auto scene = Parse(R"({"type": "image", "name": "raw", "source": {"path": "a.tif"}},
                       {"type": "labels", "source": {"path": "seg.h5", "dataset": "/seg"},
                        "color": {"1": "red", "18446744073709551615": [0, 0, 1], "-4": "#00ff0080", "default": "gray"},
                        "contour": 2, "selected_label": 18446744073709551615, "show_selected_label": true,
                        "opacity": 0.5, "blending": "additive", "visible": false, "scale": [2, 1]},
                       {"type": "image", "name": "labels", "source": {"path": "b.tif"}})");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  ASSERT_EQ(scene->layers.size(), 2u);
  ASSERT_EQ(scene->labels.size(), 1u);
  const LabelsLayerSpec& labels = scene->labels[0];
  EXPECT_EQ(labels.name, "labels");
  EXPECT_EQ(labels.index, 1);
  EXPECT_EQ(scene->layers[0].index, 0);
  EXPECT_EQ(scene->layers[1].index, 2);
  EXPECT_EQ(scene->layers[1].name, "labels [1]");  // names are unique across types
  EXPECT_EQ(labels.source.dataset, "/seg");
  EXPECT_EQ(labels.style.contour, 2);
  EXPECT_EQ(labels.style.selected_label, LabelId::Unsigned(std::numeric_limits<uint64_t>::max()));
  EXPECT_TRUE(labels.style.show_selected_label);
  EXPECT_EQ(labels.opacity, 0.5);
  EXPECT_EQ(labels.blending, Blending::kAdditive);
  EXPECT_FALSE(labels.visible);
  EXPECT_EQ(labels.transform.scale, (std::vector<double>{2, 1}));
  ASSERT_EQ(labels.style.colors.size(), 3u);
  bool found_big = false;
  for (const auto& [label, color] : labels.style.colors) {
    if (label == LabelId::Unsigned(std::numeric_limits<uint64_t>::max())) {
      found_big = true;
      EXPECT_EQ(color, (Rgba{0, 0, 1, 1}));
    }
  }
  EXPECT_TRUE(found_big);
  ASSERT_TRUE(labels.style.default_color.has_value());
}

TEST(LabelsLayerParserTest, Defaults) {
  auto scene = Parse(R"({"type": "labels", "source": {"path": "seg.tif"}})");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  const LabelsLayerSpec& labels = scene->labels[0];
  EXPECT_EQ(labels.opacity, 0.7);
  EXPECT_EQ(labels.style.contour, 0);
  EXPECT_EQ(labels.style.selected_label, LabelId::Signed(1));
  EXPECT_FALSE(labels.style.direct());
}

TEST(LabelsLayerParserTest, Errors) {
  const std::string src = R"("source": {"path": "seg.tif"})";
  EXPECT_EQ(Error(R"({"type": "labels", )" + src + R"(, "color": {"one": "red"}})"),
            "scene.json#/layers/0/color/one: 'one' is not an integer label (keys are integer labels or \"default\")");
  EXPECT_EQ(Error(R"({"type": "labels", )" + src + R"(, "color": {"1": "red", "01": "blue"}})"),
            "scene.json#/layers/0/color/1: label 1 is listed twice");
  EXPECT_EQ(Error(R"({"type": "labels", )" + src + R"(, "color": {"1": "redd"}})").rfind(
                "scene.json#/layers/0/color/1: ", 0),
            0u);
  EXPECT_EQ(Error(R"({"type": "labels", )" + src + R"(, "contour": -1})"),
            "scene.json#/layers/0/contour: contour must be 0 or more, got -1");
  EXPECT_EQ(Error(R"({"type": "labels", )" + src + R"(, "selected_label": 1.5})"),
            "scene.json#/layers/0/selected_label: expected an integer label, got number");
  EXPECT_EQ(Error(R"({"type": "labels", )" + src + R"(, "colormap": "viridis"})").rfind(
                "scene.json#/layers/0/colormap: unknown key (", 0),
            0u);
  EXPECT_EQ(Error(R"({"type": "labels", "source": {"multiscale": [{"path": "a.tif"}]}})"),
            "scene.json#/layers/0/source/multiscale: multiscale labels are not supported (use one level)");
}

}  // namespace
}  // namespace stackshot
