// Animated GIF encoding, one frame at a time (memory: two frames).
//
// - Timing: GIF frame times are whole hundredths of a second. Frame k lasts
//   round(100 (k + 1) / fps) − round(100 k / fps) cs, so the rounding is spread and
//   any first n frames last round(100 n / fps) cs: 7 fps gives 14, 15, 14, 14, 14, 15,
//   14 cs, not 14 every frame (which would play at 7.14 fps). Browsers play a frame
//   time of 1 cs or less as 10 cs, so above kGifMaxFps the rate is clamped to it
//   (GifFps; the command warns).
// - Size: after the first frame only the rectangle around the pixels that changed is
//   stored, and the pixels in it that did not change are transparent, so they keep
//   showing the earlier frame ("leave in place"). So is a changed pixel whose shown
//   colour is at most one level off in each channel, or at least as close to its
//   new colour as the new palette's entry: a pixel's error stays within one level
//   or what its own frame's palette gives, and a slow colour change costs far fewer
//   bytes. An unchanged frame is one transparent pixel.
// - Colours: each frame's own palette over the pixels it stores (gif_palette.h):
//   exact when they have at most 255 colours (256 in the first frame), else median
//   cut, never dithered.
// - Alpha is dropped, as in a video: a frame's pixels are its RGB values.
// - The file loops forever (the NETSCAPE2.0 extension). The bytes depend only on the
//   frames and the frame rate.
#pragma once

#include <cstdint>
#include <vector>

#include "anim/gif_palette.h"

namespace stackshot {

inline constexpr double kGifMaxFps = 50;

// The rate a GIF is written at: `fps`, or kGifMaxFps above it.
double GifFps(double fps);

// Frame `frame`'s time in hundredths of a second at GifFps(fps) (at most 65535).
int GifDelay(int64_t frame, double fps);

class GifEncoder {
 public:
  // Sides 1 to 65535 (the format's limit; the caller checks).
  GifEncoder(int width, int height, double fps);

  // Appends one frame (RGBA8, width × height × 4 bytes) to `out`, after the file's
  // header for the first.
  void AddFrame(const uint8_t* rgba, std::vector<uint8_t>& out);
  // Appends the end of the file (after the header if there was no frame).
  void Finish(std::vector<uint8_t>& out);

 private:
  void AppendHeader(std::vector<uint8_t>& out) const;

  int width_, height_;
  double fps_;
  int64_t frames_ = 0;
  std::vector<uint32_t> source_;   // each pixel's colour (0xRRGGBB) in the last frame
  std::vector<uint32_t> shown_;    // what a decoder shows there (its palette entry)
  std::vector<uint32_t> current_;  // the frame being added
  std::vector<uint32_t> region_;   // its stored rectangle: colours, or kGifKeep
  std::vector<uint8_t> indices_;
  GifPalette palette_;
  GifQuantizer quantizer_;
};

}  // namespace stackshot
