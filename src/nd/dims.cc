#include "nd/dims.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace stackshot {

// std::round rounds halves away from zero; numpy rounds them to even. std::nearbyint
// rounds in the current floating-point rounding mode, which is round-to-nearest-even
// unless someone calls fesetround (nothing in stackshot does), and unlike std::rint it
// never raises FE_INEXACT.
double RoundHalfEven(double value) { return std::nearbyint(value); }

// Extent of the box [low, high] per data axis. For each output axis the corner with
// the smallest (largest) value takes, on every input axis, the end whose product with
// the matrix entry is smaller (larger); summing those products in the same order as
// Affine::Apply gives exactly the min (max) over all 2^D corners, because rounded
// addition is monotone, without visiting 2^D corners.
WorldExtent ComputeBoxExtent(const std::vector<double>& low, const std::vector<double>& high,
                             const Affine& data_to_world) {
  const int n = data_to_world.ndim();
  assert(low.size() == static_cast<size_t>(n) && high.size() == static_cast<size_t>(n));
  WorldExtent extent;
  extent.min.assign(n, 0.0);
  extent.max.assign(n, 0.0);
  for (int r = 0; r < n; ++r) {
    double min_sum = 0.0;
    double max_sum = 0.0;
    for (int c = 0; c < n; ++c) {
      const double a = data_to_world.linear(r, c) * low[c];
      const double b = data_to_world.linear(r, c) * high[c];
      min_sum += std::min(a, b);
      max_sum += std::max(a, b);
    }
    extent.min[r] = min_sum + data_to_world.translation(r);
    extent.max[r] = max_sum + data_to_world.translation(r);
  }
  extent.step = data_to_world.ColumnScales();
  return extent;
}

WorldExtent ComputeColumnsExtent(const std::vector<std::vector<double>>& columns, double grow,
                                 const Affine& data_to_world) {
  const size_t n = columns.size();
  std::vector<double> low(n, 0.0), high(n, 1.0);
  if (n > 0 && !columns[0].empty()) {
    for (size_t axis = 0; axis < n; ++axis) {
      const auto [min, max] = std::minmax_element(columns[axis].begin(), columns[axis].end());
      low[axis] = *min - grow;
      high[axis] = *max + grow;
    }
  }
  return ComputeBoxExtent(low, high, data_to_world);
}

WorldExtent ComputeWorldExtent(const Shape& shape, const Affine& data_to_world) {
  std::vector<double> low(shape.size(), 0.0);
  std::vector<double> high(shape.size());
  for (size_t i = 0; i < shape.size(); ++i) high[i] = static_cast<double>(shape[i] - 1);
  return ComputeBoxExtent(low, high, data_to_world);
}

WorldExtent ComputePixelEdgeExtent(const Shape& shape, const Affine& data_to_world) {
  std::vector<double> low(shape.size(), -0.5);
  std::vector<double> high(shape.size());
  for (size_t i = 0; i < shape.size(); ++i) high[i] = static_cast<double>(shape[i]) - 0.5;
  return ComputeBoxExtent(low, high, data_to_world);
}

int64_t AxisRange::nsteps() const {
  if (!(step > 0.0) || !(stop >= start)) return 1;
  return static_cast<int64_t>(RoundHalfEven((stop - start) / step)) + 1;
}

std::vector<AxisRange> ComputeDimsRange(std::span<const WorldExtent> layers, int world_ndim) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> start(world_ndim, kInf), stop(world_ndim, -kInf), step(world_ndim, kInf);
  for (const WorldExtent& layer : layers) {
    const int layer_ndim = static_cast<int>(layer.min.size());
    // Trailing alignment: layer axis i is world axis offset + i.
    const int offset = world_ndim - layer_ndim;
    for (int i = std::max(0, -offset); i < layer_ndim; ++i) {
      const int axis = offset + i;
      start[axis] = std::min(start[axis], layer.min[i]);
      stop[axis] = std::max(stop[axis], layer.max[i]);
      if (i < static_cast<int>(layer.step.size())) step[axis] = std::min(step[axis], layer.step[i]);
    }
  }
  std::vector<AxisRange> range(world_ndim);
  for (int axis = 0; axis < world_ndim; ++axis) {
    if (start[axis] == kInf) continue;  // no layer reaches this axis: (0, 0, 1)
    range[axis].start = start[axis];
    range[axis].stop = stop[axis];
    range[axis].step = step[axis] == kInf ? 1.0 : step[axis];
  }
  return range;
}

