// The colours of one GIF frame: at most 256 palette entries and each pixel's index.
//
// - A frame of at most 256 colours (255 when some pixels stay transparent) gets
//   exactly its colours, sorted: every pixel decodes to its own value, so flat areas
//   and colormapped renders are lossless.
// - More colours are reduced by median cut on the frame's colour histogram: the box
//   with the largest squared error is split, along whichever axis and at whichever
//   point leaves the two halves the smallest error, until there are enough boxes;
//   each entry is its box's mean. Each colour then takes its nearest entry. There is
//   no dithering, so a flat area stays flat (no speckles).
// - Integer arithmetic only, and every choice breaks ties by a fixed rule, so the
//   palette and indices depend only on the pixels, not on the order they come in,
//   earlier frames or the machine.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace stackshot {

// A pixel to leave as it is shown (the transparent index); colours are 0xRRGGBB.
inline constexpr uint32_t kGifKeep = 0xff000000u;

struct GifPalette {
  std::vector<uint32_t> colours;  // 0xRRGGBB; the transparent entry (if any) is last
  int transparent = -1;           // its index, or -1 when every pixel has a colour
};

class GifQuantizer {
 public:
  GifQuantizer();
  ~GifQuantizer();
  GifQuantizer(const GifQuantizer&) = delete;
  GifQuantizer& operator=(const GifQuantizer&) = delete;

  // The palette of `pixels` (0xRRGGBB or kGifKeep) and each pixel's index; with
  // `transparent` a transparent entry is made even if no pixel is kGifKeep.
  void Quantize(const std::vector<uint32_t>& pixels, bool transparent, GifPalette& palette,
                std::vector<uint8_t>& indices);

 private:
  struct State;  // the histogram and work buffers, reused from frame to frame
  std::unique_ptr<State> state_;
};

}  // namespace stackshot
