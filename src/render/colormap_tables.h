// Private to render/: the sampled colormap tables generated from matplotlib by
// configs/colormaps/generate_tables.py (colormap_tables.cc).
#pragma once

#include <span>

namespace stackshot {

struct ColormapTable {
  const char* name;
  const float* rgba;  // count × 4, straight RGBA at evenly spaced controls
  int count;
};

// Sorted by name.
std::span<const ColormapTable> SampledColormapTables();

}  // namespace stackshot
