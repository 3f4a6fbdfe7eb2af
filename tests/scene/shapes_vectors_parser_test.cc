#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "scene/scene_spec.h"

namespace stackshot {
namespace {

Result<SceneSpec> Parse(const std::string& layer) {
  return ParseScene(nlohmann::json::parse(R"({"version": 1, "layers": [)" + layer + "]}"), "s.json", "/tmp");
}

TEST(ShapesLayerParserTest, ReadsInlineShapesWithNapariDefaults) {
  auto scene = Parse(R"({"type": "shapes", "data": [[[0, 0], [2, 3]], [[1, 1], [4, 4], [1, 5]]],
                         "shape_type": ["ellipse", "polygon"], "edge_width": [1, 2.5]})");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  ASSERT_EQ(scene->shapes.size(), 1u);
  const ShapesLayerSpec& layer = scene->shapes[0];
  EXPECT_EQ(layer.name, "shapes");
  EXPECT_EQ(layer.data.types, (std::vector<ShapeType>{ShapeType::kEllipse, ShapeType::kPolygon}));
  EXPECT_EQ(layer.data.offsets, (std::vector<int64_t>{0, 4, 7}));
  EXPECT_EQ(layer.style.edge_width, (std::vector<double>{1, 2.5}));
  EXPECT_EQ(layer.opacity, 0.7);
}

TEST(ShapesLayerParserTest, ErrorsNameThePointer) {
  EXPECT_EQ(Parse(R"({"type": "shapes", "data": [[[0, 0], [1, 1], [2, 2]]], "shape_type": "line"})")
                .status().message(),
            "s.json#/layers/0/data/0: a line needs 2 vertices, got 3");
  EXPECT_EQ(Parse(R"({"type": "shapes", "data": [[[0, 0], [1, 1]]], "shape_type": "circle"})").status().message(),
            "s.json#/layers/0/shape_type: unknown shape type 'circle' (valid: rectangle, ellipse, polygon, path, "
            "line)");
  EXPECT_EQ(Parse(R"({"type": "shapes", "data": [[[0, 0], [1, 1]]], "face_color": ["red", "blue"]})")
                .status().message(),
            "s.json#/layers/0: face_color has 2 values for 1 shapes (give 1 or one per shape)");
}

TEST(VectorsLayerParserTest, ReadsVectorsAndColourByFeature) {
  auto scene = Parse(R"({"type": "vectors", "data": [[[0, 0], [1, 2]], [[3, 3], [0, 1]]],
                         "features": {"speed": [1, 5]}, "edge_color": "speed", "vector_style": "arrow",
                         "length": 2})");
  ASSERT_TRUE(scene.ok()) << scene.status().message();
  const VectorsLayerSpec& layer = scene->vectors[0];
  EXPECT_EQ(layer.data.size(), 2);
  EXPECT_EQ(layer.color_feature, "speed");
  EXPECT_EQ(layer.style.vector_style, VectorStyle::kArrow);
  EXPECT_EQ(layer.style.length, 2);
}

TEST(VectorsLayerParserTest, RejectsDataThatIsNotNx2xD) {
  EXPECT_EQ(Parse(R"({"type": "vectors", "data": [[[0, 0], [1, 2], [3, 4]]]})").status().message(),
            "s.json#/layers/0/data: vectors must be N×2×D ([[position], [projection]] per vector); vector 0 is "
            "3×2/2/2");
  EXPECT_EQ(Parse(R"({"type": "vectors", "data": [], "vector_style": "arow"})").status().message(),
            "s.json#/layers/0/vector_style: unknown vector_style 'arow' (nearest: arrow)");
}

}  // namespace
}  // namespace stackshot
