// How a labels layer looks: everything the drawer needs besides the slice.
//
// Conventions (napari's Labels): every pixel holds the integer id of its region.
// Without a colour dict a label gets napari's default pseudo-random colour (its
// label_colormap(49) with seed 0.5, cycling every 49 labels); 0 is transparent. With
// a colour dict (napari's DirectLabelColormap) each listed label gets its colour,
// others the dict's default (transparent when none is given), and 0 is transparent
// unless the dict lists it. show_selected_label draws only selected_label. contour
// > 0 draws only the region boundaries, that many pixels thick (napari's
// get_contours). Labels are never interpolated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "layers/image/image_appearance.h"
#include "layers/layer.h"

namespace stackshot {

// A label as users write it: any integer from -2^63 to 2^64 - 1, kept exactly.
class LabelId {
 public:
  LabelId() = default;
  static LabelId Signed(int64_t value);
  static LabelId Unsigned(uint64_t value);
  // "12", "-3", "18446744073709551615"; fails on anything else, or out of range.
  static Result<LabelId> Parse(const std::string& text);

  // The value in a signed or unsigned data type, when it fits there.
  std::optional<int64_t> AsSigned() const;
  std::optional<uint64_t> AsUnsigned() const;
  std::string ToString() const;
  bool operator==(const LabelId& other) const = default;

 private:
  bool negative_ = false;
  uint64_t magnitude_ = 0;
};

struct LabelsAppearance {
  // Empty: napari's default colours. Else a direct colour dict.
  std::vector<std::pair<LabelId, Rgba>> colors;
  std::optional<Rgba> default_color;  // the dict's colour for labels it does not list
  bool direct() const { return !colors.empty() || default_color.has_value(); }
  int contour = 0;                    // ≥ 0
  LabelId selected_label = LabelId::Signed(1);
  bool show_selected_label = false;
  double opacity = 0.7;
  Blending blending = Blending::kTranslucent;
};

}  // namespace stackshot
