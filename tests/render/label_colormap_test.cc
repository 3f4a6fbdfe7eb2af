#include "render/label_colormap.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace stackshot {
namespace {

// napari's test_label_colormap (napari/utils/colormaps/_tests/test_colormap_utils.py):
// "the default label colormap colors are identical to past versions", labels 1–10.
constexpr float kNapariFirstColors[10][4] = {
    {0.47058824f, 0.14509805f, 0.02352941f, 1.0f}, {0.35686275f, 0.8352941f, 0.972549f, 1.0f},
    {0.57254905f, 0.5372549f, 0.9098039f, 1.0f},   {0.42352942f, 0.00784314f, 0.75686276f, 1.0f},
    {0.2784314f, 0.22745098f, 0.62352943f, 1.0f},  {0.67058825f, 0.9254902f, 0.5411765f, 1.0f},
    {0.56078434f, 0.6784314f, 0.69803923f, 1.0f},  {0.5254902f, 0.5647059f, 0.6039216f, 1.0f},
    {0.99607843f, 0.96862745f, 0.10980392f, 1.0f}, {0.96862745f, 0.26666668f, 0.23137255f, 1.0f},
};

TEST(LabelColormapTest, MatchesNapariForLabelsOneToTen) {
  const auto& colors = NapariLabelColors();
  for (int label = 1; label <= 10; ++label) {
    const Rgba& color = colors[LabelColorIndex(int64_t{label})];
    for (int c = 0; c < 4; ++c) {
      // napari's values are float32 k / 255 printed to 8 digits: compare the bytes.
      EXPECT_EQ(std::lround(color[c] * 255.0f), std::lround(kNapariFirstColors[label - 1][c] * 255.0f))
          << "label " << label << " channel " << c;
      EXPECT_NEAR(color[c], kNapariFirstColors[label - 1][c], 1e-7) << "label " << label << " channel " << c;
    }
  }
}

TEST(LabelColormapTest, StoredTableIsNapariAlgorithm) {
  const auto computed = ComputeNapariLabelColors();
  const auto& stored = NapariLabelColors();
  for (int i = 0; i <= kLabelColorCycle; ++i) EXPECT_EQ(computed[i], stored[i]) << "entry " << i;
}

TEST(LabelColormapTest, EveryColourIsEightBitAndOpaque) {
  const auto& colors = NapariLabelColors();
  EXPECT_EQ(colors[0], (Rgba{0, 0, 0, 0}));
  for (int i = 1; i <= kLabelColorCycle; ++i) {
    for (int c = 0; c < 3; ++c) {
      const float byte = colors[i][c] * 255.0f;
      EXPECT_EQ(byte, std::round(byte)) << i;
    }
    EXPECT_EQ(colors[i][3], 1.0f);
  }
}

TEST(LabelColormapTest, LabelsCycleEvery49) {
  EXPECT_EQ(LabelColorIndex(int64_t{0}), 0);
  EXPECT_EQ(LabelColorIndex(int64_t{1}), 1);
  EXPECT_EQ(LabelColorIndex(int64_t{49}), 49);
  EXPECT_EQ(LabelColorIndex(int64_t{50}), 1);
  EXPECT_EQ(LabelColorIndex(int64_t{98}), 49);
  // (v - 1) mod 49 + 1 with a mathematical modulo: -1 → 48, -48 → 1.
  EXPECT_EQ(LabelColorIndex(int64_t{-1}), 48);
  EXPECT_EQ(LabelColorIndex(int64_t{-48}), 1);
  EXPECT_EQ(LabelColorIndex(std::numeric_limits<int64_t>::min()),
            static_cast<int>(((std::numeric_limits<int64_t>::min() % 49) + 49 - 1) % 49) + 1);
  EXPECT_EQ(LabelColorIndex(std::numeric_limits<uint64_t>::max()),
            static_cast<int>((std::numeric_limits<uint64_t>::max() - 1) % 49) + 1);
  EXPECT_EQ(LabelColorIndex(uint64_t{50}), 1);
}

}  // namespace
}  // namespace stackshot
