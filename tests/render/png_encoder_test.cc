#include "render/png_encoder.h"

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "render/image_writer.h"

namespace stackshot {
namespace {

// A frame of pseudo-random pixels (a fixed LCG), `opaque` or with varied alpha.
RgbaImage NoiseFrame(int width, int height, bool opaque) {
  RgbaImage image;
  image.width = width;
  image.height = height;
  image.pixels.resize(static_cast<size_t>(width) * height * 4);
  uint32_t state = 12345;
  for (size_t i = 0; i < image.pixels.size(); ++i) {
    state = state * 1664525u + 1013904223u;
    // Runs of equal values so the compressor finds matches, as in real frames.
    image.pixels[i] = static_cast<uint8_t>((state >> 24) & 0xF0);
    if (opaque && i % 4 == 3) image.pixels[i] = 255;
  }
  return image;
}

uint32_t ReadU32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// Decodes our own PNG layout: IHDR, IDAT chunks, IEND, filter "sub" on every row.
// zlib's uncompress checks the stream, including the Adler-32.
RgbaImage Decode(const std::vector<uint8_t>& png) {
  RgbaImage image;
  std::vector<uint8_t> zlib_stream;
  int channels = 4;
  for (size_t at = 8; at + 12 <= png.size();) {
    const uint32_t size = ReadU32(&png[at]);
    const std::string type(reinterpret_cast<const char*>(&png[at + 4]), 4);
    const uint8_t* data = &png[at + 8];
    if (type == "IHDR") {
      image.width = static_cast<int>(ReadU32(data));
      image.height = static_cast<int>(ReadU32(data + 4));
      channels = data[9] == 2 ? 3 : 4;
    } else if (type == "IDAT") {
      zlib_stream.insert(zlib_stream.end(), data, data + size);
    }
    at += 12 + size;
  }
  const size_t row_bytes = static_cast<size_t>(image.width) * channels;
  std::vector<uint8_t> filtered((row_bytes + 1) * image.height);
  uLongf length = filtered.size();
  EXPECT_EQ(uncompress(filtered.data(), &length, zlib_stream.data(), zlib_stream.size()), Z_OK);
  EXPECT_EQ(length, filtered.size());
  image.pixels.assign(static_cast<size_t>(image.width) * image.height * 4, 255);
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* in = &filtered[y * (row_bytes + 1)];
    EXPECT_EQ(in[0], 1) << "row " << y << " is not filtered with \"sub\"";
    ++in;
    for (int x = 0; x < image.width; ++x) {
      for (int c = 0; c < channels; ++c) {
        const uint8_t left = x > 0 ? image.pixels[(static_cast<size_t>(y) * image.width + x - 1) * 4 + c] : 0;
        image.pixels[(static_cast<size_t>(y) * image.width + x) * 4 + c] =
            static_cast<uint8_t>(in[static_cast<size_t>(x) * channels + c] + left);
      }
    }
  }
  return image;
}

TEST(PngEncoderTest, SplitStreamDecodesToTheFrame) {
  // 2.4 MB of filtered bytes: compressed as two pieces.
  const RgbaImage frame = NoiseFrame(1024, 600, /*opaque=*/false);
  const std::vector<uint8_t> png = EncodePng(frame, 1, 2);
  ASSERT_FALSE(png.empty());
  const RgbaImage decoded = Decode(png);
  EXPECT_EQ(decoded.width, 1024);
  EXPECT_EQ(decoded.height, 600);
  EXPECT_TRUE(decoded.pixels == frame.pixels);
}

TEST(PngEncoderTest, OpaqueSplitStreamIsRgbAndDecodesToTheFrame) {
  const RgbaImage frame = NoiseFrame(700, 513, /*opaque=*/true);
  const std::vector<uint8_t> png = EncodePng(frame, 6, 2);
  ASSERT_FALSE(png.empty());
  EXPECT_EQ(png[8 + 8 + 9], 2) << "colour type";
  EXPECT_TRUE(Decode(png).pixels == frame.pixels);
}

TEST(PngEncoderTest, BytesDoNotDependOnThreads) {
  const RgbaImage frame = NoiseFrame(800, 450, /*opaque=*/false);
  EXPECT_TRUE(EncodePng(frame, 1, 1) == EncodePng(frame, 1, 2));
  EXPECT_TRUE(EncodePng(frame, 1, 2) == EncodePng(frame, 1, 0));
}

TEST(PngEncoderTest, SmallFrameIsOnePieceAndDecodes) {
  const RgbaImage frame = NoiseFrame(37, 11, /*opaque=*/false);
  const std::vector<uint8_t> png = EncodePng(frame, 1, 2);
  EXPECT_TRUE(Decode(png).pixels == frame.pixels);
}

TEST(PngEncoderTest, SingleRowFrameDecodes) {
  const RgbaImage frame = NoiseFrame(300000, 1, /*opaque=*/true);
  EXPECT_TRUE(Decode(EncodePng(frame, 1, 2)).pixels == frame.pixels);
}


// A frame whose pixel i is colour(i).
template <typename ColourOf>
RgbaImage MakeFrame(int width, int height, ColourOf colour) {
  RgbaImage image;
  image.width = width;
  image.height = height;
  image.pixels.resize(static_cast<size_t>(width) * height * 4);
  for (size_t i = 0; i < image.pixels.size() / 4; ++i) {
    const uint32_t c = colour(i);
    for (int k = 0; k < 4; ++k) image.pixels[i * 4 + k] = static_cast<uint8_t>(c >> (8 * k));
  }
  return image;
}

uint32_t Grey(uint32_t v) { return 0xFF000000u | v * 0x010101u; }

// The IHDR colour type: 0 grey, 2 RGB, 3 palette, 6 RGBA.
int ColourType(const std::vector<uint8_t>& png) { return png.size() > 25 ? png[8 + 8 + 9] : -1; }

// Writes the PNG to a file and reads it back with OpenImageIO (libpng), which
// expands grey and palette (with tRNS) to RGBA.
RgbaImage ReadBack(const std::vector<uint8_t>& png) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("png_encoder_test_" + std::to_string(::getpid()) + ".png")).string();
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  auto read = ReadImageFile(path);
  std::filesystem::remove(path);
  EXPECT_TRUE(read.ok()) << read.status().message();
  return read.ok() ? *read : RgbaImage{};
}

