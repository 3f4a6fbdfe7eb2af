// The points layer's scene fields (issue 6).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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

TEST(PointsParserTest, InlineDataAndAppearance) {
  auto scene = Parse(R"({"type": "points", "data": [[0, 1, 2], [3, 4, 5]], "size": [3, 4], "symbol": "^",
                        "shown": [true, false], "face_color": "red", "border_color": ["blue", [0, 1, 0]],
                        "border_width": 2, "border_width_is_relative": false, "out_of_slice_display": true,
                        "projection_mode": "all", "features": {"kind": ["a", "b"], "score": [1, 2.5]}})");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  ASSERT_EQ(scene->points.size(), 1u);
  const PointsLayerSpec& p = scene->points[0];
  EXPECT_EQ(p.name, "points");
  EXPECT_EQ(p.data.ndim, 3);
  EXPECT_EQ(p.data.columns[2], (std::vector<double>{2, 5}));
  EXPECT_EQ(p.sizes, (std::vector<double>{3, 4}));
  EXPECT_EQ(p.shown, (std::vector<uint8_t>{1, 0}));
  EXPECT_EQ(p.style.symbol, PointSymbol::kTriangleUp);
  EXPECT_EQ(p.style.face_color.color, (Rgba{1, 0, 0, 1}));
  EXPECT_EQ(p.style.border_color.per_point.size(), 2u);
  EXPECT_EQ(p.style.border_width, 2);
  EXPECT_FALSE(p.style.border_width_is_relative);
  EXPECT_TRUE(p.out_of_slice_display);
  EXPECT_EQ(p.projection_mode, PointsProjection::kAll);
  ASSERT_EQ(p.data.features.size(), 2u);
  EXPECT_FALSE(p.data.features[0].numeric);
  EXPECT_EQ(p.data.features[1].numbers, (std::vector<double>{1, 2.5}));
}

TEST(PointsParserTest, ColourByFeature) {
  auto scene = Parse(R"({"type": "points", "source": {"path": "spots.csv"},
                        "face_color": {"feature": "kind", "cycle": ["red", "blue"]},
                        "border_color": "score", "border_colormap": "magma", "border_contrast_limits": [0, 2]})");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  const PointsLayerSpec& p = scene->points[0];
  EXPECT_EQ(p.source->path, "/data/spots.csv");
  EXPECT_EQ(p.style.face_color.feature, "kind");
  EXPECT_TRUE(p.face_cycle_given);
  EXPECT_EQ(p.style.face_color.cycle.size(), 2u);
  EXPECT_EQ(p.style.border_color.feature, "score");
  EXPECT_TRUE(p.border_colormap_given);
  EXPECT_EQ(p.style.border_color.colormap.name, "magma");
  EXPECT_EQ(p.style.border_color.contrast_limits, (std::array<double, 2>{0, 2}));
}

TEST(PointsParserTest, ErrorsNameThePointer) {
  EXPECT_EQ(Error(R"({"type": "points", "data": [[0, 1], [2]]})"),
            "scene.json#/layers/0/data/1: has 1 coordinates, row 0 has 2");
  EXPECT_EQ(Error(R"({"type": "points", "data": [[0, 1]], "symbol": "dsic"})"),
            "scene.json#/layers/0/symbol: unknown symbol 'dsic' (nearest: disc)");
  EXPECT_EQ(Error(R"({"type": "points"})"), "scene.json#/layers/0: a points layer needs 'source' or 'data'");
  EXPECT_EQ(Error(R"({"type": "points", "data": [[0, 1]], "projection_mode": "max"})"),
            "scene.json#/layers/0/projection_mode: unknown points projection_mode 'max' (valid: none, all)");
  EXPECT_EQ(Error(R"({"type": "points", "data": [[0, 1]], "border_width": 2})"),
            "scene.json#/layers/0/border_width: a relative border_width must be between 0 and 1 (set "
            "border_width_is_relative false)");
}

TEST(PointsParserTest, BorderWidthPerPoint) {
  auto scene = Parse(R"({"type": "points", "data": [[0, 1], [3, 4]], "border_width": [0.1, 0.5]})");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->points[0].style.border_widths, (std::vector<double>{0.1, 0.5}));
  EXPECT_EQ(Error(R"({"type": "points", "data": [[0, 1], [3, 4]], "border_width": [0.1, 2]})"),
            "scene.json#/layers/0/border_width: a relative border_width must be between 0 and 1 (set "
            "border_width_is_relative false)");
  auto absolute = Parse(R"({"type": "points", "data": [[0, 1], [3, 4]], "border_width_is_relative": false,
                           "border_width": [0, 3]})");
  ASSERT_TRUE(absolute.ok()) << absolute.status().message();
  EXPECT_EQ(absolute->points[0].style.border_widths, (std::vector<double>{0, 3}));
}

// napari's per-point symbols: an array of names (aliases too); a bad name is
// reported at its element.
TEST(PointsParserTest, SymbolPerPoint) {
  auto scene = Parse(R"({"type": "points", "data": [[0, 1], [3, 4], [5, 6]], "symbol": ["square", "*", "ring"]})");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->points[0].style.symbols,
            (std::vector<PointSymbol>{PointSymbol::kSquare, PointSymbol::kStar, PointSymbol::kRing}));
  EXPECT_EQ(Error(R"({"type": "points", "data": [[0, 1], [3, 4]], "symbol": ["disc", "sqare"]})"),
            "scene.json#/layers/0/symbol/1: unknown symbol 'sqare' (nearest: square, star)");
  EXPECT_EQ(Error(R"({"type": "points", "data": [[0, 1]], "symbol": [3]})"),
            "scene.json#/layers/0/symbol/0: expected a string, got number");
}

TEST(PointsParserTest, EmptyInlineDataIsAnEmptyLayer) {
  auto scene = Parse(R"({"type": "points", "data": []})");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  EXPECT_EQ(scene->points[0].data.size(), 0);
}

}  // namespace
}  // namespace stackshot
