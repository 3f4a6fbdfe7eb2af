// napari's default label colours: label_colormap(49, seed=0.5) of napari 0.5–0.6,
// which a Labels layer uses unless given a colour dict.
//
// How napari makes them, reproduced step by step: points of the 3-D low-discrepancy
// sequence (seed + n / (φ1, φ2, φ3)) mod 1 are scaled into CIE-LAB's range, converted
// LAB → XYZ (D65, 2°) → sRGB as scikit-image does, and those outside [0, 1] dropped;
// the first 51 are kept. Label values 0..50 are placed by napari's 1-D
// low-discrepancy image (float32 arithmetic, margin 1/256) on 50 control points,
// which picks the colour of each of the 50 table entries; the colours are then
// truncated to 8 bits (uint8(c × 255) / 255). A label v ≠ 0 takes entry
// (v - 1) mod 49 + 1 (napari's zero_preserving_modulo, with mathematical modulo for
// negative labels); 0 is transparent. napari's own test values for labels 1–10 are
// checked in tests/render/label_colormap_test.cc.
#pragma once

#include <array>
#include <cstdint>

#include "layers/image/image_appearance.h"

namespace stackshot {

inline constexpr int kLabelColorCycle = 49;

// Entry 0 is the (transparent) background; entries 1..49 are opaque colours. Stored
// as 8-bit values, so they do not depend on the machine's libm.
const std::array<Rgba, kLabelColorCycle + 1>& NapariLabelColors();
// The same table recomputed step by step from napari's algorithm (for the test that
// keeps the stored table honest).
std::array<Rgba, kLabelColorCycle + 1> ComputeNapariLabelColors();

// The table entry of a label value: 0 for 0, else (v - 1) mod 49 + 1.
inline int LabelColorIndex(int64_t value) {
  if (value == 0) return 0;
  // (v - 1) mod 49 without overflow at INT64_MIN: v mod 49 is in (-49, 49).
  const int64_t r = value % kLabelColorCycle;
  return static_cast<int>((r - 1 + 2 * kLabelColorCycle) % kLabelColorCycle) + 1;
}
inline int LabelColorIndex(uint64_t value) {
  if (value == 0) return 0;
  return static_cast<int>((value - 1) % kLabelColorCycle) + 1;
}

}  // namespace stackshot
