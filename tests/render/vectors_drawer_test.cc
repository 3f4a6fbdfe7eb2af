#include "render/vectors_drawer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "cairo_test_frame.h"

namespace stackshot {
namespace {

std::shared_ptr<VectorsSliceResponse> Response(const VectorsData& data, std::vector<float> alphas = {}) {
  auto response = std::make_shared<VectorsSliceResponse>();
  response->data = std::make_shared<const VectorsData>(data);
  for (int64_t i = 0; i < data.size(); ++i) response->indices.push_back(i);
  response->alphas = std::move(alphas);
  response->displayed = {0, 1};
  response->plane_to_world = Affine::Identity(2);
  return response;
}

TEST(VectorsDrawerTest, OutOfSliceAlphaFadesTheColour) {
  auto data = VectorsFromRows({{{5.5, 1.5}, {0, 8}}}, "inline");
  ASSERT_TRUE(data.ok());
  VectorsAppearance style;
  style.edge_color = {Rgba{0, 1, 0, 1}};
  style.edge_width = 4;
  style.vector_style = VectorStyle::kLine;
  style.opacity = 1;
  const FrameSpec frame = TestFrame();
  auto painter = PreparePainter(frame, VectorsDrawItem{Response(*data, {0.5f}), style}, 1);
  ASSERT_TRUE(painter.ok()) << painter.status().message();
  Canvas canvas = PaintOnBlack(frame, painter);
  // The bar covers rows 4..7 from column 2 to 9 fully.
  EXPECT_NEAR(PixelAt(canvas, 5, 5)[1], 128.0f / 255, 1e-6);
  EXPECT_EQ(PixelAt(canvas, 5, 2)[1], 0.0f);
  EXPECT_EQ(PixelAt(canvas, 11, 5)[1], 0.0f);
}

// An arrow along screen row 6 from x = 2, projection 8 and length 2.5: napari draws
// it 20 px long (to x = 22) with the head over the last quarter, its base at
// x = 2 + 0.75 × 2.5 × 8 = 17 and twice the edge width (4 px, y 4 to 8) wide; the
// bar, 2 px wide (y 5 to 7), runs from x = 2 to the head.
Canvas DrawLongArrow(bool antialiasing) {
  auto data = VectorsFromRows({{{5.5, 1.5}, {0, 8}}}, "inline");
  EXPECT_TRUE(data.ok());
  VectorsAppearance style;
  style.edge_color = {Rgba{1, 1, 1, 1}};
  style.edge_width = 2;
  style.length = 2.5;
  style.vector_style = VectorStyle::kArrow;
  style.opacity = 1;
  FrameSpec frame = TestFrame(24, 12);
  frame.antialiasing = antialiasing;
  auto painter = PreparePainter(frame, VectorsDrawItem{Response(*data), style}, 1);
  EXPECT_TRUE(painter.ok()) << painter.status().message();
  return PaintOnBlack(frame, painter);
}

TEST(VectorsDrawerTest, ArrowHeadCoversTheLastQuarterWhateverTheLength) {
  const Canvas canvas = DrawLongArrow(/*antialiasing=*/true);
  // Rows 4 and 7 lie outside the bar and inside the head's base: the first column
  // they show in is where the head starts.
  for (int row : {4, 7}) {
    int first = -1;
    for (int col = 0; col < canvas.width() && first < 0; ++col) {
      if (PixelAt(canvas, col, row)[0] > 0) first = col;
    }
    EXPECT_EQ(first, 17) << "row " << row;
  }
  // The bar, fully covered up to the head; the head's base 4 px wide.
  for (int col = 2; col < 17; ++col) {
    EXPECT_EQ(PixelAt(canvas, col, 5)[0], 1.0f) << col;
    EXPECT_EQ(PixelAt(canvas, col, 6)[0], 1.0f) << col;
  }
  EXPECT_EQ(PixelAt(canvas, 17, 3)[0], 0.0f);
  EXPECT_EQ(PixelAt(canvas, 17, 8)[0], 0.0f);
  EXPECT_EQ(PixelAt(canvas, 22, 6)[0], 0.0f);  // past the tip
}

// napari's mesh on a canvas without anti-aliasing: GL covers a pixel exactly when
// its centre lies inside the bar ([2, 17] × [5, 7]) or the head's triangle
// (17, 4), (22, 6), (17, 8); nothing is partly covered.
TEST(VectorsDrawerTest, ArrowIsHardEdgedByPixelCentres) {
  const Canvas canvas = DrawLongArrow(/*antialiasing=*/false);
  auto inside = [](double x, double y) {
    if (x >= 2 && x <= 17 && y >= 5 && y <= 7) return true;
    const double half = 2 * (1 - (x - 17) / 5);  // the head's half-width at x
    return x >= 17 && x <= 22 && std::abs(y - 6) <= half;
  };
  int partial = 0;
  for (int row = 0; row < canvas.height(); ++row) {
    for (int col = 0; col < canvas.width(); ++col) {
      const float v = PixelAt(canvas, col, row)[0];
      if (v > 0 && v < 1) ++partial;
      EXPECT_EQ(v, inside(col + 0.5, row + 0.5) ? 1.0f : 0.0f) << col << ", " << row;
    }
  }
  EXPECT_EQ(partial, 0);
}

}  // namespace
}  // namespace stackshot
