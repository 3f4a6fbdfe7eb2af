#include "render/labels_drawer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "render/label_colormap.h"

namespace stackshot {
namespace {

constexpr Rgba kBackground = {0.1f, 0.2f, 0.3f, 1.0f};

template <typename T>
std::shared_ptr<LabelsSliceResponse> Plane(int rows, int cols, const std::vector<T>& values) {
  auto response = std::make_shared<LabelsSliceResponse>();
  response->plane = Array::Zeros(kDTypeOf<T>, {rows, cols});
  std::copy(values.begin(), values.end(), response->plane.mutable_data<T>());
  response->plane_to_world = Affine::Identity(2);
  return response;
}

LabelsDrawItem Item(std::shared_ptr<LabelsSliceResponse> response) {
  LabelsDrawItem item;
  item.response = std::move(response);
  item.appearance.opacity = 1.0;
  return item;
}

// One screen pixel per plane pixel.
Camera2D PixelCamera(int rows, int cols) { return Camera2D{(rows - 1) / 2.0, (cols - 1) / 2.0, 1.0}; }

Rgba At(const Canvas& canvas, int col, int row) {
  const float* p = canvas.row(row) + col * 4;
  return {p[0], p[1], p[2], p[3]};
}

TEST(LabelsDrawerTest, DefaultColoursAndTransparentBackground) {
  Canvas canvas(3, 1, kBackground);
  ASSERT_TRUE(DrawLabels(canvas, PixelCamera(1, 3), Item(Plane<uint8_t>(1, 3, {0, 1, 50})), 1).ok());
  EXPECT_EQ(At(canvas, 0, 0), kBackground);
  const Rgba one = NapariLabelColors()[1];
  EXPECT_EQ(At(canvas, 1, 0), one);
  EXPECT_EQ(At(canvas, 2, 0), one);  // 50 cycles back to 1's colour
}

TEST(LabelsDrawerTest, OpacityBlendsOverTheCanvas) {
  Canvas canvas(1, 1, {0, 0, 0, 1});
  LabelsDrawItem item = Item(Plane<int32_t>(1, 1, {2}));
  item.appearance.opacity = 0.7;
  ASSERT_TRUE(DrawLabels(canvas, PixelCamera(1, 1), item, 1).ok());
  const Rgba two = NapariLabelColors()[2];
  EXPECT_EQ(At(canvas, 0, 0)[0], two[0] * 0.7f + 0.0f * (1.0f - 0.7f));
}

TEST(LabelsDrawerTest, ColourDictWithDefaultAndHugeIds) {
  const uint64_t big = (uint64_t{1} << 53) + 1;
  Canvas canvas(4, 1, kBackground);
  LabelsDrawItem item = Item(Plane<uint64_t>(1, 4, {big, big + 1, 0, 5}));
  item.appearance.colors = {{LabelId::Unsigned(big), Rgba{1, 0, 0, 1}}, {LabelId::Unsigned(big + 1), Rgba{0, 0, 1, 1}}};
  item.appearance.default_color = Rgba{0, 1, 0, 1};
  ASSERT_TRUE(DrawLabels(canvas, PixelCamera(1, 4), item, 1).ok());
  EXPECT_EQ(At(canvas, 0, 0), (Rgba{1, 0, 0, 1}));
  EXPECT_EQ(At(canvas, 1, 0), (Rgba{0, 0, 1, 1}));  // one apart: different colours
  EXPECT_EQ(At(canvas, 2, 0), kBackground);         // 0 not listed: transparent
  EXPECT_EQ(At(canvas, 3, 0), (Rgba{0, 1, 0, 1}));  // not listed: the default

  // Without a default, unlisted labels are transparent; a listed 0 is drawn.
  Canvas plain(4, 1, kBackground);
  item.appearance.default_color.reset();
  item.appearance.colors.emplace_back(LabelId::Signed(0), Rgba{1, 1, 1, 1});
  ASSERT_TRUE(DrawLabels(plain, PixelCamera(1, 4), item, 1).ok());
  EXPECT_EQ(At(plain, 2, 0), (Rgba{1, 1, 1, 1}));
  EXPECT_EQ(At(plain, 3, 0), kBackground);
}

TEST(LabelsDrawerTest, ShowSelectedLabelOnly) {
  Canvas canvas(3, 1, kBackground);
  LabelsDrawItem item = Item(Plane<int64_t>(1, 3, {-7, 3, -7}));
  item.appearance.selected_label = LabelId::Signed(-7);
  item.appearance.show_selected_label = true;
  ASSERT_TRUE(DrawLabels(canvas, PixelCamera(1, 3), item, 1).ok());
  EXPECT_EQ(At(canvas, 0, 0), NapariLabelColors()[LabelColorIndex(int64_t{-7})]);
  EXPECT_EQ(At(canvas, 1, 0), kBackground);
  // A selected label the type cannot hold shows nothing.
  Canvas none(3, 1, kBackground);
  LabelsDrawItem small = Item(Plane<uint8_t>(1, 3, {1, 2, 3}));
  small.appearance.selected_label = LabelId::Signed(300);
  small.appearance.show_selected_label = true;
  ASSERT_TRUE(DrawLabels(none, PixelCamera(1, 3), small, 1).ok());
  for (int col = 0; col < 3; ++col) EXPECT_EQ(At(none, col, 0), kBackground);
}

// napari's get_contours on a 7×7 square of label 1 inside 0: with thickness 1 the
// ring of the square's outermost pixels stays (eroded by the cross differs from
// dilated), and the 0 pixels next to it are 0 anyway.
TEST(LabelsDrawerTest, ContourKeepsTheBoundaryOnly) {
  const int side = 9;
  std::vector<uint16_t> values(side * side, 0);
  for (int y = 1; y < 8; ++y)
    for (int x = 1; x < 8; ++x) values[y * side + x] = 1;
  auto drawn = [&](int thickness) {
    Canvas canvas(side, side, kBackground);
    LabelsDrawItem item = Item(Plane<uint16_t>(side, side, values));
    item.appearance.contour = thickness;
    EXPECT_TRUE(DrawLabels(canvas, PixelCamera(side, side), item, 1).ok());
    std::string rows;
    for (int y = 0; y < side; ++y) {
      for (int x = 0; x < side; ++x) rows += At(canvas, x, y) == kBackground ? '.' : '#';
      rows += '\n';
    }
    return rows;
  };
  EXPECT_EQ(drawn(1),
            ".........\n"
            ".#######.\n"
            ".#.....#.\n"
            ".#.....#.\n"
            ".#.....#.\n"
            ".#.....#.\n"
            ".#.....#.\n"
            ".#######.\n"
            ".........\n");
  // Thickness 2: the diamond of radius 2 reaches the background from two pixels in.
  EXPECT_EQ(drawn(2),
            ".........\n"
            ".#######.\n"
            ".#######.\n"
            ".##...##.\n"
            ".##...##.\n"
            ".##...##.\n"
            ".#######.\n"
            ".#######.\n"
            ".........\n");
}

TEST(LabelsDrawerTest, NeverInterpolatedAndThreadIndependent) {
  // A rotated, zoomed plane of many labels: 1 and 2 threads give the same bits.
  const int rows = 61, cols = 77;
  std::vector<int32_t> values(rows * cols);
  for (int i = 0; i < rows * cols; ++i) values[i] = (i * 7919) % 97 - 10;
  auto draw = [&](int threads) {
    Canvas canvas(160, 120, kBackground);
    LabelsDrawItem item = Item(Plane<int32_t>(rows, cols, values));
    std::const_pointer_cast<LabelsSliceResponse>(item.response)->plane_to_world =
        Affine::FromParts({1.2, -0.5, 0.5, 1.2}, {5, -3});
    item.appearance.contour = 1;
    item.appearance.opacity = 0.6;
    EXPECT_TRUE(DrawLabels(canvas, Camera2D{30, 40, 1.7}, item, threads).ok());
    std::vector<float> out;
    for (int y = 0; y < canvas.height(); ++y) out.insert(out.end(), canvas.row(y), canvas.row(y) + canvas.width() * 4);
    return out;
  };
  const std::vector<float> one = draw(1);
  const std::vector<float> two = draw(2);
  EXPECT_EQ(std::memcmp(one.data(), two.data(), one.size() * sizeof(float)), 0);
}

TEST(LabelsDrawerTest, FloatPlanesAreRejected) {
  auto response = std::make_shared<LabelsSliceResponse>();
  response->plane = Array::Zeros(DType::kFloat32, {2, 2});
  response->plane_to_world = Affine::Identity(2);
  Canvas canvas(2, 2, kBackground);
  EXPECT_FALSE(DrawLabels(canvas, PixelCamera(2, 2), Item(response), 1).ok());
}

}  // namespace
}  // namespace stackshot
