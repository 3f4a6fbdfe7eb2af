#include "layers/image/multiscale.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"

namespace stackshot {
namespace {

using testing::DimsAt;
using testing::SliceImage;

SliceView View(double y0, double x0, double y1, double x1, int height, int width) {
  SliceView view;
  view.world_min = {y0, x0};
  view.world_max = {y1, x1};
  view.canvas_size = {height, width};
  return view;
}

// napari-semantics.md: levels 4096², 2048², 1024², 512², canvas 512².
const std::vector<Shape> kNapariLevels = {{4096, 4096}, {2048, 2048}, {1024, 1024}, {512, 512}};

TEST(MultiscaleTest, NapariExampleWholeImageIsLevelTwo) {
  const LevelTile tile = ChooseLevelAndTile(kNapariLevels, {0, 1}, Affine::Identity(2), View(0, 0, 4096, 4096, 512, 512));
  EXPECT_EQ(tile.level, 2);
  EXPECT_EQ(tile.start, (std::array<int64_t, 2>{0, 0}));
  EXPECT_EQ(tile.count, (std::array<int64_t, 2>{1024, 1024}));
}

TEST(MultiscaleTest, NapariExampleFullResolutionPixelsAreLevelZero) {
  const LevelTile tile =
      ChooseLevelAndTile(kNapariLevels, {0, 1}, Affine::Identity(2), View(1000, 2000, 1512, 2512, 512, 512));
  EXPECT_EQ(tile.level, 0);
  // floor and ceil of the corners, both included.
  EXPECT_EQ(tile.start, (std::array<int64_t, 2>{1000, 2000}));
  EXPECT_EQ(tile.count, (std::array<int64_t, 2>{513, 513}));
}

TEST(MultiscaleTest, TileIsClippedAndScaledPerLevel) {
  // 1100 world pixels over 512 → level 1 (550 > 512; level 2: 275); corners / 2.
  const LevelTile tile =
      ChooseLevelAndTile(kNapariLevels, {0, 1}, Affine::Identity(2), View(-100.5, 3500, 999.5, 4600, 512, 512));
  EXPECT_EQ(tile.level, 1);
  EXPECT_EQ(tile.start, (std::array<int64_t, 2>{0, 1750}));
  EXPECT_EQ(tile.count, (std::array<int64_t, 2>{500 + 1, 2047 - 1750 + 1}));
}

TEST(MultiscaleTest, ScaleOfTheLayerCountsInDataPixels) {
  // World scale 4: 8192 world units are 2048 data pixels → level 1 on a 512 canvas.
  const Affine scale4 = Affine::FromParts({4, 0, 0, 4}, {0, 0});
  EXPECT_EQ(ChooseLevelAndTile(kNapariLevels, {0, 1}, scale4, View(0, 0, 8192, 8192, 512, 512)).level, 1);
  EXPECT_EQ(ChooseLevelAndTile(kNapariLevels, {0, 1}, scale4, View(0, 0, 4096, 4096, 512, 512)).level, 0);
  // Both axes must exceed the canvas: a wide, short view stays fine.
  EXPECT_EQ(ChooseLevelAndTile(kNapariLevels, {0, 1}, Affine::Identity(2), View(0, 0, 600, 4096, 512, 512)).level, 0);
}

TEST(MultiscaleTest, UnknownViewReadsTheCoarsestLevelWhole) {
  const LevelTile tile = ChooseLevelAndTile(kNapariLevels, {0, 1}, Affine::Identity(2), SliceView{});
  EXPECT_EQ(tile.level, 3);
  EXPECT_EQ(tile.count, (std::array<int64_t, 2>{512, 512}));
}

TEST(MultiscaleTest, LevelsMustShrink) {
  EXPECT_TRUE(CheckLevelsShrink(kNapariLevels).ok());
  EXPECT_EQ(CheckLevelsShrink({{64, 64}, {32, 32}, {32, 32}}).message(),
            "level 2 (32×32) does not shrink from level 1 (32×32): pyramid levels must shrink, finest first");
  EXPECT_EQ(CheckLevelsShrink({{64, 64}, {32, 80}}).message(),
            "level 1 (32×80) is larger than level 0 (64×64) on axis 1: pyramid levels must shrink, finest first");
  EXPECT_EQ(CheckLevelsShrink({{64, 64}, {3, 32, 32}}).message(), "level 1 (3×32×32) has 3 dims, level 0 has 2");
}

// A pyramid in memory: level L is 256 / 2^L square, value = level.
std::vector<std::shared_ptr<const Source>> MemoryPyramid(int levels) {
  std::vector<std::shared_ptr<const Source>> sources;
  for (int level = 0; level < levels; ++level) {
    const int64_t side = 256 >> level;
    Array a = Array::Zeros(DType::kUInt8, {side, side});
    for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<uint8_t>()[i] = static_cast<uint8_t>(level);
    sources.push_back(MakeMemorySource(a, "level" + std::to_string(level)));
  }
  return sources;
}

TEST(MultiscaleSliceTest, OnlyTheVisibleTileOfTheChosenLevelIsRead) {
  const auto levels = MemoryPyramid(4);
  auto layer = ImageLayer::Create("pyramid", levels, Affine::Identity(2), /*rgb=*/false);
  ASSERT_TRUE(layer.ok()) << layer.status().message();
  // 32 world pixels on a 64-pixel canvas: level 0, a 33×33 tile around (100, 140).
  auto zoomed = SliceImage(**layer, DimsAt({0, 0}), View(100, 140, 132, 172, 64, 64));
  ASSERT_TRUE(zoomed);
  EXPECT_EQ(zoomed->level, 0);
  EXPECT_EQ(zoomed->data_level(), 0);
  EXPECT_EQ(zoomed->plane.shape(), (Shape{33, 33}));
  EXPECT_EQ(zoomed->bytes_read, 33u * 33u);
  EXPECT_EQ(levels[0]->bytes_read(), 33u * 33u);
  for (int level = 1; level < 4; ++level) EXPECT_EQ(levels[level]->bytes_read(), 0u) << level;
  // Tile pixel (0, 0) sits at data (100, 140).
  const auto origin = zoomed->plane_to_world.Apply(std::vector<double>{0, 0});
  EXPECT_EQ(origin, (std::vector<double>{100, 140}));

  // The whole image on the same canvas: 256 / 2 = 128 > 64, 256 / 4 = 64 is not → level 1.
  auto overview = SliceImage(**layer, DimsAt({0, 0}), View(0, 0, 256, 256, 64, 64));
  EXPECT_EQ(overview->level, 1);
  EXPECT_EQ(overview->plane.shape(), (Shape{128, 128}));
  EXPECT_EQ(overview->plane.data<float>()[0], 1.0f);
  EXPECT_EQ(levels[1]->bytes_read(), 128u * 128u);
  // Level pixel i covers level-0 pixels [2 i, 2 i + 2): its centre is 2 i + 0.5.
  EXPECT_EQ(overview->plane_to_world.Apply(std::vector<double>{3, 5}), (std::vector<double>{6.5, 10.5}));
}

// A two-level pyramid of `side`² and (side / factor)² pixels, seen whole on a 2×2
// canvas, so the coarse level is shown.
std::shared_ptr<const ImageSliceResponse> CoarseOverview(int64_t side, int64_t factor) {
  std::vector<std::shared_ptr<const Source>> levels;
  for (int64_t s : {side, side / factor}) {
    levels.push_back(MakeMemorySource(Array::Zeros(DType::kUInt8, {s, s}), "side" + std::to_string(s)));
  }
  auto layer = ImageLayer::Create("pyramid", levels, Affine::Identity(2), /*rgb=*/false);
  EXPECT_TRUE(layer.ok());
  const double edge = static_cast<double>(side) - 0.5;
  return SliceImage(**layer, DimsAt({0, 0}), View(-0.5, -0.5, edge, edge, 2, 2));
}

TEST(MultiscaleSliceTest, CoarsePixelIsCentredOnTheBlockItCovers) {
  // napari: level-k pixel i covers level-0 pixels [i f, (i + 1) f), so its centre
  // is at i f + (f - 1) / 2 in level-0 pixel coordinates. f = 2: pixel 0 at 0.5,
  // pixel 3 at 6.5; f = 4: pixel 0 at 1.5, pixel 3 at 13.5.
  const auto f2 = CoarseOverview(8, 2);
  ASSERT_TRUE(f2);
  ASSERT_EQ(f2->level, 1);
  EXPECT_EQ(f2->plane_to_world.Apply(std::vector<double>{0, 0}), (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(f2->plane_to_world.Apply(std::vector<double>{3, 0}), (std::vector<double>{6.5, 0.5}));
  const auto f4 = CoarseOverview(16, 4);
  ASSERT_TRUE(f4);
  ASSERT_EQ(f4->level, 1);
  EXPECT_EQ(f4->plane_to_world.Apply(std::vector<double>{0, 0}), (std::vector<double>{1.5, 1.5}));
  EXPECT_EQ(f4->plane_to_world.Apply(std::vector<double>{3, 1}), (std::vector<double>{13.5, 5.5}));
  // The pixel's edges are those of its block: -0.5 and f - 0.5 (level-0 pixel edges).
  EXPECT_EQ(f4->plane_to_world.Apply(std::vector<double>{-0.5, 0.5}), (std::vector<double>{-0.5, 3.5}));
}

TEST(MultiscaleSliceTest, CacheKeyNamesTheLevelAndTile) {
  auto layer = ImageLayer::Create("pyramid", MemoryPyramid(3), Affine::Identity(2), false);
  const std::string a = testing::KeyOf(**layer, DimsAt({0, 0}), View(0, 0, 32, 32, 64, 64));
  const std::string b = testing::KeyOf(**layer, DimsAt({0, 0}), View(40, 0, 72, 32, 64, 64));
  const std::string c = testing::KeyOf(**layer, DimsAt({0, 0}), View(0, 0, 256, 256, 64, 64));
  EXPECT_NE(a, b);
  EXPECT_NE(a, c);
  EXPECT_NE(a.find("|L0|"), std::string::npos);
  EXPECT_NE(c.find("|L1|"), std::string::npos);
}

TEST(MultiscaleSliceTest, SlicedAxesAreDownsampledToo) {
  // (z, y, x) levels 8×64×64 and 4×32×32: z at level 1 is the point / 2.
  std::vector<std::shared_ptr<const Source>> levels;
  for (int level = 0; level < 2; ++level) {
    const int64_t z = 8 >> level, side = 64 >> level;
    Array a = Array::Zeros(DType::kUInt16, {z, side, side});
    for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<uint16_t>()[i] = static_cast<uint16_t>(100 * level + i / (side * side));
    levels.push_back(MakeMemorySource(a, "l" + std::to_string(level)));
  }
  auto layer = ImageLayer::Create("zyx", levels, Affine::Identity(3), false);
  ASSERT_TRUE(layer.ok());
  // Overview → level 1; z = 5 → 2.5 → round half even → 2.
  auto r = SliceImage(**layer, DimsAt({5, 0, 0}), View(0, 0, 64, 64, 16, 16));
  EXPECT_EQ(r->level, 1);
  EXPECT_EQ(r->plane.data<float>()[0], 102.0f);
  // Out of bounds is decided at level 0: z = 7.6 → 8 → empty.
  EXPECT_TRUE(SliceImage(**layer, DimsAt({7.6, 0, 0}), View(0, 0, 64, 64, 16, 16))->empty);
}

}  // namespace
}  // namespace stackshot
