#include "render/png_encoder.h"

#include <zlib.h>

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace stackshot
