#include "layers/shapes/shapes_slice.h"

#include <gtest/gtest.h>

#include "layers/shapes/shapes_data.h"
#include "layers/shapes/shapes_layer.h"

namespace stackshot {
namespace {

// A 3D square in the plane z (all four corners at z), or spanning z0..z1.
void AddSquare(ShapesData& data, double z0, double z1) {
  const double rows[] = {z0, 0, 0, z0, 0, 4, z1, 4, 4, z1, 4, 0};
  ASSERT_TRUE(AddShape(data, ShapeType::kPolygon, rows).ok());
}

std::vector<int64_t> Shown(const std::shared_ptr<const ShapesData>& data, double z) {
  ShapesSliceRequest request;
  request.data = data;
  request.world_to_data = Affine::Identity(3);
  request.data_to_world = Affine::Identity(3);
  request.point = {z, 0, 0};
  request.displayed = {1, 2};
  request.not_displayed = {0};
  auto response = GetShapesSlice(request);
  EXPECT_TRUE(response.ok()) << response.status().message();
  return response.ok() ? (*response)->indices : std::vector<int64_t>{-1};
}

TEST(ShapesSliceTest, NapariKeyRuleIsStrictAndRoundsHalfToEven) {
  auto data = std::make_shared<ShapesData>(EmptyShapes(3));
  AddSquare(*data, 0, 0);    // 0
  AddSquare(*data, 1, 1);    // 1
  AddSquare(*data, 0, 2);    // 2: spans planes, shows on none
  AddSquare(*data, 0.4, 0.4);  // 3: key 0
  AddSquare(*data, 2.5, 2.5);  // 4: key 2 (half to even)
  EXPECT_EQ(Shown(data, 0), (std::vector<int64_t>{0, 3}));
  EXPECT_EQ(Shown(data, 1), (std::vector<int64_t>{1}));
  EXPECT_EQ(Shown(data, 0.5), (std::vector<int64_t>{}));
  EXPECT_EQ(Shown(data, 0.49), (std::vector<int64_t>{0, 3}));
  EXPECT_EQ(Shown(data, 2), (std::vector<int64_t>{4}));
  EXPECT_EQ(Shown(data, 3), (std::vector<int64_t>{}));
}

TEST(ShapesSliceTest, SlicesThroughTheLayerTransform) {
  auto data = std::make_shared<ShapesData>(EmptyShapes(3));
  AddSquare(*data, 1, 1);
  auto layer = ShapesLayer::Create("s", data, Affine::FromParts({2, 0, 0, 0, 1, 0, 0, 0, 1}, {10, 0, 0}));
  ASSERT_TRUE(layer.ok());
  Dims dims(3);
  const WorldExtent extent = (*layer)->world_extent();
  dims.SetRange(ComputeDimsRange(std::span<const WorldExtent>(&extent, 1), 3));
  ASSERT_TRUE(dims.SetPoint({12, 0, 0}).ok());
  auto request = (*layer)->MakeSliceRequest(dims, SliceView{}, 1);
  ASSERT_TRUE(request.ok()) << request.status().message();
  auto response = (*request)->Run(CancelToken::Never());
  ASSERT_TRUE(response.ok());
  const auto& shapes = dynamic_cast<const ShapesSliceResponse&>(**response);
  EXPECT_EQ(shapes.indices, (std::vector<int64_t>{0}));
  EXPECT_EQ((*layer)->world_extent().min, (std::vector<double>{12, 0, 0}));
  EXPECT_EQ((*layer)->world_extent().max, (std::vector<double>{12, 4, 4}));
}

TEST(ShapesDataTest, VertexCountsFollowNapari) {
  ShapesData data = EmptyShapes(2);
  const double two[] = {1, 2, 5, 8};
  ASSERT_TRUE(AddShape(data, ShapeType::kRectangle, two).ok());
  EXPECT_EQ(data.vertex_count(0), 4);
  EXPECT_EQ(data.columns[0], (std::vector<double>{1, 5, 5, 1}));
  EXPECT_EQ(data.columns[1], (std::vector<double>{2, 2, 8, 8}));
  // An ellipse of two rows is a centre and radii.
  ASSERT_TRUE(AddShape(data, ShapeType::kEllipse, two).ok());
  EXPECT_EQ(std::vector<double>(data.columns[0].begin() + 4, data.columns[0].end()),
            (std::vector<double>{-4, 6, 6, -4}));
  EXPECT_EQ(std::vector<double>(data.columns[1].begin() + 4, data.columns[1].end()),
            (std::vector<double>{-6, -6, 10, 10}));

  const double three[] = {0, 0, 1, 1, 2, 0};
  EXPECT_EQ(AddShape(data, ShapeType::kRectangle, three).message(),
            "a rectangle needs 4 corners (or 2 opposite corners), got 3 vertices");
  EXPECT_EQ(AddShape(data, ShapeType::kLine, three).message(), "a line needs 2 vertices, got 3");
  EXPECT_EQ(AddShape(data, ShapeType::kPath, std::span<const double>(three, 2)).message(),
            "a path needs at least 2 vertices, got 1");
  EXPECT_EQ(AddShape(data, ShapeType::kPolygon, std::span<const double>(three, 2)).message(),
            "a polygon needs at least 2 vertices, got 1");
  ShapesData d3 = EmptyShapes(3);
  const double two3[] = {0, 0, 0, 0, 1, 1};
  EXPECT_EQ(AddShape(d3, ShapeType::kEllipse, two3).message(), "an ellipse needs 4 corners, got 2 vertices");
  const double nan[] = {0, 0, 1, std::numeric_limits<double>::quiet_NaN()};
  EXPECT_FALSE(AddShape(data, ShapeType::kLine, nan).ok());
  EXPECT_EQ(data.size(), 2);
}

TEST(ShapesDataTest, UnknownTypeNamesTheNearest) {
  EXPECT_EQ(ParseShapeType("elipse").status().message(), "unknown shape type 'elipse' (nearest: ellipse)");
  EXPECT_EQ(*ParseShapeType("path"), ShapeType::kPath);
}

}  // namespace
}  // namespace stackshot
