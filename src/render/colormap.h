// Colormaps: napari's standard named set and custom colour lists.
//
// Conventions: a colormap is a list of control points in [0, 1] (first 0, last 1,
// increasing) with a colour each; Map(t) interpolates linearly between the two
// control points around t, as napari's "linear" colormaps do. Names ending in "_r"
// are the reversed maps. Lookups of unknown names fail listing the nearest names.
#pragma once

#include <string>
#include <vector>

#include "layers/image/image_appearance.h"

namespace stackshot {

class Colormap {
 public:
  Colormap(std::string name, std::vector<float> controls, std::vector<Rgba> colors);

  const std::string& name() const { return name_; }
  const std::vector<float>& controls() const { return controls_; }
  const std::vector<Rgba>& colors() const { return colors_; }
  // t is clamped to [0, 1].
  Rgba Map(float t) const;
  Colormap Reversed() const;

 private:
  std::string name_;
  std::vector<float> controls_;
  std::vector<Rgba> colors_;
};

Result<Colormap> NamedColormap(const std::string& name);
// Resolves a spec: a name, or custom colours (validated: ≥ 2 colours, controls
// matching in count, starting at 0, ending at 1, increasing).
Result<Colormap> ResolveColormap(const ColormapSpec& spec);
std::vector<std::string> ColormapNames();  // sorted, without the _r variants

}  // namespace stackshot
