// napari's multiscale rules (2D display): which pyramid level to read and the tile
// of it that covers the canvas ("corner pixels").
//
// Conventions: level 0 is the finest. downsample_factors[level][axis] =
// shape0[axis] / shape_level[axis]. The level is the coarsest whose requested extent
// on each displayed axis, divided by its factor, still exceeds the canvas size in
// pixels on that axis (napari's compute_multiscale_level), else 0. The tile is
// floor(min corner / factor) .. ceil(max corner / factor), clipped to the level's
// shape, both ends included. The data → level-pixel relation is napari's
// tile2data: level pixel i sits at data coordinate i × factor.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "layers/layer.h"
#include "nd/affine.h"
#include "nd/array.h"

namespace stackshot {

// Checks that every level has the rank of level 0 and is no larger on any axis and
// smaller on at least one than the level before: "level 2 (64×64) does not shrink
// from level 1 (64×64): pyramid levels must shrink, finest first".
Status CheckLevelsShrink(const std::vector<Shape>& shapes);

// shape0[axis] / shape[axis] for every level and axis.
std::vector<std::vector<double>> DownsampleFactors(const std::vector<Shape>& shapes);

struct LevelTile {
  int level = 0;
  // Per displayed axis (rows, columns): first pixel and count at `level`.
  std::array<int64_t, 2> start = {0, 0};
  std::array<int64_t, 2> count = {0, 0};
};

// `displayed` are the two data axes shown (rows, columns); `plane_to_world` maps
// level-0 data coordinates on them to the displayed world axes. An unknown view
// reads the coarsest level whole.
LevelTile ChooseLevelAndTile(const std::vector<Shape>& shapes, const std::array<int, 2>& displayed,
                             const Affine& plane_to_world, const SliceView& view);

}  // namespace stackshot
