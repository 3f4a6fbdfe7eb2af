// The GIF encoder: frame times that keep the average rate, the 50 fps limit, exact
// colours for frames of at most 256 colours (no speckles in flat areas), and frames
// decoded back (by the small decoder below: LZW, sub-rectangles, transparency).
#include "anim/gif_encoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "anim/gif_lzw.h"

namespace stackshot {
namespace {

// Decodes every frame of a GIF as this encoder writes it (local colour tables,
// disposal "leave in place") into full RGB frames (0xRRGGBB), and the delays.
struct Decoded {
  int width = 0, height = 0;
  std::vector<std::vector<uint32_t>> frames;
  std::vector<int> delays;
  bool ok = false;
};

std::vector<uint8_t> Unlzw(const std::vector<uint8_t>& data, size_t& at) {
  const int min = data[at++];
  std::vector<uint8_t> bytes;
  while (data[at] != 0) {
    const int n = data[at++];
    bytes.insert(bytes.end(), data.begin() + static_cast<long>(at), data.begin() + static_cast<long>(at + n));
    at += n;
  }
  ++at;
  const int clear = 1 << min, end = clear + 1;
  std::vector<std::vector<uint8_t>> table;
  auto reset = [&] {
    table.assign(clear + 2, {});
    for (int i = 0; i < clear; ++i) table[i] = {static_cast<uint8_t>(i)};
  };
  reset();
  int width = min + 1;
  size_t bit = 0;
  int previous = -1;
  std::vector<uint8_t> out;
  while (bit + width <= bytes.size() * 8) {
    int code = 0;
    for (int i = 0; i < width; ++i, ++bit) code |= ((bytes[bit / 8] >> (bit % 8)) & 1) << i;
    if (code == clear) {
      reset();
      width = min + 1;
      previous = -1;
      continue;
    }
    if (code == end) break;
    std::vector<uint8_t> entry;
    if (code < static_cast<int>(table.size())) {
      entry = table[code];
    } else {
      entry = table[previous];
      entry.push_back(table[previous][0]);
    }
    if (previous >= 0 && table.size() < 4096) {
      std::vector<uint8_t> added = table[previous];
      added.push_back(entry[0]);
      table.push_back(added);
      if (table.size() == (1u << width) && width < 12) ++width;
    }
    out.insert(out.end(), entry.begin(), entry.end());
    previous = code;
  }
  return out;
}

Decoded Decode(const std::vector<uint8_t>& gif) {
  Decoded d;
  if (gif.size() < 13 || std::string(gif.begin(), gif.begin() + 6) != "GIF89a") return d;
  d.width = gif[6] | gif[7] << 8;
  d.height = gif[8] | gif[9] << 8;
  std::vector<uint32_t> canvas(static_cast<size_t>(d.width) * d.height, 0);
  size_t at = 13;
  int transparent = -1;
  while (at < gif.size()) {
    const uint8_t kind = gif[at++];
    if (kind == 0x3b) {
      d.ok = true;
      return d;
    }
    if (kind == 0x21) {
      const uint8_t label = gif[at++];
      if (label == 0xf9) {
        transparent = (gif[at + 1] & 1) ? gif[at + 4] : -1;
        d.delays.push_back(gif[at + 2] | gif[at + 3] << 8);
      }
      while (gif[at] != 0) at += gif[at] + 1;
      ++at;
      continue;
    }
    if (kind != 0x2c) return d;
    const int x0 = gif[at] | gif[at + 1] << 8, y0 = gif[at + 2] | gif[at + 3] << 8;
    const int w = gif[at + 4] | gif[at + 5] << 8, h = gif[at + 6] | gif[at + 7] << 8;
    const uint8_t packed = gif[at + 8];
    at += 9;
    std::vector<uint32_t> colours;
    for (int i = 0; i < (2 << (packed & 7)); ++i, at += 3) colours.push_back(gif[at] << 16 | gif[at + 1] << 8 | gif[at + 2]);
    const std::vector<uint8_t> indices = Unlzw(gif, at);
    if (indices.size() != static_cast<size_t>(w) * h) return d;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const int index = indices[static_cast<size_t>(y) * w + x];
        if (index != transparent) canvas[static_cast<size_t>(y0 + y) * d.width + x0 + x] = colours[index];
      }
    }
    d.frames.push_back(canvas);
  }
  return d;
}

