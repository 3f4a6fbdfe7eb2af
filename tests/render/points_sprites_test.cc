#include "render/points_sprites.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "points_test_items.h"
#include "render/points_drawer.h"

namespace stackshot {
namespace {

using testing::PointsItem;

constexpr Blending kModes[] = {Blending::kOpaque, Blending::kTranslucent, Blending::kTranslucentNoDepth,
                               Blending::kAdditive, Blending::kMinimum};

// A fixed LCG (no std distributions).
struct Lcg {
  uint64_t state;
  int Next(int modulo) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<int>((state >> 33) % static_cast<uint64_t>(modulo));
  }
};

// "" when the canvases hold the same bits, else the first pixel that differs.
std::string FirstDifference(const Canvas& a, const Canvas& b) {
  for (int y = 0; y < a.height(); ++y) {
    for (int x = 0; x < a.width(); ++x) {
      if (std::memcmp(a.row(y) + 4 * x, b.row(y) + 4 * x, 4 * sizeof(float)) != 0) {
        return "pixel " + std::to_string(x) + "," + std::to_string(y);
      }
    }
  }
  return "";
}

// Many points of one look share sprites (shaded once per frame, dense rows, upside
// down for symbols symmetric in y, cut into runs at the canvas edges); a point drawn alone
// is shaded on its own. Both must give the same bits, for every symbol and mode,
// with uniform and with per-point colours.
TEST(PointsSpritesTest, SharedSpritesEqualMarkersShadedOneByOne) {
  constexpr int kWidth = 40, kHeight = 30;
  const Camera2D camera{kHeight / 2.0 - 0.5, kWidth / 2.0 - 0.5, 1.0};
  for (PointSymbol symbol : AllPointSymbols()) {
    for (Blending mode : kModes) {
      for (bool per_point : {false, true}) {
        Lcg lcg{static_cast<uint64_t>(symbol) * 31 + static_cast<uint64_t>(mode) * 7 + per_point};
        std::vector<std::vector<double>> rows;
        std::vector<Rgba> faces;
        for (int i = 0; i < 300; ++i) {
          // Positions in 1/64 pixel (quantised to 1/16), some past the canvas edges.
          rows.push_back({lcg.Next(40 * 64) / 64.0 - 5, lcg.Next(50 * 64) / 64.0 - 5});
          faces.push_back({lcg.Next(5) / 4.0f, lcg.Next(5) / 4.0f, lcg.Next(5) / 4.0f, 0.5f});
        }
        PointsDrawItem item = PointsItem(rows, 7.5f);
        item.appearance.symbol = symbol;
        item.appearance.blending = mode;
        item.appearance.opacity = 0.8;
        item.appearance.border_width = 0.2;
        item.appearance.face_color = DirectPointColor({0.9f, 0.3f, 0.5f, 0.6f});
        if (per_point) item.appearance.face_color.per_point = faces;
        // Bright enough for the minimum blending to show the markers.
        Canvas all(kWidth, kHeight, {0.5f, 0.6f, 0.7f, 1});
        ASSERT_TRUE(DrawPoints(all, camera, item, 2).ok());
        Canvas one_by_one(kWidth, kHeight, {0.5f, 0.6f, 0.7f, 1});
        for (size_t i = 0; i < rows.size(); ++i) {
          PointsDrawItem single = PointsItem({rows[i]}, 7.5f);
          const auto data = single.appearance.data;
          single.appearance = item.appearance;
          single.appearance.data = data;
          single.appearance.face_color = DirectPointColor(per_point ? faces[i] : item.appearance.face_color.color);
          ASSERT_TRUE(DrawPoints(one_by_one, camera, single, 1).ok());
        }
        EXPECT_EQ(FirstDifference(all, one_by_one), "")
            << PointSymbolName(symbol) << " " << BlendingName(mode) << (per_point ? " per point" : "");
      }
    }
  }
}

// What SymmetricInY claims: shading row offset 16 − q gives the pixels of offset q
// upside down (row r ↔ −r), bit for bit.
TEST(PointsSpritesTest, SymbolsSymmetricInYShadeMirroredRows) {
  int symmetric = 0;
  for (PointSymbol symbol : AllPointSymbols()) {
    if (!SymmetricInY(symbol)) continue;
    ++symmetric;
    const MarkerStyle look{9.5f, 1.5f, 0.75f, 1.0f, symbol};
    const FragmentPalette palette = MakePalette(SplatColors{Float4{1, 0.5f, 0, 0.75f}, Float4{0, 0, 1, 1}}, look.e);
    const SpriteShader shade = ShaderFor(Blending::kTranslucent, symbol);
    auto pixels = [&](int qx, int qy) {
      const SpriteBox box = MarkerBox(look, qx, qy);
      Sprite sprite;
      // Dense, so every pixel of the box has a place: (row, column) → source.
      shade({look, 0.9f, qx, qy, &palette, box.x0, box.x1 + 1, box.y0, box.y1 + 1, true, 0, 0}, sprite);
      return std::make_pair(box, sprite);
    };
    for (int qy = 1; qy < kSubpixelSteps; ++qy) {
      for (int qx = 0; qx < kSubpixelSteps; ++qx) {
        const auto [box, sprite] = pixels(qx, qy);
        const auto [mirror_box, mirror] = pixels(qx, kSubpixelSteps - qy);
        ASSERT_EQ(box.y0, -mirror_box.y1);
        ASSERT_EQ(box.x0, mirror_box.x0);
        const int w = box.x1 - box.x0 + 1;
        for (int y = box.y0; y <= box.y1; ++y) {
          for (int x = box.x0; x <= box.x1; ++x) {
            const Float4 a = sprite.source[static_cast<size_t>((y - box.y0) * w + (x - box.x0))];
            const Float4 b = mirror.source[static_cast<size_t>((-y - mirror_box.y0) * w + (x - box.x0))];
            ASSERT_EQ(std::memcmp(&a, &b, sizeof a), 0)
                << PointSymbolName(symbol) << " q " << qx << "," << qy << " at " << x << "," << y;
          }
        }
      }
    }
  }
  EXPECT_EQ(symmetric, 10);
}

// The sprite blend is BlendColor split in two: the same bits for every mode.
TEST(PointsSpritesTest, PreparedBlendEqualsBlendColor) {
  Lcg lcg{5};
  auto value = [&lcg] { return lcg.Next(1001) / 1000.0f; };
  for (Blending mode : kModes) {
    for (int i = 0; i < 2000; ++i) {
      const Float4 color{value(), value(), value(), value()};
      const float a = i % 10 == 0 ? 1.0f : value();
      alignas(16) float expected[4] = {value(), value(), value(), value()};
      alignas(16) float actual[4];
      std::memcpy(actual, expected, sizeof actual);
      switch (mode) {
#define STACKSHOT_MODE_CASE(name)                                                \
  case Blending::name:                                                           \
    BlendColor<Blending::name>(expected, color, a);                              \
    BlendPrepared<Blending::name>(actual, PrepareSource<Blending::name>(color, a)); \
    break;
        STACKSHOT_MODE_CASE(kOpaque)
        STACKSHOT_MODE_CASE(kTranslucent)
        STACKSHOT_MODE_CASE(kTranslucentNoDepth)
        STACKSHOT_MODE_CASE(kAdditive)
        STACKSHOT_MODE_CASE(kMinimum)
#undef STACKSHOT_MODE_CASE
      }
      ASSERT_EQ(std::memcmp(expected, actual, sizeof actual), 0) << BlendingName(mode) << " " << i;
    }
  }
}

// The AVX run blenders (two pixels at a time) give the bits of the plain ones, for
// runs of odd and even length, sparse and dense (unrolled for the width or not).
TEST(PointsSpritesTest, AvxBlendersEqualPlainOnes) {
  Lcg lcg{11};
  auto value = [&lcg] { return lcg.Next(1001) / 1000.0f; };
  std::vector<Float4> sources(40);
  for (Float4& v : sources) {
    v = Float4{value(), value(), value(), value()};
    if (lcg.Next(4) == 0) v = Float4{0, 0, 0, -0.0f};  // a dense pixel not kept
  }
  std::vector<float> canvas(4 * 40);
  for (float& v : canvas) v = value();
  for (Blending mode : kModes) {
    for (int n = 1; n <= 16; ++n) {
      std::vector<float> plain = canvas, avx = canvas, wide = canvas;
      const Float4* src = sources.data() + 3;
      // Dense: two rows, the second one pixel further on.
      DenseBlenderFor(mode, n, false)(plain.data(), 4, src, 1, 2, n);
      DenseBlenderFor(mode, n, true)(avx.data(), 4, src, 1, 2, n);
      DenseBlenderFor(mode, 0, true)(wide.data(), 4, src, 1, 2, n);
      ASSERT_EQ(plain, avx) << BlendingName(mode) << " dense " << n;
      ASSERT_EQ(plain, wide) << BlendingName(mode) << " dense, any width " << n;
      plain = avx = canvas;
      RunBlenderFor(mode, false)(plain.data(), src, n);
      RunBlenderFor(mode, true)(avx.data(), src, n);
      ASSERT_EQ(plain, avx) << BlendingName(mode) << " " << n;
    }
  }
}

// Marker centres are quantised to 1/16 pixel: centres within the same sixteenth
// draw the same pixels, the next sixteenth different ones.
TEST(PointsSpritesTest, CentresAreQuantisedToSixteenthPixels) {
  const Camera2D camera{9.5, 9.5, 1.0};
  auto draw = [&](double col) {
    Canvas canvas(20, 20, {0, 0, 0, 1});
    EXPECT_TRUE(DrawPoints(canvas, camera, PointsItem({{10, col}}, 6), 1).ok());
    return canvas;
  };
  const Canvas base = draw(10.0);
  EXPECT_EQ(FirstDifference(base, draw(10.03)), "");          // rounds to 10
  EXPECT_EQ(FirstDifference(draw(10.0625), draw(10.04)), "");  // rounds to 10 + 1/16
  EXPECT_NE(FirstDifference(base, draw(10.0625)), "");
}

}  // namespace
}  // namespace stackshot