// Encodes with 1 and 2 threads (the same bytes), checks the colour type, and
// checks that a PNG reader gets the frame's pixels back exactly.
void ExpectRoundTrip(const RgbaImage& frame, int colour_type) {
  const std::vector<uint8_t> png = EncodePng(frame, 1, 1);
  ASSERT_FALSE(png.empty());
  EXPECT_TRUE(png == EncodePng(frame, 1, 2)) << "bytes depend on the thread count";
  EXPECT_EQ(ColourType(png), colour_type);
  const RgbaImage read = ReadBack(png);
  EXPECT_EQ(read.width, frame.width);
  EXPECT_EQ(read.height, frame.height);
  EXPECT_TRUE(read.pixels == frame.pixels) << "decoded pixels differ";
}

TEST(PngEncoderTest, OpaqueGreyFrameIsGrey) {
  // 1.2 M pixels: two pieces even at one byte a pixel; all 256 grey levels.
  ExpectRoundTrip(MakeFrame(1200, 1000, [](size_t i) { return Grey((i * 7 + i / 1200) & 0xFF); }), 0);
}

TEST(PngEncoderTest, OnePixelFrames) {
  ExpectRoundTrip(MakeFrame(1, 1, [](size_t) { return Grey(77); }), 0);
  ExpectRoundTrip(MakeFrame(1, 1, [](size_t) { return 0x80102030u; }), 3);
}

TEST(PngEncoderTest, OneColouredPixelAtTheEndIsNotGrey) {
  // 256 grey levels plus one colour at the last pixel: 257 colours, RGB.
  const int width = 640, height = 480;
  const size_t last = static_cast<size_t>(width) * height - 1;
  ExpectRoundTrip(MakeFrame(width, height, [&](size_t i) { return i == last ? 0xFF000001u : Grey(i & 0xFF); }), 2);
  // 16 grey levels plus that colour: 17 colours, a palette.
  ExpectRoundTrip(MakeFrame(width, height, [&](size_t i) { return i == last ? 0xFF000001u : Grey(i & 0xF0); }), 3);
}

TEST(PngEncoderTest, AtMost256ColoursIsAPalette) {
  const auto colours = [](uint32_t count) {
    return [count](size_t i) { return 0xFF000000u | static_cast<uint32_t>((i * 2654435761u) % count) * 0x10305u; };
  };
  ExpectRoundTrip(MakeFrame(1100, 1000, colours(256)), 3);
  ExpectRoundTrip(MakeFrame(1100, 1000, colours(257)), 2);
}

TEST(PngEncoderTest, TranslucentFramesKeepTheirAlpha) {
  // A grey frame with one translucent pixel is not opaque grey: palette with tRNS.
  ExpectRoundTrip(MakeFrame(300, 200, [](size_t i) { return i == 599 ? 0x7F404040u : Grey(i & 0xF0); }), 3);
  // Varied alpha over many colours: RGBA.
  ExpectRoundTrip(MakeFrame(300, 200, [](size_t i) { return static_cast<uint32_t>(i * 2654435761u); }), 6);
  // A transparent background with a few colours.
  ExpectRoundTrip(MakeFrame(300, 200, [](size_t i) { return i % 3 == 0 ? 0u : 0xFF2080F0u; }), 3);
}

}  // namespace
}  // namespace stackshot
