// How a points layer looks: everything the drawer needs besides the slice.
//
// Conventions (napari's Points, vispy's markers):
// - `size` (in the slice response) is the marker's diameter in world units; on
//   screen it is size × zoom pixels, clamped to canvas_size_limits (napari's
//   default (2, 10000) px).
// - The border is centred on the symbol's outline. border_width is a fraction of
//   the size when border_width_is_relative (napari's default, 0.05), else world
//   units.
// - Colours follow napari's colour modes: direct (one colour, or one per point), a
//   cycle over a categorical feature (values in sorted order take the cycle's
//   colours in turn, as napari's CategoricalColormap assigns them), or a colormap
//   over a numeric feature with contrast limits (default: the feature's min/max).
//   render/ resolves them; layers/ only records them.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "layers/image/image_appearance.h"
#include "layers/layer.h"
#include "layers/points/points_data.h"

namespace stackshot {

// napari's Symbol enum, in its order.
enum class PointSymbol {
  kArrow, kClobber, kCross, kDiamond, kDisc, kHbar, kRing, kSquare, kStar, kTailedArrow,
  kTriangleDown, kTriangleUp, kVbar, kX,
};
const char* PointSymbolName(PointSymbol symbol);
std::vector<PointSymbol> AllPointSymbols();
// napari's names and its aliases ("o", "+", "s", "->", ">", "^", "v", "|", "-", "*").
Result<PointSymbol> ParsePointSymbol(const std::string& name);

struct PointColor {
  enum class Mode { kDirect, kCycle, kColormap };
  Mode mode = Mode::kDirect;
  Rgba color = {1, 1, 1, 1};      // direct, every point
  std::vector<Rgba> per_point;    // direct, one per point when not empty
  std::string feature;            // cycle and colormap
  std::vector<Rgba> cycle;        // cycle: at least one colour
  ColormapSpec colormap;          // colormap
  std::optional<std::array<double, 2>> contrast_limits;  // colormap; unset: min/max
};

inline PointColor DirectPointColor(Rgba color) {
  PointColor c;
  c.color = color;
  return c;
}

// napari's default colour cycle for categorical features (its "default" cycle:
// matplotlib's tab10).
std::vector<Rgba> DefaultColorCycle();

struct PointsAppearance {
  PointSymbol symbol = PointSymbol::kDisc;
  std::vector<PointSymbol> symbols;  // one per data point, or empty: `symbol` for all
  PointColor face_color;                                 // white
  PointColor border_color = DirectPointColor({0.4117647f, 0.4117647f, 0.4117647f, 1});  // dimgray
  double border_width = 0.05;
  std::vector<double> border_widths;  // one per data point, or empty: border_width for all
  bool border_width_is_relative = true;
  std::array<double, 2> canvas_size_limits = {2, 10000};  // screen pixels
  double opacity = 1.0;
  Blending blending = Blending::kTranslucent;
  // The layer's data, for colours by feature (indices in the response refer to it).
  std::shared_ptr<const PointsData> data;
};

// Checks the per-point arrays (border_widths, symbols): empty or one per point.
Status CheckPerPointCounts(const PointsAppearance& style, int64_t points);

// Checks a colour against the data: per-point counts, the feature's existence
// and kind, a non-empty cycle. `what` names it ("face_color").
Status CheckPointColor(const PointColor& color, const PointsData& data, const std::string& what);

}  // namespace stackshot
