#include "render/points_drawer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "points_test_items.h"
#include "render/points_marker.h"

namespace stackshot {
namespace {

using testing::PointsItem;

// Camera so that world (y, x) = screen pixel centre (y, x) minus 0.5: pixel (c, r)
// covers world [c - 0.5, c + 0.5].
Camera2D PixelCamera(int width, int height) { return {height / 2.0 - 0.5, width / 2.0 - 0.5, 1.0}; }

std::array<float, 4> At(const Canvas& canvas, int x, int y) {
  std::array<float, 4> v;
  std::memcpy(v.data(), canvas.row(y) + x * 4, sizeof v);
  return v;
}

TEST(PointsDrawerTest, DiscFaceBorderAndOutside) {
  Canvas canvas(40, 40, {0, 0, 0, 1});
  PointsDrawItem item = PointsItem({{20, 20}}, 20);
  item.appearance.border_width = 0.2;  // 4 px border centred on the radius-10 outline
  ASSERT_TRUE(DrawPoints(canvas, PixelCamera(40, 40), item, 1).ok());
  EXPECT_EQ(At(canvas, 20, 20), (std::array<float, 4>{1, 1, 1, 1}));
  const Rgba dimgray = item.appearance.border_color.color;
  // 10 px right of the centre: on the outline, inside the border's core.
  EXPECT_EQ(At(canvas, 30, 20), (std::array<float, 4>{dimgray[0], dimgray[1], dimgray[2], 1}));
  EXPECT_EQ(At(canvas, 35, 20), (std::array<float, 4>{0, 0, 0, 1}));
  EXPECT_EQ(At(canvas, 0, 0), (std::array<float, 4>{0, 0, 0, 1}));
}

TEST(PointsDrawerTest, LaterPointsDrawOnTop) {
  PointsDrawItem item = PointsItem({{10, 10}, {10, 14}}, 8);
  item.appearance.face_color.per_point = {{1, 0, 0, 1}, {0, 0, 1, 1}};
  item.appearance.border_width = 0;
  Canvas canvas(24, 24, {0, 0, 0, 1});
  ASSERT_TRUE(DrawPoints(canvas, PixelCamera(24, 24), item, 1).ok());
  EXPECT_EQ(At(canvas, 11, 10), (std::array<float, 4>{0, 0, 1, 1}));
  EXPECT_EQ(At(canvas, 8, 10), (std::array<float, 4>{1, 0, 0, 1}));
  // One pixel past the blue outline: its fringe, alpha exp(-(1 + r)^2) with r = 1.
  EXPECT_EQ(At(canvas, 9, 10)[2], std::exp(-4.0f));
}

TEST(PointsDrawerTest, SameBitsForAnyThreadsAndBands) {
  std::vector<std::vector<double>> rows;
  uint64_t state = 99;
  for (int i = 0; i < 3000; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    rows.push_back({static_cast<double>((state >> 33) % 100), static_cast<double>((state >> 13) % 120)});
  }
  PointsDrawItem item = PointsItem(rows, 7);
  item.appearance.opacity = 0.6;
  item.appearance.symbol = PointSymbol::kStar;
  FrameSpec frame{120, 100, {0, 0, 0, 1}, PixelCamera(120, 100)};
  auto one = PreparePainter(frame, item, 1);
  auto two = PreparePainter(frame, item, 2);
  ASSERT_TRUE(one.ok() && two.ok());
  Canvas whole(120, 100, {0, 0, 0, 1});
  (*one)->PaintRows(whole, 0, 100);
  Canvas banded(120, 100, {0, 0, 0, 1});
  for (auto [b, e] : {std::pair{0, 3}, {3, 17}, {17, 64}, {64, 100}}) (*two)->PaintRows(banded, b, e);
  for (int y = 0; y < 100; ++y) {
    ASSERT_EQ(std::memcmp(whole.row(y), banded.row(y), 120 * 4 * sizeof(float)), 0) << "row " << y;
  }
  Canvas band(120, 100, 40, 8, {0, 0, 0, 1});
  (*one)->PaintRows(band, 40, 48);
  EXPECT_EQ(std::memcmp(whole.row(40), band.row(40), 120 * 8 * 4 * sizeof(float)), 0);
}

TEST(PointsDrawerTest, ColourCycleByCategoryInSortedOrder) {
  PointsDrawItem item = PointsItem({{5, 5}, {5, 15}, {5, 25}}, 6);
  auto data = std::make_shared<PointsData>(*item.appearance.data);
  data->features.push_back({"kind", false, {}, {"b", "a", "b"}});
  item.appearance.data = data;
  item.appearance.border_width = 0;
  item.appearance.face_color.mode = PointColor::Mode::kCycle;
  item.appearance.face_color.feature = "kind";
  item.appearance.face_color.cycle = {{1, 0, 0, 1}, {0, 1, 0, 1}};
  Canvas canvas(30, 10, {0, 0, 0, 1});
  ASSERT_TRUE(DrawPoints(canvas, PixelCamera(30, 10), item, 1).ok());
  EXPECT_EQ(At(canvas, 5, 5), (std::array<float, 4>{0, 1, 0, 1}));   // "b": second
  EXPECT_EQ(At(canvas, 15, 5), (std::array<float, 4>{1, 0, 0, 1}));  // "a": first
  EXPECT_EQ(At(canvas, 25, 5), (std::array<float, 4>{0, 1, 0, 1}));
}

TEST(PointsDrawerTest, ColormapOverNumericFeature) {
  PointsDrawItem item = PointsItem({{5, 5}, {5, 15}}, 6);
  auto data = std::make_shared<PointsData>(*item.appearance.data);
  data->features.push_back({"score", true, {2, 4}, {}});
  item.appearance.data = data;
  item.appearance.border_width = 0;
  item.appearance.face_color.mode = PointColor::Mode::kColormap;
  item.appearance.face_color.feature = "score";
  item.appearance.face_color.colormap.name = "gray";
  Canvas canvas(20, 10, {0, 0, 1, 1});
  ASSERT_TRUE(DrawPoints(canvas, PixelCamera(20, 10), item, 1).ok());
  EXPECT_EQ(At(canvas, 5, 5), (std::array<float, 4>{0, 0, 0, 1}));
  EXPECT_EQ(At(canvas, 15, 5), (std::array<float, 4>{1, 1, 1, 1}));
  item.appearance.face_color.feature = "nope";
  EXPECT_EQ(DrawPoints(canvas, PixelCamera(20, 10), item, 1).message(),
            "face_color: no feature 'nope' (valid: score)");
}

TEST(PointsDrawerTest, ZeroSizeDrawsNothingAndTinySizesAreClamped) {
  Canvas canvas(10, 10, {0, 0, 0, 1});
  ASSERT_TRUE(DrawPoints(canvas, PixelCamera(10, 10), PointsItem({{5, 5}}, 0), 1).ok());
  EXPECT_EQ(At(canvas, 5, 5), (std::array<float, 4>{0, 0, 0, 1}));
  PointsDrawItem tiny = PointsItem({{5, 5}}, 0.01f);
  tiny.appearance.border_width = 0;
  ASSERT_TRUE(DrawPoints(canvas, PixelCamera(10, 10), tiny, 1).ok());
  EXPECT_EQ(At(canvas, 5, 5), (std::array<float, 4>{1, 1, 1, 1}));  // drawn 2 px wide
}

// Splats are binned by rows and sorted by first bin: drawing all points at once
// must equal compositing them one by one in data order, with per-point colours,
// sizes spanning many bins, points half off the canvas and zero sizes.
TEST(PointsDrawerTest, AllAtOnceEqualsOneByOne) {
  std::vector<std::vector<double>> rows;
  std::vector<Rgba> faces;
  std::vector<float> sizes;
  uint64_t state = 7;
  auto next = [&state](int modulo) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<int>((state >> 33) % static_cast<uint64_t>(modulo));
  };
  for (int i = 0; i < 400; ++i) {
    rows.push_back({next(90) - 10 + next(4) * 0.25, next(70) - 5 + next(4) * 0.25});
    faces.push_back({next(5) / 4.0f, next(5) / 4.0f, next(5) / 4.0f, 0.25f + next(4) / 4.0f});
    sizes.push_back(i % 50 == 0 ? 0.0f : 1.0f + static_cast<float>(next(30)));
  }
  PointsDrawItem item = PointsItem(rows);
  auto response = std::make_shared<PointsSliceResponse>(*item.response);
  response->sizes = sizes;
  item.response = response;
  item.appearance.face_color.per_point = faces;
  item.appearance.opacity = 0.8;
  const Camera2D camera = PixelCamera(60, 80);
  Canvas all(60, 80, {0.1f, 0.2f, 0.3f, 1});
  ASSERT_TRUE(DrawPoints(all, camera, item, 2).ok());
  Canvas one_by_one(60, 80, {0.1f, 0.2f, 0.3f, 1});
  for (size_t i = 0; i < rows.size(); ++i) {
    PointsDrawItem single = PointsItem({rows[i]}, sizes[i]);
    single.appearance.face_color = DirectPointColor(faces[i]);
    single.appearance.opacity = 0.8;
    ASSERT_TRUE(DrawPoints(one_by_one, camera, single, 1).ok());
  }
  for (int y = 0; y < 80; ++y) {
    ASSERT_EQ(std::memcmp(all.row(y), one_by_one.row(y), 60 * 4 * sizeof(float)), 0) << "row " << y;
  }
}

// napari's per-point border_width: each point draws as it would alone with its own
// width, relative or absolute.
TEST(PointsDrawerTest, PerPointBorderWidths) {
  const std::vector<std::vector<double>> rows = {{10, 8}, {10, 24}, {10, 40}};
  const std::vector<double> widths = {0, 0.2, 0.45};
  for (bool relative : {true, false}) {
    PointsDrawItem item = PointsItem(rows, 12);
    item.appearance.border_widths = relative ? widths : std::vector<double>{0, 2, 4};
    item.appearance.border_width_is_relative = relative;
    item.appearance.border_color = DirectPointColor({1, 0, 0, 1});
    const Camera2D camera = PixelCamera(48, 20);
    Canvas all(48, 20, {0, 0, 0, 1});
    ASSERT_TRUE(DrawPoints(all, camera, item, 2).ok());
    Canvas one_by_one(48, 20, {0, 0, 0, 1});
    for (size_t i = 0; i < rows.size(); ++i) {
      PointsDrawItem single = PointsItem({rows[i]}, 12);
      single.appearance.border_width = item.appearance.border_widths[i];
      single.appearance.border_width_is_relative = relative;
      single.appearance.border_color = item.appearance.border_color;
      ASSERT_TRUE(DrawPoints(one_by_one, camera, single, 1).ok());
    }
    for (int y = 0; y < 20; ++y) {
      ASSERT_EQ(std::memcmp(all.row(y), one_by_one.row(y), 48 * 4 * sizeof(float)), 0) << "row " << y;
    }
    // No border on the first point; the third's border reaches further in.
    EXPECT_EQ(At(all, 8 + 5, 10)[1], 1.0f);
    EXPECT_EQ(At(all, 40 + 6, 10), (std::array<float, 4>{1, 0, 0, 1}));
  }
  PointsDrawItem wrong = PointsItem(rows, 12);
  wrong.appearance.border_widths = {0.1, 0.2};
  Canvas canvas(48, 20, {0, 0, 0, 1});
  EXPECT_EQ(DrawPoints(canvas, PixelCamera(48, 20), wrong, 1).message(), "border_width has 2 values for 3 points");
}

// napari's per-point symbols: each point draws as it would alone with its own
// symbol — through shared sprites (each symbol five times at the same sub-pixel
// offset) and, with sizes varying point by point, as 70 looks, more than are
// shared, marker by marker; with 1 and 2 threads.
TEST(PointsDrawerTest, PerPointSymbols) {
  const std::vector<PointSymbol> all_symbols = AllPointSymbols();
  constexpr int kCopies = 5;
  std::vector<std::vector<double>> rows;
  std::vector<PointSymbol> symbols;
  for (size_t i = 0; i < all_symbols.size(); ++i) {
    for (int copy = 0; copy < kCopies; ++copy) {
      rows.push_back({8.25 + 16.0 * copy, 8.5 + 16.0 * static_cast<double>(i)});
      symbols.push_back(all_symbols[i]);
    }
  }
  const int width = static_cast<int>(16 * all_symbols.size());
  const int height = 16 * kCopies;
  const Camera2D camera = PixelCamera(width, height);
  for (bool varied_sizes : {false, true}) {
    std::vector<float> sizes(rows.size(), 11.0f);
    if (varied_sizes) {
      for (size_t i = 0; i < sizes.size(); ++i) sizes[i] = 9.0f + 0.05f * static_cast<float>(i);
    }
    PointsDrawItem item = PointsItem(rows, 11);
    auto response = std::make_shared<PointsSliceResponse>(*item.response);
    response->sizes = sizes;
    item.response = response;
    item.appearance.symbols = symbols;
    item.appearance.border_width = 0.15;
    for (int threads : {1, 2}) {
      Canvas all(width, height, {0, 0, 0, 1});
      ASSERT_TRUE(DrawPoints(all, camera, item, threads).ok());
      Canvas one_by_one(width, height, {0, 0, 0, 1});
      for (size_t i = 0; i < rows.size(); ++i) {
        PointsDrawItem single = PointsItem({rows[i]}, sizes[i]);
        single.appearance.symbol = symbols[i];
        single.appearance.border_width = 0.15;
        ASSERT_TRUE(DrawPoints(one_by_one, camera, single, 1).ok());
      }
      for (int y = 0; y < height; ++y) {
        ASSERT_EQ(std::memcmp(all.row(y), one_by_one.row(y), static_cast<size_t>(width) * 4 * sizeof(float)), 0)
            << "row " << y << (varied_sizes ? ", varied sizes" : "") << ", threads " << threads;
      }
      // And the symbols differ: the square's cell (napari's order: 8th) is not the disc's (5th).
      for (int y = 4; y <= 12; ++y) {  // rows the top and bottom sides of the square cross
        EXPECT_NE(std::memcmp(all.row(y) + 16 * 7 * 4, all.row(y) + 16 * 4 * 4, 16 * 4 * sizeof(float)), 0) << y;
      }
    }
  }
  PointsDrawItem wrong = PointsItem(rows, 11);
  wrong.appearance.symbols = {PointSymbol::kDisc};
  Canvas canvas(width, height, {0, 0, 0, 1});
  EXPECT_EQ(DrawPoints(canvas, camera, wrong, 1).message(), "symbol has 1 values for 70 points");
}

// The marker's Gaussian falloff is computed without libm: within one ulp of
// std::exp(-x²) over the range that matters (below exp(-87) it is flushed).
TEST(PointsMarkerTest, GaussianFalloffWithinOneUlpOfExp) {
  EXPECT_EQ(GaussianFalloff(0.0f), 1.0f);
  EXPECT_EQ(GaussianFalloff(2.0f), std::exp(-4.0f));
  int worst = 0;
  for (int i = 0; i <= 93000; ++i) {
    const float x = static_cast<float>(i) * 1e-4f;
    const float fast = GaussianFalloff(x);
    const float exact = std::exp(-x * x);
    int32_t a, b;
    std::memcpy(&a, &fast, sizeof a);
    std::memcpy(&b, &exact, sizeof b);
    worst = std::max(worst, std::abs(a - b));
  }
  EXPECT_LE(worst, 1);
}

}  // namespace
}  // namespace stackshot