std::vector<uint8_t> Encode(const std::vector<std::vector<uint8_t>>& frames, int width, int height, double fps) {
  GifEncoder encoder(width, height, fps);
  std::vector<uint8_t> out;
  for (const auto& frame : frames) encoder.AddFrame(frame.data(), out);
  encoder.Finish(out);
  return out;
}

std::vector<uint32_t> Rgb(const std::vector<uint8_t>& rgba) {
  std::vector<uint32_t> rgb;
  for (size_t i = 0; i < rgba.size(); i += 4) rgb.push_back(rgba[i] << 16 | rgba[i + 1] << 8 | rgba[i + 2]);
  return rgb;
}

TEST(GifEncoderTest, DelaysKeepTheAverageRate) {
  // 7 fps: 100/7 = 14.29 cs; frame k ends at round(100 (k+1) / 7).
  std::vector<int> seven;
  for (int k = 0; k < 7; ++k) seven.push_back(GifDelay(k, 7));
  EXPECT_EQ(seven, (std::vector<int>{14, 15, 14, 14, 14, 15, 14}));
  for (double fps : {7.0, 12.0, 24.0, 29.97, 30.0, 50.0, 3.0}) {
    int sum = 0;
    for (int n = 1; n <= 500; ++n) {
      sum += GifDelay(n - 1, fps);
      ASSERT_EQ(sum, static_cast<int>(std::floor(100.0 * n / fps + 0.5))) << fps << " fps, " << n << " frames";
    }
  }
  EXPECT_EQ(GifDelay(0, 20), 5);
}

TEST(GifEncoderTest, RatesAbove50FpsAreClamped) {
  // Browsers play a frame time of 1 cs or less as 10 cs: 60 fps would give 2, 2, 1 …
  EXPECT_EQ(GifFps(60), 50);
  EXPECT_EQ(GifFps(24), 24);
  for (int k = 0; k < 20; ++k) EXPECT_EQ(GifDelay(k, 60), 2) << k;
  EXPECT_EQ(GifDelay(0, 1000), 2);
}

TEST(GifEncoderTest, FlatAreasDecodeExactly) {
  // A flat grey field with a red square and a blue line (3 colours), then a frame
  // with 200 colours: both decode to exactly their pixels, no speckle anywhere.
  const int w = 40, h = 30;
  std::vector<uint8_t> a(static_cast<size_t>(w) * h * 4, 255), b = a;
  for (int i = 0; i < w * h; ++i) {
    const int x = i % w, y = i / w;
    uint8_t* p = &a[4 * i];
    p[0] = p[1] = p[2] = 200;
    if (x > 5 && x < 15 && y > 5 && y < 15) p[0] = 255, p[1] = 0, p[2] = 0;
    if (y == 20) p[0] = 0, p[1] = 0, p[2] = 255;
    uint8_t* q = &b[4 * i];
    q[0] = static_cast<uint8_t>(i % 200), q[1] = 17, q[2] = static_cast<uint8_t>(255 - i % 200);
  }
  const Decoded d = Decode(Encode({a, b, a}, w, h, 10));
  ASSERT_TRUE(d.ok);
  ASSERT_EQ(d.frames.size(), 3u);
  EXPECT_EQ(d.frames[0], Rgb(a));
  EXPECT_EQ(d.frames[1], Rgb(b));
  EXPECT_EQ(d.frames[2], Rgb(a));
}

