#include "layers/image/multiscale.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace stackshot {
namespace {

// Floors or ceils a coordinate into int64 without overflow on absurd views.
int64_t ToIndex(double value) {
  constexpr double kLimit = 4e18;
  if (!(value > -kLimit)) return static_cast<int64_t>(-kLimit);
  if (!(value < kLimit)) return static_cast<int64_t>(kLimit);
  return static_cast<int64_t>(value);
}

}  // namespace

Status CheckLevelsShrink(const std::vector<Shape>& shapes) {
  for (size_t level = 1; level < shapes.size(); ++level) {
    const Shape& previous = shapes[level - 1];
    const Shape& shape = shapes[level];
    const std::string where = "level " + std::to_string(level) + " (" + ShapeToString(shape) + ")";
    if (shape.size() != previous.size()) {
      return InvalidArgumentError(where + " has " + std::to_string(shape.size()) + " dims, level " +
                                  std::to_string(level - 1) + " has " + std::to_string(previous.size()));
    }
    bool smaller = false;
    for (size_t axis = 0; axis < shape.size(); ++axis) {
      if (shape[axis] > previous[axis]) {
        return InvalidArgumentError(where + " is larger than level " + std::to_string(level - 1) + " (" +
                                    ShapeToString(previous) + ") on axis " + std::to_string(axis) +
                                    ": pyramid levels must shrink, finest first");
      }
      smaller = smaller || shape[axis] < previous[axis];
    }
    if (!smaller) {
      return InvalidArgumentError(where + " does not shrink from level " + std::to_string(level - 1) + " (" +
                                  ShapeToString(previous) + "): pyramid levels must shrink, finest first");
    }
  }
  return Status::Ok();
}

std::vector<std::vector<double>> DownsampleFactors(const std::vector<Shape>& shapes) {
  std::vector<std::vector<double>> factors;
  for (const Shape& shape : shapes) {
    std::vector<double> row;
    for (size_t axis = 0; axis < shape.size(); ++axis) {
      row.push_back(static_cast<double>(shapes[0][axis]) / static_cast<double>(std::max<int64_t>(shape[axis], 1)));
    }
    factors.push_back(std::move(row));
  }
  return factors;
}

LevelTile ChooseLevelAndTile(const std::vector<Shape>& shapes, const std::array<int, 2>& displayed,
                             const Affine& plane_to_world, const SliceView& view) {
  LevelTile tile;
  const auto factors = DownsampleFactors(shapes);
  auto whole = [&](int level) {
    tile.level = level;
    for (int i = 0; i < 2; ++i) {
      tile.start[i] = 0;
      tile.count[i] = shapes[level][displayed[i]];
    }
    return tile;
  };
  Result<Affine> world_to_plane = plane_to_world.Inverse();
  if (!view.known() || !world_to_plane.ok()) return whole(static_cast<int>(shapes.size()) - 1);

  // The data box covering the four canvas corners, rounded outwards (napari's
  // data_bbox_int).
  double lo[2] = {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
  double hi[2] = {-lo[0], -lo[1]};
  for (double y : {view.world_min[0], view.world_max[0]}) {
    for (double x : {view.world_min[1], view.world_max[1]}) {
      const std::vector<double> corner = {y, x};
      const std::vector<double> data = world_to_plane->Apply(corner);
      for (int i = 0; i < 2; ++i) {
        lo[i] = std::min(lo[i], data[i]);
        hi[i] = std::max(hi[i], data[i]);
      }
    }
  }
  int64_t box_lo[2], box_hi[2];
  for (int i = 0; i < 2; ++i) {
    box_lo[i] = ToIndex(std::floor(lo[i]));
    box_hi[i] = ToIndex(std::ceil(hi[i]));
  }

  // The coarsest level still finer than the canvas on both axes.
  int level = 0;
  for (int candidate = 0; candidate < static_cast<int>(shapes.size()); ++candidate) {
    bool fine_enough = true;
    for (int i = 0; i < 2; ++i) {
      const double requested = static_cast<double>(box_hi[i] - box_lo[i]);
      fine_enough = fine_enough && requested / factors[candidate][displayed[i]] > view.canvas_size[i];
    }
    if (fine_enough) level = candidate;
  }

  tile.level = level;
  for (int i = 0; i < 2; ++i) {
    const double factor = factors[level][displayed[i]];
    const int64_t max_index = shapes[level][displayed[i]] - 1;
    const int64_t first = std::clamp<int64_t>(ToIndex(std::floor(static_cast<double>(box_lo[i]) / factor)), 0, max_index);
    const int64_t last = std::clamp<int64_t>(ToIndex(std::ceil(static_cast<double>(box_hi[i]) / factor)), 0, max_index);
    tile.start[i] = first;
    tile.count[i] = last - first + 1;
  }
  return tile;
}

Affine LevelTileToData(const LevelTile& tile, const std::array<double, 2>& factors) {
  std::array<double, 2> offset;
  for (int i = 0; i < 2; ++i) {
    offset[i] = static_cast<double>(tile.start[i]) * factors[i] + (factors[i] - 1) / 2;
  }
  return Affine::FromParts({factors[0], 0, 0, factors[1]}, {offset[0], offset[1]});
}

}  // namespace stackshot
