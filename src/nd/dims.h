// Dims: the viewer's slicing position, and napari's rules for ranges, steps,
// extents and rounding.
//
// Conventions: world axes are numpy-ordered (slowest first). A layer with fewer dims
// than the world aligns to the trailing world axes. `point` is in world units;
// `current_step` is derived from it with round-half-to-even, as numpy rounds.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "nd/affine.h"
#include "nd/array.h"

namespace stackshot {

// Rounds half to even: 0.5 → 0, 1.5 → 2, 2.5 → 2 (numpy's np.round).
double RoundHalfEven(double value);

// A layer's extent in its own world axes (the layer's ndim).
struct WorldExtent {
  std::vector<double> min;   // over the 2^D transformed corners of [0, shape-1]
  std::vector<double> max;
  std::vector<double> step;  // world size of one data step per axis (its scale)
};

WorldExtent ComputeWorldExtent(const Shape& shape, const Affine& data_to_world);
// The extent of the data box [low, high] per axis (e.g. the bounding box of points).
WorldExtent ComputeBoxExtent(const std::vector<double>& low, const std::vector<double>& high,
                             const Affine& data_to_world);
// The extent of column-wise coordinates (columns[axis][row], one column per axis):
// their per-axis bounding box grown by `grow` on each side. No rows: the box [0, 1].
WorldExtent ComputeColumnsExtent(const std::vector<std::vector<double>>& columns, double grow,
                                 const Affine& data_to_world);
// The pixel-edge ("augmented") extent: corners of [-0.5, shape-0.5].
WorldExtent ComputePixelEdgeExtent(const Shape& shape, const Affine& data_to_world);

struct AxisRange {
  double start = 0;
  double stop = 0;
  double step = 1;
  int64_t nsteps() const;  // number of slider positions: round((stop-start)/step) + 1
};

// Range per world axis over all layers (each aligned to the trailing axes):
// (min start, max stop, smallest step). A world of 0 layers has range (0, 0, 1)
// on each axis.
std::vector<AxisRange> ComputeDimsRange(std::span<const WorldExtent> layers, int world_ndim);

class Dims {
 public:
  Dims() = default;
  explicit Dims(int ndim);

  int ndim() const { return static_cast<int>(point_.size()); }
  int ndisplay() const { return ndisplay_; }
  const std::vector<int>& order() const { return order_; }
  const std::vector<double>& point() const { return point_; }
  const std::vector<double>& margin_left() const { return margin_left_; }
  const std::vector<double>& margin_right() const { return margin_right_; }
  const std::vector<AxisRange>& range() const { return range_; }
  const std::vector<std::string>& axis_labels() const { return axis_labels_; }

  // Displayed axes: the last `ndisplay` of `order`; the rest are not displayed.
  std::vector<int> displayed() const;
  std::vector<int> not_displayed() const;
  // round_half_even((point - start) / step) per axis.
  std::vector<int64_t> current_step() const;

  Status SetNDisplay(int ndisplay);
  Status SetOrder(std::vector<int> order);  // must be a permutation
  // Sets the range; the point is clipped into it.
  void SetRange(std::vector<AxisRange> range);
  // Each value is clipped to its axis range.
  Status SetPoint(std::vector<double> point);
  // Every axis to step int((nsteps - 1) / 2) of its range, where napari opens new
  // data (Dims._go_to_center_step): 24 planes open at plane 11, 25 at plane 12.
  void GoToCenterStep();
  void SetPointOnAxis(int axis, double value);
  Status SetMargins(std::vector<double> left, std::vector<double> right);
  Status SetAxisLabels(std::vector<std::string> labels);

 private:
  int ndisplay_ = 2;
  std::vector<int> order_;
  std::vector<double> point_;
  std::vector<double> margin_left_;
  std::vector<double> margin_right_;
  std::vector<AxisRange> range_;
  std::vector<std::string> axis_labels_;
};

}  // namespace stackshot