namespace {

std::string Count(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

Status CheckLength(size_t got, int ndim, const char* name) {
  if (got == static_cast<size_t>(ndim)) return Status::Ok();
  return InvalidArgumentError(std::string(name) + ": expected " +
                              Count(static_cast<size_t>(ndim), "value") + ", got " +
                              std::to_string(got));
}

double Clip(double value, const AxisRange& range) {
  return std::clamp(value, range.start, std::max(range.start, range.stop));
}

std::vector<std::string> DefaultLabels(int ndim) {
  std::vector<std::string> labels;
  for (int i = 0; i < ndim; ++i) labels.push_back(std::to_string(i));
  return labels;
}

}  // namespace

Dims::Dims(int ndim)
    : ndisplay_(std::min(2, std::max(ndim, 0))),
      point_(std::max(ndim, 0), 0.0),
      margin_left_(std::max(ndim, 0), 0.0),
      margin_right_(std::max(ndim, 0), 0.0),
      range_(std::max(ndim, 0)),
      axis_labels_(DefaultLabels(ndim)) {
  for (int i = 0; i < ndim; ++i) order_.push_back(i);
}

std::vector<int> Dims::displayed() const {
  const size_t n = std::min(order_.size(), static_cast<size_t>(std::max(ndisplay_, 0)));
  return std::vector<int>(order_.end() - static_cast<std::ptrdiff_t>(n), order_.end());
}

std::vector<int> Dims::not_displayed() const {
  const size_t n = std::min(order_.size(), static_cast<size_t>(std::max(ndisplay_, 0)));
  return std::vector<int>(order_.begin(), order_.end() - static_cast<std::ptrdiff_t>(n));
}

std::vector<int64_t> Dims::current_step() const {
  std::vector<int64_t> steps(point_.size());
  for (size_t i = 0; i < point_.size(); ++i) {
    const AxisRange& r = range_[i];
    if (!(r.step > 0.0)) continue;  // a degenerate step has only position 0
    steps[i] = static_cast<int64_t>(RoundHalfEven((point_[i] - r.start) / r.step));
  }
  return steps;
}

Status Dims::SetNDisplay(int ndisplay) {
  if (ndisplay != 2 && ndisplay != 3) {
    return InvalidArgumentError("ndisplay: expected 2 or 3, got " + std::to_string(ndisplay));
  }
  if (ndisplay > ndim()) {
    return InvalidArgumentError("ndisplay: " + std::to_string(ndisplay) + " exceeds the " +
                                Count(static_cast<size_t>(ndim()), "dimension"));
  }
  ndisplay_ = ndisplay;
  return Status::Ok();
}

Status Dims::SetOrder(std::vector<int> order) {
  std::vector<int> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  bool permutation = static_cast<int>(order.size()) == ndim();
  for (size_t i = 0; permutation && i < sorted.size(); ++i) {
    permutation = sorted[i] == static_cast<int>(i);
  }
  if (!permutation) {
    std::string listed;
    for (int axis : order) listed += (listed.empty() ? "" : ", ") + std::to_string(axis);
    return InvalidArgumentError("order: expected a permutation of 0.." + std::to_string(ndim() - 1) +
                                ", got [" + listed + "]");
  }
  order_ = std::move(order);
  return Status::Ok();
}

void Dims::SetRange(std::vector<AxisRange> range) {
  // A range of another length changes ndim, as napari's dims follow the layers: axes
  // are added or dropped at the front (the world aligns to the trailing axes).
  const int old_ndim = ndim();
  const int new_ndim = static_cast<int>(range.size());
  if (new_ndim > old_ndim) {
    const int added = new_ndim - old_ndim;
    const bool default_labels = axis_labels_ == DefaultLabels(old_ndim);
    std::vector<int> order;
    for (int i = 0; i < added; ++i) order.push_back(i);
    for (int axis : order_) order.push_back(axis + added);
    order_ = std::move(order);
    point_.insert(point_.begin(), added, 0.0);
    margin_left_.insert(margin_left_.begin(), added, 0.0);
    margin_right_.insert(margin_right_.begin(), added, 0.0);
    if (default_labels) {
      axis_labels_ = DefaultLabels(new_ndim);
    } else {
      std::vector<std::string> labels = DefaultLabels(added);
      labels.insert(labels.end(), axis_labels_.begin(), axis_labels_.end());
      axis_labels_ = std::move(labels);
    }
    if (ndisplay_ < 2) ndisplay_ = std::min(2, new_ndim);
  } else if (new_ndim < old_ndim) {
    const int dropped = old_ndim - new_ndim;
    // Keep the surviving axes in their relative display order.
    std::vector<int> order;
    for (int axis : order_) {
      if (axis >= dropped) order.push_back(axis - dropped);
    }
    order_ = std::move(order);
    point_.erase(point_.begin(), point_.begin() + dropped);
    margin_left_.erase(margin_left_.begin(), margin_left_.begin() + dropped);
    margin_right_.erase(margin_right_.begin(), margin_right_.begin() + dropped);
    axis_labels_.erase(axis_labels_.begin(), axis_labels_.begin() + dropped);
    ndisplay_ = std::min(ndisplay_, new_ndim);
  }
  range_ = std::move(range);
  for (int i = 0; i < new_ndim; ++i) point_[i] = Clip(point_[i], range_[i]);
}

Status Dims::SetPoint(std::vector<double> point) {
  RETURN_IF_ERROR(CheckLength(point.size(), ndim(), "point"));
  for (size_t i = 0; i < point.size(); ++i) {
    if (!std::isfinite(point[i])) {
      return InvalidArgumentError("point: axis " + std::to_string(i) + " is not finite");
    }
  }
  for (size_t i = 0; i < point.size(); ++i) point_[i] = Clip(point[i], range_[i]);
  return Status::Ok();
}

void Dims::GoToCenterStep() {
  for (size_t i = 0; i < point_.size(); ++i) {
    const AxisRange& r = range_[i];
    // nsteps >= 1, so the integer division is napari's int() of a non-negative.
    const int64_t step = (r.nsteps() - 1) / 2;
    point_[i] = Clip(r.start + static_cast<double>(step) * r.step, r);
  }
}

void Dims::SetPointOnAxis(int axis, double value) {
  // Out-of-range axes and non-finite values are caller bugs; leave the point alone.
  if (axis < 0 || axis >= ndim() || !std::isfinite(value)) return;
  point_[axis] = Clip(value, range_[axis]);
}

Status Dims::SetMargins(std::vector<double> left, std::vector<double> right) {
  RETURN_IF_ERROR(CheckLength(left.size(), ndim(), "margin_left"));
  RETURN_IF_ERROR(CheckLength(right.size(), ndim(), "margin_right"));
  for (int i = 0; i < ndim(); ++i) {
    if (!(left[i] >= 0.0) || !std::isfinite(left[i])) {
      return InvalidArgumentError("margin_left: axis " + std::to_string(i) +
                                  " must be finite and not negative");
    }
    if (!(right[i] >= 0.0) || !std::isfinite(right[i])) {
      return InvalidArgumentError("margin_right: axis " + std::to_string(i) +
                                  " must be finite and not negative");
    }
  }
  margin_left_ = std::move(left);
  margin_right_ = std::move(right);
  return Status::Ok();
}

Status Dims::SetAxisLabels(std::vector<std::string> labels) {
  RETURN_IF_ERROR(CheckLength(labels.size(), ndim(), "axis_labels"));
  axis_labels_ = std::move(labels);
  return Status::Ok();
}

}  // namespace stackshot
