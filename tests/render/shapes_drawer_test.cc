#include "render/shapes_drawer.h"

#include <gtest/gtest.h>

#include "cairo_test_frame.h"

namespace stackshot {
namespace {

std::shared_ptr<ShapesSliceResponse> Response(ShapesData data) {
  auto response = std::make_shared<ShapesSliceResponse>();
  for (int64_t i = 0; i < data.size(); ++i) response->indices.push_back(i);
  response->data = std::make_shared<const ShapesData>(std::move(data));
  response->displayed = {0, 1};
  response->plane_to_world = Affine::Identity(2);
  return response;
}

TEST(ShapesDrawerTest, FillsWholePixelsExactlyAndLeavesTheRest) {
  ShapesData data = EmptyShapes(2);
  // Pixel edges are at world k - 0.5: this square covers pixels 2..6 exactly.
  const double corners[] = {1.5, 1.5, 6.5, 6.5};
  ASSERT_TRUE(AddShape(data, ShapeType::kRectangle, corners).ok());
  ShapesAppearance style;
  style.face_color = {Rgba{1, 0, 0, 1}};
  style.edge_width = {0};
  style.opacity = 1;
  const FrameSpec frame = TestFrame();
  auto painter = PreparePainter(frame, ShapesDrawItem{Response(data), style}, 1);
  ASSERT_TRUE(painter.ok()) << painter.status().message();
  Canvas canvas = PaintOnBlack(frame, painter);
  EXPECT_EQ(RgbaAt(canvas, 2, 2), (std::vector<float>{1, 0, 0, 1}));
  EXPECT_EQ(RgbaAt(canvas, 6, 6), (std::vector<float>{1, 0, 0, 1}));
  EXPECT_EQ(RgbaAt(canvas, 7, 6), (std::vector<float>{0, 0, 0, 1}));
  EXPECT_EQ(RgbaAt(canvas, 1, 1), (std::vector<float>{0, 0, 0, 1}));
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
  const FrameSpec frame = TestFrame();
  auto painter = PreparePainter(frame, ShapesDrawItem{Response(data), style}, 1);
  ASSERT_TRUE(painter.ok());
  Canvas canvas = PaintOnBlack(frame, painter);
  // napari blends each shape with colour alpha × opacity: red over (blue over black).
  const float* p = PixelAt(canvas, 4, 4);
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
  const FrameSpec frame = TestFrame();
  auto painter = PreparePainter(frame, ShapesDrawItem{Response(data), style}, 1);
  ASSERT_TRUE(painter.ok());
  Canvas canvas = PaintOnBlack(frame, painter);
  // The pentagram's centre is covered twice: a hole under the even-odd rule.
  EXPECT_EQ(PixelAt(canvas, 5, 5)[0], 0.0f);
  // A point covered once is filled.
  EXPECT_EQ(PixelAt(canvas, 3, 5)[0], 1.0f);
  EXPECT_EQ(PixelAt(canvas, 8, 5)[0], 1.0f);
  EXPECT_EQ(PixelAt(canvas, 6, 6)[0], 0.0f);
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
  const FrameSpec frame = TestFrame();
  auto draw = [&](ShapeType type) {
    ShapesData data = EmptyShapes(2);
    EXPECT_TRUE(AddShape(data, type, ends).ok());
    auto painter = PreparePainter(frame, ShapesDrawItem{Response(data), style}, 1);
    EXPECT_TRUE(painter.ok());
    return PaintOnBlack(frame, painter);
  };
  const Canvas polygon = draw(ShapeType::kPolygon);
  const Canvas line = draw(ShapeType::kLine);
  for (int row = 0; row < frame.height; ++row) {
    for (int col = 0; col < frame.width; ++col) {
      EXPECT_EQ(PixelAt(polygon, col, row)[0], 0.0f) << "no face at " << col << ", " << row;
      EXPECT_NEAR(PixelAt(polygon, col, row)[1], PixelAt(line, col, row)[1], 1.0f / 255) << col << ", " << row;
    }
  }
  // The edge: 2 px wide along row 5–6 (world 4.5–6.5), from column 2 to 9.
  EXPECT_EQ(PixelAt(polygon, 5, 5)[1], 1.0f);
  EXPECT_EQ(PixelAt(polygon, 5, 6)[1], 1.0f);
  EXPECT_EQ(PixelAt(polygon, 5, 3)[1], 0.0f);
  EXPECT_EQ(PixelAt(polygon, 11, 5)[1], 0.0f);
}

// A face from screen (0.3, 0.3) to (3.7, 2.2) (world = screen - 0.5), red.
Canvas DrawOffGridRectangle(bool antialiasing) {
  ShapesData data = EmptyShapes(2);
  const double corners[] = {-0.2, -0.2, 1.7, 3.2};
  EXPECT_TRUE(AddShape(data, ShapeType::kRectangle, corners).ok());
  ShapesAppearance style;
  style.face_color = {Rgba{1, 0, 0, 1}};
  style.edge_width = {0};
  style.opacity = 1;
  FrameSpec frame = TestFrame();
  frame.antialiasing = antialiasing;
  auto painter = PreparePainter(frame, ShapesDrawItem{Response(data), style}, 1);
  EXPECT_TRUE(painter.ok()) << painter.status().message();
  return PaintOnBlack(frame, painter);
}

struct CoverageCount {
  int full = 0, partial = 0;
};
CoverageCount CountRed(const Canvas& canvas) {
  CoverageCount count;
  for (int row = 0; row < canvas.height(); ++row) {
    for (int col = 0; col < canvas.width(); ++col) {
      const float v = PixelAt(canvas, col, row)[0];
      count.full += v == 1.0f;
      count.partial += v > 0 && v < 1;
    }
  }
  return count;
}

// napari draws shapes as triangles on a canvas without anti-aliasing: GL covers a
// pixel when its centre is inside. Centres x 0.5..3.5 and y 0.5, 1.5 are inside
// (2.5 > 2.2): exactly columns 0..3 of rows 0 and 1, fully, and nothing else.
TEST(ShapesDrawerTest, HardEdgesCoverPixelsWhoseCentresAreInside) {
  const Canvas canvas = DrawOffGridRectangle(/*antialiasing=*/false);
  for (int row = 0; row < canvas.height(); ++row) {
    for (int col = 0; col < canvas.width(); ++col) {
      EXPECT_EQ(PixelAt(canvas, col, row)[0], col <= 3 && row <= 1 ? 1.0f : 0.0f) << col << ", " << row;
    }
  }
  const CoverageCount count = CountRed(canvas);
  EXPECT_EQ(count.full, 8);
  EXPECT_EQ(count.partial, 0);
}

// Asked for, the edges are smooth: the 10 pixels the outline crosses are partly
// covered, and only the 2 inside it ([1, 3) × [1, 2)) fully.
TEST(ShapesDrawerTest, AntialiasingOnCoversEdgePixelsPartly) {
  const CoverageCount count = CountRed(DrawOffGridRectangle(/*antialiasing=*/true));
  EXPECT_EQ(count.full, 2);
  EXPECT_EQ(count.partial, 10);
}

}  // namespace
}  // namespace stackshot
