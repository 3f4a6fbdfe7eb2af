#include "render/colormap.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

void ExpectColor(const Rgba& actual, const Rgba& expected) {
  for (int c = 0; c < 4; ++c) EXPECT_FLOAT_EQ(actual[c], expected[c]) << "channel " << c;
}

Colormap Named(const std::string& name) {
  auto map = NamedColormap(name);
  EXPECT_TRUE(map.ok()) << map.status().message();
  return map.ok() ? *map : Colormap("none", {0, 1}, {Rgba{0, 0, 0, 0}, Rgba{0, 0, 0, 0}});
}

TEST(ColormapTest, GrayEndpointsAndMidpoints) {
  const Colormap gray = Named("gray");
  EXPECT_EQ(gray.Map(0.0f), (Rgba{0, 0, 0, 1}));
  EXPECT_EQ(gray.Map(1.0f), (Rgba{1, 1, 1, 1}));
  EXPECT_EQ(gray.Map(0.5f), (Rgba{0.5f, 0.5f, 0.5f, 1}));
  EXPECT_EQ(gray.Map(0.25f), (Rgba{0.25f, 0.25f, 0.25f, 1}));
  // Every byte level maps to itself.
  for (int b = 0; b <= 255; ++b) {
    const float t = static_cast<float>(b) / 255.0f;
    EXPECT_EQ(gray.Map(t)[0], t);
  }
}

TEST(ColormapTest, MapClampsT) {
  const Colormap gray = Named("gray");
  EXPECT_EQ(gray.Map(-3.0f), (Rgba{0, 0, 0, 1}));
  EXPECT_EQ(gray.Map(7.0f), (Rgba{1, 1, 1, 1}));
  EXPECT_EQ(gray.Map(std::numeric_limits<float>::quiet_NaN()), (Rgba{0, 0, 0, 1}));
}

TEST(ColormapTest, PrimaryAndInverseMaps) {
  EXPECT_EQ(Named("magenta").Map(0.5f), (Rgba{0.5f, 0, 0.5f, 1}));
  EXPECT_EQ(Named("yellow").Map(1.0f), (Rgba{1, 1, 0, 1}));
  EXPECT_EQ(Named("cyan").Map(0.0f), (Rgba{0, 0, 0, 1}));
  EXPECT_EQ(Named("I Forest").Map(0.0f), (Rgba{1, 1, 1, 1}));
  ExpectColor(Named("I Forest").Map(1.0f), {0, 153.0f / 255, 0, 1});
  ExpectColor(Named("I Bordeaux").Map(1.0f), {204.0f / 255, 0, 51.0f / 255, 1});
}

TEST(ColormapTest, ViridisMatchesMatplotlibSamples) {
  const Colormap viridis = Named("viridis");
  ASSERT_EQ(viridis.colors().size(), 256u);
  ASSERT_EQ(viridis.controls().size(), 256u);
  // matplotlib's viridis(0.0) and viridis(1.0).
  EXPECT_EQ(viridis.colors()[0], (Rgba{0.267004f, 0.004874f, 0.329415f, 1.0f}));
  EXPECT_EQ(viridis.colors()[255], (Rgba{0.993248f, 0.906157f, 0.143936f, 1.0f}));
  EXPECT_EQ(viridis.Map(0.0f), viridis.colors()[0]);
  EXPECT_EQ(viridis.Map(1.0f), viridis.colors()[255]);
  EXPECT_EQ(viridis.controls()[0], 0.0f);
  EXPECT_EQ(viridis.controls()[255], 1.0f);
  EXPECT_EQ(viridis.controls()[51], static_cast<float>(51.0 / 255.0));
  // Halfway between samples 0 and 1.
  const float t = viridis.controls()[1] / 2;
  ExpectColor(viridis.Map(t), {(0.267004f + 0.26851f) / 2, (0.004874f + 0.009605f) / 2,
                               (0.329415f + 0.335427f) / 2, 1.0f});
  const Colormap magma = Named("magma");
  EXPECT_EQ(magma.colors()[0], (Rgba{0.001462f, 0.000466f, 0.013866f, 1.0f}));
  EXPECT_EQ(magma.colors()[255], (Rgba{0.987053f, 0.991438f, 0.749504f, 1.0f}));
}

TEST(ColormapTest, ReversedNames) {
  const Colormap viridis = Named("viridis");
  const Colormap reversed = Named("viridis_r");
  EXPECT_EQ(reversed.name(), "viridis_r");
  EXPECT_EQ(reversed.Map(0.0f), viridis.colors()[255]);
  EXPECT_EQ(reversed.Map(1.0f), viridis.colors()[0]);
  EXPECT_EQ(reversed.controls(), viridis.controls());
  EXPECT_EQ(reversed.colors()[10], viridis.colors()[245]);
  EXPECT_EQ(Named("gray_r").Map(0.25f), (Rgba{0.75f, 0.75f, 0.75f, 1}));
  EXPECT_EQ(Named("gray_r").Reversed().name(), "gray");
}

TEST(ColormapTest, ReversedCustomMirrorsControls) {
  const Colormap map("custom", {0.0f, 0.25f, 1.0f}, {Rgba{1, 0, 0, 1}, Rgba{0, 1, 0, 1}, Rgba{0, 0, 1, 1}});
  const Colormap reversed = map.Reversed();
  EXPECT_EQ(reversed.controls(), (std::vector<float>{0.0f, 0.75f, 1.0f}));
  EXPECT_EQ(reversed.Map(0.75f), (Rgba{0, 1, 0, 1}));
  EXPECT_EQ(reversed.Map(0.0f), (Rgba{0, 0, 1, 1}));
}

