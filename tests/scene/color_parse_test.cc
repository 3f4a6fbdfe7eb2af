#include <gtest/gtest.h>

#include "render/color.h"

namespace stackshot {
namespace {

float Byte(int value) { return static_cast<float>(value) / 255.0f; }

Rgba ParseOk(const std::string& text) {
  Result<Rgba> color = ParseColor(text);
  EXPECT_TRUE(color.ok()) << text << ": " << color.status().message();
  return color.ok() ? *color : Rgba{-1, -1, -1, -1};
}

std::string ParseError(const std::string& text) {
  Result<Rgba> color = ParseColor(text);
  EXPECT_FALSE(color.ok()) << text;
  EXPECT_EQ(color.status().code(), StatusCode::kInvalidArgument);
  return color.status().message();
}

TEST(ParseColorTest, BasicNames) {
  EXPECT_EQ(ParseOk("red"), (Rgba{1, 0, 0, 1}));
  EXPECT_EQ(ParseOk("black"), (Rgba{0, 0, 0, 1}));
  EXPECT_EQ(ParseOk("white"), (Rgba{1, 1, 1, 1}));
  EXPECT_EQ(ParseOk("blue"), (Rgba{0, 0, 1, 1}));
  // CSS green is dark; lime is the pure primary.
  EXPECT_EQ(ParseOk("green"), (Rgba{0, Byte(128), 0, 1}));
  EXPECT_EQ(ParseOk("lime"), (Rgba{0, 1, 0, 1}));
  EXPECT_EQ(ParseOk("yellow"), (Rgba{1, 1, 0, 1}));
  EXPECT_EQ(ParseOk("magenta"), (Rgba{1, 0, 1, 1}));
  EXPECT_EQ(ParseOk("cyan"), (Rgba{0, 1, 1, 1}));
}

TEST(ParseColorTest, FullCssList) {
  EXPECT_EQ(ParseOk("aliceblue"), (Rgba{Byte(0xf0), Byte(0xf8), 1, 1}));
  EXPECT_EQ(ParseOk("cornflowerblue"), (Rgba{Byte(100), Byte(149), Byte(237), 1}));
  EXPECT_EQ(ParseOk("rebeccapurple"), (Rgba{Byte(0x66), Byte(0x33), Byte(0x99), 1}));
  EXPECT_EQ(ParseOk("lightgoldenrodyellow"), (Rgba{Byte(0xfa), Byte(0xfa), Byte(0xd2), 1}));
  EXPECT_EQ(ParseOk("yellowgreen"), (Rgba{Byte(0x9a), Byte(0xcd), Byte(0x32), 1}));
  EXPECT_EQ(ParseOk("gray"), ParseOk("grey"));
  EXPECT_EQ(ParseOk("darkslategray"), ParseOk("darkslategrey"));
}

TEST(ParseColorTest, TransparentAndLetters) {
  EXPECT_EQ(ParseOk("transparent"), (Rgba{0, 0, 0, 0}));
  // vispy's one-letter names are pure primaries.
  EXPECT_EQ(ParseOk("g"), (Rgba{0, 1, 0, 1}));
  EXPECT_EQ(ParseOk("k"), (Rgba{0, 0, 0, 1}));
  EXPECT_EQ(ParseOk("w"), (Rgba{1, 1, 1, 1}));
}

TEST(ParseColorTest, CaseInsensitive) {
  EXPECT_EQ(ParseOk("Red"), (Rgba{1, 0, 0, 1}));
  EXPECT_EQ(ParseOk("CornFlowerBlue"), ParseOk("cornflowerblue"));
  EXPECT_EQ(ParseOk("#FF8000"), ParseOk("#ff8000"));
}

TEST(ParseColorTest, HexForms) {
  EXPECT_EQ(ParseOk("#ff8000"), (Rgba{1, Byte(128), 0, 1}));
  EXPECT_EQ(ParseOk("#ff800080"), (Rgba{1, Byte(128), 0, Byte(128)}));
  EXPECT_EQ(ParseOk("#f80"), (Rgba{1, Byte(0x88), 0, 1}));
  EXPECT_EQ(ParseOk("#f808"), (Rgba{1, Byte(0x88), 0, Byte(0x88)}));
  EXPECT_EQ(ParseOk("#000000"), (Rgba{0, 0, 0, 1}));
  EXPECT_EQ(ParseOk("#12345678"), (Rgba{Byte(0x12), Byte(0x34), Byte(0x56), Byte(0x78)}));
}

TEST(ParseColorTest, UnknownNameSuggestsNearest) {
  EXPECT_EQ(ParseError("bleu"), "unknown colour 'bleu' (nearest: blue)");
  EXPECT_EQ(ParseError("Bleu"), "unknown colour 'Bleu' (nearest: blue)");
}

TEST(ParseColorTest, NothingCloseNamesTheForms) {
  EXPECT_EQ(ParseError("qqqqqqqqqqqqqqqq"),
            "unknown colour 'qqqqqqqqqqqqqqqq' (use a CSS colour name, #rrggbb or #rrggbbaa)");
}

TEST(ParseColorTest, BadHex) {
  EXPECT_EQ(ParseError("#12345"), "invalid hex colour '#12345' (use #rgb, #rrggbb or #rrggbbaa)");
  EXPECT_EQ(ParseError("#gg0000"), "invalid hex colour '#gg0000' (use #rgb, #rrggbb or #rrggbbaa)");
  EXPECT_EQ(ParseError("#"), "invalid hex colour '#' (use #rgb, #rrggbb or #rrggbbaa)");
  EXPECT_EQ(ParseError("#ff 000"), "invalid hex colour '#ff 000' (use #rgb, #rrggbb or #rrggbbaa)");
}

}  // namespace
}  // namespace stackshot