TEST(GifEncoderTest, ChangesOfOneLevelKeepTheShownColour) {
  // A flat field one level brighter keeps showing the earlier value (one level off,
  // still flat); two levels brighter is sent.
  const int w = 8, h = 4;
  auto flat = [&](uint8_t v) {
    std::vector<uint8_t> frame(static_cast<size_t>(w) * h * 4, 255);
    for (int i = 0; i < w * h; ++i) frame[4 * i] = frame[4 * i + 1] = frame[4 * i + 2] = v;
    return frame;
  };
  const Decoded d = Decode(Encode({flat(100), flat(101), flat(102)}, w, h, 10));
  ASSERT_EQ(d.frames.size(), 3u);
  EXPECT_EQ(d.frames[1], Rgb(flat(100)));
  EXPECT_EQ(d.frames[2], Rgb(flat(102)));
}

TEST(GifEncoderTest, ManyColoursAndMovingFramesRoundTrip) {
  // A 96×64 gradient of 6144 colours moving one pixel per frame: the reduced
  // palette stays close (mean error per channel under 5 levels; 3.9 measured) and flat areas
  // stay exact; an unchanged frame keeps the picture.
  const int w = 96, h = 64;
  std::vector<std::vector<uint8_t>> frames;
  for (int f = 0; f < 5; ++f) {
    std::vector<uint8_t> frame(static_cast<size_t>(w) * h * 4, 255);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        uint8_t* p = &frame[4 * (static_cast<size_t>(y) * w + x)];
        const bool flat = x >= 80;
        p[0] = flat ? 10 : static_cast<uint8_t>((x + f) * 2);
        p[1] = flat ? 20 : static_cast<uint8_t>(y * 4);
        p[2] = flat ? 30 : static_cast<uint8_t>((x * 7 + y) & 255);
      }
    }
    frames.push_back(frame);
  }
  frames.push_back(frames.back());
  const std::vector<uint8_t> gif = Encode(frames, w, h, 20);
  const Decoded d = Decode(gif);
  ASSERT_TRUE(d.ok);
  ASSERT_EQ(d.frames.size(), frames.size());
  EXPECT_EQ(d.delays, (std::vector<int>(frames.size(), 5)));
  for (size_t f = 0; f < frames.size(); ++f) {
    const std::vector<uint32_t> want = Rgb(frames[f]);
    double error = 0;
    for (size_t i = 0; i < want.size(); ++i) {
      for (int shift : {0, 8, 16}) error += std::abs(int((want[i] >> shift) & 255) - int((d.frames[f][i] >> shift) & 255));
      if (static_cast<int>(i % w) >= 80) {
        ASSERT_EQ(d.frames[f][i], want[i]) << "frame " << f << " pixel " << i;
      }
    }
    EXPECT_LT(error / (want.size() * 3), 5.0) << "frame " << f;
  }
  EXPECT_EQ(d.frames[5], d.frames[4]);
  EXPECT_EQ(Encode(frames, w, h, 20), gif);  // the same bytes again
}

TEST(GifLzwTest, LongInputsRestartTheTable) {
  // Enough varied indices to fill the 4096 codes several times.
  std::vector<uint8_t> indices(200000);
  uint32_t state = 1;
  for (uint8_t& index : indices) {
    state = state * 1103515245u + 12345u;
    index = static_cast<uint8_t>((state >> 16) & 255);
  }
  std::vector<uint8_t> data;
  AppendGifLzw(indices.data(), indices.size(), 8, data);
  size_t at = 0;
  EXPECT_EQ(Unlzw(data, at), indices);
  EXPECT_EQ(at, data.size());
  for (int min : {2, 3, 5}) {
    std::vector<uint8_t> small(5000);
    for (size_t i = 0; i < small.size(); ++i) small[i] = static_cast<uint8_t>((i * i / 7) % (1 << min));
    data.clear();
    AppendGifLzw(small.data(), small.size(), min, data);
    at = 0;
    EXPECT_EQ(Unlzw(data, at), small) << min;
  }
}

}  // namespace
}  // namespace stackshot
