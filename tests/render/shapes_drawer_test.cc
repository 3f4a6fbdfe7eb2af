#include "render/shapes_drawer.h"

#include <gtest/gtest.h>

#include "render/canvas.h"
#include "render/vectors_drawer.h"

namespace stackshot {
namespace {

// A 12×12 frame whose pixel (col, row) covers world [col, col+1) × [row, row+1)
// shifted by half a pixel: world = screen - 0.5 with centre 5.5 and zoom 1.
FrameSpec Frame() {
  FrameSpec frame;
  frame.width = 12;
  frame.height = 12;
  frame.camera = {5.5, 5.5, 1};
  return frame;
}

std::shared_ptr<ShapesSliceResponse> Response(ShapesData data) {
  auto response = std::make_shared<ShapesSliceResponse>();
  for (int64_t i = 0; i < data.size(); ++i) response->indices.push_back(i);
  response->data = std::make_shared<const ShapesData>(std::move(data));
  response->displayed = {0, 1};
  response->plane_to_world = Affine::Identity(2);
  return response;
}

Canvas Paint(const FrameSpec& frame, const PainterResult& painter) {
  Canvas canvas(frame.width, frame.height, Rgba{0, 0, 0, 1});
  (*painter)->PaintRows(canvas, 0, frame.height);
  return canvas;
}

const float* Pixel(const Canvas& canvas, int col, int row) { return canvas.row(row) + col * 4; }

TEST(ShapesDrawerTest, FillsWholePixelsExactlyAndLeavesTheRest) {
  ShapesData data = EmptyShapes(2);
  // Pixel edges are at world k - 0.5: this square covers pixels 2..6 exactly.
  const double corners[] = {1.5, 1.5, 6.5, 6.5};
  ASSERT_TRUE(AddShape(data, ShapeType::kRectangle, corners).ok());
  ShapesAppearance style;
  style.face_color = {Rgba{1, 0, 0, 1}};
  style.edge_width = {0};
  style.opacity = 1;
  const FrameSpec frame = Frame();
  auto painter = PreparePainter(frame, ShapesDrawItem{Response(data), style}, 1);
  ASSERT_TRUE(painter.ok()) << painter.status().message();
  Canvas canvas = Paint(frame, painter);
  EXPECT_EQ(std::vector<float>(Pixel(canvas, 2, 2), Pixel(canvas, 2, 2) + 4), (std::vector<float>{1, 0, 0, 1}));
  EXPECT_EQ(std::vector<float>(Pixel(canvas, 6, 6), Pixel(canvas, 6, 6) + 4), (std::vector<float>{1, 0, 0, 1}));
  EXPECT_EQ(std::vector<float>(Pixel(canvas, 7, 6), Pixel(canvas, 7, 6) + 4), (std::vector<float>{0, 0, 0, 1}));
  EXPECT_EQ(std::vector<float>(Pixel(canvas, 1, 1), Pixel(canvas, 1, 1) + 4), (std::vector<float>{0, 0, 0, 1}));
}

TEST(ShapesDrawerTest, OpacityAppliesPerShapeAndZIndexOrders) {
  ShapesData data = EmptyShapes(2);
  const double a[] = {1.5, 1.5, 6.5, 6.5};
  ASSERT_TRUE(AddShape(data, ShapeType::kRectangle, a).ok());
  ASSERT_TRUE(AddShape(data, ShapeType::kRectangle, a).ok());
  ShapesAppearance style;
  style.face_color = {Rgba{1, 0, 0, 1}, Rgba{0, 0, 1, 1}};
  style.edge_width = {0};
  style.z_index = {1, 0};  // the red one on top
  style.opacity = 0.5;
  const FrameSpec frame = Frame();
  auto painter = PreparePainter(frame, ShapesDrawItem{Response(data), style}, 1);
  ASSERT_TRUE(painter.ok());
  Canvas canvas = Paint(frame, painter);
  // napari blends each shape with colour alpha × opacity: red over (blue over black).
  const float* p = Pixel(canvas, 4, 4);
  EXPECT_NEAR(p[0], 128.0f / 255, 1e-6);  // Cairo keeps 8 bits per premultiplied channel
  EXPECT_NEAR(p[1], 0.0f, 1e-6);
  EXPECT_NEAR(p[2], 64.0f / 255, 1.0f / 255);
}

TEST(ShapesDrawerTest, SelfCrossingPolygonFollowsEvenOdd) {
  ShapesData data = EmptyShapes(2);
  // A bow tie whose loops overlap in the middle: a pentagram-like double cover.
  const double star[] = {0.5, 5.5, 10.5, 2.5, 4.5, 10.5, 4.5, 0.5, 10.5, 8.5};
  ASSERT_TRUE(AddShape(data, ShapeType::kPolygon, star).ok());
  ShapesAppearance style;
  style.face_color = {Rgba{1, 1, 1, 1}};
  style.edge_width = {0};
  style.opacity = 1;
  const FrameSpec frame = Frame();
  auto painter = PreparePainter(frame, ShapesDrawItem{Response(data), style}, 1);
  ASSERT_TRUE(painter.ok());
  Canvas canvas = Paint(frame, painter);
  // The pentagram's centre is covered twice: a hole under the even-odd rule.
  EXPECT_EQ(Pixel(canvas, 5, 5)[0], 0.0f);
  // A point covered once is filled.
  EXPECT_EQ(Pixel(canvas, 3, 5)[0], 1.0f);
  EXPECT_EQ(Pixel(canvas, 8, 5)[0], 1.0f);
  EXPECT_EQ(Pixel(canvas, 6, 6)[0], 0.0f);
}

// napari accepts a polygon of two vertices: nothing to fill, its edge is the
// segment drawn out and back, which covers what a line would.
TEST(ShapesDrawerTest, TwoVertexPolygonDrawsItsEdgeLikeALine) {
  const double ends[] = {5.5, 1.5, 5.5, 9.5};
  ShapesAppearance style;
  style.face_color = {Rgba{1, 0, 0, 1}};
  style.edge_color = {Rgba{0, 1, 0, 1}};
  style.edge_width = {2};
  style.opacity = 1;
  const FrameSpec frame = Frame();
  auto draw = [&](ShapeType type) {
    ShapesData data = EmptyShapes(2);
    EXPECT_TRUE(AddShape(data, type, ends).ok());
    auto painter = PreparePainter(frame, ShapesDrawItem{Response(data), style}, 1);
    EXPECT_TRUE(painter.ok());
    return Paint(frame, painter);
  };
  const Canvas polygon = draw(ShapeType::kPolygon);
  const Canvas line = draw(ShapeType::kLine);
  for (int row = 0; row < frame.height; ++row) {
    for (int col = 0; col < frame.width; ++col) {
      EXPECT_EQ(Pixel(polygon, col, row)[0], 0.0f) << "no face at " << col << ", " << row;
      EXPECT_NEAR(Pixel(polygon, col, row)[1], Pixel(line, col, row)[1], 1.0f / 255) << col << ", " << row;
    }
  }
  // The edge: 2 px wide along row 5–6 (world 4.5–6.5), from column 2 to 9.
  EXPECT_EQ(Pixel(polygon, 5, 5)[1], 1.0f);
  EXPECT_EQ(Pixel(polygon, 5, 6)[1], 1.0f);
  EXPECT_EQ(Pixel(polygon, 5, 3)[1], 0.0f);
  EXPECT_EQ(Pixel(polygon, 11, 5)[1], 0.0f);
}

TEST(VectorsDrawerTest, OutOfSliceAlphaFadesTheColour) {
  auto data = VectorsFromRows({{{5.5, 1.5}, {0, 8}}}, "inline");
  ASSERT_TRUE(data.ok());
  auto response = std::make_shared<VectorsSliceResponse>();
  response->data = std::make_shared<const VectorsData>(*data);
  response->indices = {0};
  response->alphas = {0.5f};
  response->displayed = {0, 1};
  response->plane_to_world = Affine::Identity(2);
  VectorsAppearance style;
  style.edge_color = {Rgba{0, 1, 0, 1}};
  style.edge_width = 4;
  style.vector_style = VectorStyle::kLine;
  style.opacity = 1;
  const FrameSpec frame = Frame();
  auto painter = PreparePainter(frame, VectorsDrawItem{response, style}, 1);
  ASSERT_TRUE(painter.ok()) << painter.status().message();
  Canvas canvas = Paint(frame, painter);
  // The bar covers rows 4..7 from column 2 to 9 fully.
  EXPECT_NEAR(Pixel(canvas, 5, 5)[1], 128.0f / 255, 1e-6);
  EXPECT_EQ(Pixel(canvas, 5, 2)[1], 0.0f);
  EXPECT_EQ(Pixel(canvas, 11, 5)[1], 0.0f);
}

}  // namespace
}  // namespace stackshot