TEST(ColormapTest, CustomColorsWithControls) {
  ColormapSpec spec;
  spec.colors = {Rgba{1, 0, 0, 1}, Rgba{0, 1, 0, 1}, Rgba{0, 0, 1, 0}};
  spec.controls = {0.0f, 0.25f, 1.0f};
  auto map = ResolveColormap(spec);
  ASSERT_TRUE(map.ok()) << map.status().message();
  EXPECT_EQ(map->Map(0.25f), (Rgba{0, 1, 0, 1}));
  EXPECT_EQ(map->Map(0.125f), (Rgba{0.5f, 0.5f, 0, 1}));
  EXPECT_EQ(map->Map(0.625f), (Rgba{0, 0.5f, 0.5f, 0.5f}));
  EXPECT_EQ(map->Map(1.0f), (Rgba{0, 0, 1, 0}));
}

TEST(ColormapTest, CustomColorsAreEvenlySpacedWithoutControls) {
  ColormapSpec spec;
  spec.colors = {Rgba{0, 0, 0, 1}, Rgba{1, 0, 0, 1}, Rgba{1, 1, 1, 1}};
  auto map = ResolveColormap(spec);
  ASSERT_TRUE(map.ok()) << map.status().message();
  EXPECT_EQ(map->controls(), (std::vector<float>{0.0f, 0.5f, 1.0f}));
  EXPECT_EQ(map->Map(0.25f), (Rgba{0.5f, 0, 0, 1}));
  EXPECT_EQ(map->Map(0.75f), (Rgba{1, 0.5f, 0.5f, 1}));
}

TEST(ColormapTest, CustomHardStep) {
  ColormapSpec spec;
  spec.colors = {Rgba{0, 0, 0, 1}, Rgba{0, 0, 0, 1}, Rgba{1, 1, 1, 1}, Rgba{1, 1, 1, 1}};
  spec.controls = {0.0f, 0.5f, 0.5f, 1.0f};
  auto map = ResolveColormap(spec);
  ASSERT_TRUE(map.ok()) << map.status().message();
  EXPECT_EQ(map->Map(0.49f), (Rgba{0, 0, 0, 1}));
  EXPECT_EQ(map->Map(0.5f), (Rgba{1, 1, 1, 1}));
}

TEST(ColormapTest, InvalidCustomSpecs) {
  ColormapSpec one;
  one.colors = {Rgba{1, 0, 0, 1}};
  EXPECT_EQ(ResolveColormap(one).status().message(), "a colormap needs at least 2 colours, got 1");

  ColormapSpec count;
  count.colors = {Rgba{0, 0, 0, 1}, Rgba{1, 1, 1, 1}};
  count.controls = {0.0f, 0.5f, 1.0f};
  EXPECT_EQ(ResolveColormap(count).status().message(), "colormap has 2 colours but 3 controls");

  ColormapSpec ends = count;
  ends.controls = {0.1f, 1.0f};
  EXPECT_EQ(ResolveColormap(ends).status().message(), "colormap controls must start at 0 and end at 1, got 0.1 and 1");

  ColormapSpec order;
  order.colors = {Rgba{0, 0, 0, 1}, Rgba{1, 0, 0, 1}, Rgba{1, 1, 1, 1}};
  order.controls = {0.0f, 1.0f, 1.0f};
  EXPECT_TRUE(ResolveColormap(order).ok());
  order.controls = {0.0f, 0.5f, 0.25f, 1.0f};
  order.colors.push_back(Rgba{1, 1, 1, 1});
  EXPECT_EQ(ResolveColormap(order).status().message(),
            "colormap controls must be in ascending order, got 0.5 before 0.25");

  ColormapSpec range;
  range.colors = {Rgba{0, 0, 0, 1}, Rgba{2, 0, 0, 1}};
  EXPECT_EQ(ResolveColormap(range).status().message(), "colormap colour 1 has a component outside [0, 1]");
  EXPECT_EQ(ResolveColormap(range).status().code(), StatusCode::kInvalidArgument);
}

TEST(ColormapTest, UnknownNameSuggestsNearest) {
  auto map = NamedColormap("virdis");
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(map.status().message(), "unknown colormap 'virdis' (nearest: viridis)");
  EXPECT_EQ(NamedColormap("magam_r").status().message(), "unknown colormap 'magam_r' (nearest: magma_r)");
  ColormapSpec spec;
  spec.name = "infreno";
  EXPECT_EQ(ResolveColormap(spec).status().message(), "unknown colormap 'infreno' (nearest: inferno)");
}

TEST(ColormapTest, NamesAreSortedAndAllResolve) {
  const std::vector<std::string> names = ColormapNames();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (const char* expected : {"gray", "viridis", "magma", "inferno", "plasma", "turbo", "twilight",
                               "twilight_shifted", "hsv", "gist_earth", "PiYG", "red", "green", "blue", "cyan",
                               "magenta", "yellow", "I Blue", "I Bordeaux", "I Forest", "I Orange", "I Purple"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
  for (const std::string& name : names) {
    EXPECT_FALSE(name.size() > 2 && name.substr(name.size() - 2) == "_r") << name;
    for (const std::string& variant : {name, name + "_r"}) {
      auto map = NamedColormap(variant);
      ASSERT_TRUE(map.ok()) << variant;
      EXPECT_EQ(map->name(), variant);
      ASSERT_GE(map->colors().size(), 2u);
      EXPECT_EQ(map->controls().size(), map->colors().size());
      EXPECT_EQ(map->controls().front(), 0.0f);
      EXPECT_EQ(map->controls().back(), 1.0f);
      for (float t = 0.0f; t <= 1.0f; t += 1.0f / 64) {
        for (float v : map->Map(t)) {
          EXPECT_GE(v, 0.0f);
          EXPECT_LE(v, 1.0f);
        }
      }
    }
  }
}

}  // namespace
}  // namespace stackshot
