// napari's multiscale rules (2D display): which pyramid level to read and the tile
// of it that covers the canvas ("corner pixels").
//
// Conventions: level 0 is the finest. downsample_factors[level][axis] =
// shape0[axis] / shape_level[axis]. The level is the coarsest whose requested extent
// on each displayed axis, divided by its factor, still exceeds the canvas size in
// pixels on that axis (napari's compute_multiscale_level), else 0. The tile is
// floor(min corner / factor) .. ceil(max corner / factor), clipped to the level's
// shape, both ends included. Placement: level pixel i covers level-0 pixels
// [i × f, (i + 1) × f), so its centre is at i × f + (f − 1) / 2 in level-0 pixel
// coordinates, where napari shows it (tile2data plus its half-pixel offset).
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

// Tile pixels (rows, columns) → level-0 data coordinates on the displayed axes, for
// `factors` the level's downsample factors there: tile pixel i is centred at
// (start + i) × f + (f − 1) / 2. f = 2 puts level pixel 0 at 0.5, f = 4 at 1.5; its
// pixel edges fall on level-0 pixel edges.
Affine LevelTileToData(const LevelTile& tile, const std::array<double, 2>& factors);

}  // namespace stackshot
