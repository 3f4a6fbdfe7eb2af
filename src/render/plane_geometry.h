// Private to render/: where the screen pixels of a row fall on a 2D plane (an image
// or labels slice), shared by the image and labels drawers so both place pixels
// with the same bits.
//
// Conventions: a screen pixel whose centre falls outside the plane's pixel-edge box
// [-0.5, n-0.5] on either axis is left untouched.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "nd/affine.h"
#include "render/camera.h"
#include "render/canvas.h"

namespace stackshot {

struct PlaneGeometry {
  int64_t rows = 0;
  int64_t cols = 0;
  double row_edge = 0;  // rows - 0.5
  double col_edge = 0;  // cols - 0.5
  // world (y, x) → plane (row, col)
  double inv[2][2] = {{1, 0}, {0, 1}};
  double inv_t[2] = {0, 0};
  // Plane coordinates moved by one screen column.
  double step_row = 0;
  double step_col = 0;
};

// Inverts the 2-d plane → world transform once; fails when it is singular or the
// zoom is not positive.
inline Status MakePlaneGeometry(const Affine& to_world, int64_t rows, int64_t cols, const Camera2D& camera,
                                PlaneGeometry& geometry) {
  if (!(camera.zoom > 0) || !std::isfinite(camera.zoom)) {
    return InvalidArgumentError("camera zoom must be positive, got " + std::to_string(camera.zoom));
  }
  if (to_world.ndim() != 2) {
    return InternalError("image plane transform must be 2-d, got " + std::to_string(to_world.ndim()) + "-d");
  }
  geometry.rows = rows;
  geometry.cols = cols;
  geometry.row_edge = static_cast<double>(rows) - 0.5;
  geometry.col_edge = static_cast<double>(cols) - 0.5;
  const double a = to_world.linear(0, 0), b = to_world.linear(0, 1);
  const double c = to_world.linear(1, 0), d = to_world.linear(1, 1);
  const double det = a * d - b * c;
  if (!(det != 0) || !std::isfinite(det)) return InvalidArgumentError("image plane transform is singular");
  geometry.inv[0][0] = d / det;
  geometry.inv[0][1] = -b / det;
  geometry.inv[1][0] = -c / det;
  geometry.inv[1][1] = a / det;
  const double tr = to_world.translation(0), tc = to_world.translation(1);
  geometry.inv_t[0] = -(geometry.inv[0][0] * tr + geometry.inv[0][1] * tc);
  geometry.inv_t[1] = -(geometry.inv[1][0] * tr + geometry.inv[1][1] * tc);
  // One screen column is 1 / zoom world units along x (the second world axis).
  geometry.step_row = geometry.inv[0][1] / camera.zoom;
  geometry.step_col = geometry.inv[1][1] / camera.zoom;
  return Status::Ok();
}

// Plane coordinates of the first pixel centre of screen row y; pixel col is at
// start + col × step, the same bits whichever chunk the row is in.
inline void RowStart(const PlaneGeometry& g, const Camera2D& camera, int width, int height, int64_t y,
                     double& start_r, double& start_c) {
  const auto world = ScreenToWorld(camera, width, height, 0, static_cast<double>(y));
  start_r = g.inv[0][0] * world[0] + g.inv[0][1] * world[1] + g.inv_t[0];
  start_c = g.inv[1][0] * world[0] + g.inv[1][1] * world[1] + g.inv_t[1];
}

// Columns first..last of one screen row whose pixel centres fall inside the plane's
// pixel-edge box; empty when first > last.
struct Span {
  int first = 0;
  int last = -1;
};

// Along a row, plane coordinates are start + col × step: monotonic in col (rounding
// is monotonic), so the inside columns form one interval. Estimate it analytically,
// widen by two columns, then shrink with the exact per-pixel test.
inline Span InsideSpan(const PlaneGeometry& g, double start_r, double start_c, int width) {
  auto inside = [&](int col) {
    const double r = start_r + col * g.step_row;
    const double c = start_c + col * g.step_col;
    return r >= -0.5 && r <= g.row_edge && c >= -0.5 && c <= g.col_edge;
  };
  double lo = 0;
  double hi = width - 1;
  auto limit = [&](double start, double step, double edge) {
    if (step == 0) {
      if (!(start >= -0.5 && start <= edge)) hi = -1;
      return;
    }
    double a = (-0.5 - start) / step;
    double b = (edge - start) / step;
    if (step < 0) std::swap(a, b);
    lo = std::max(lo, std::ceil(a) - 2);
    hi = std::min(hi, std::floor(b) + 2);
  };
  limit(start_r, g.step_row, g.row_edge);
  limit(start_c, g.step_col, g.col_edge);
  if (!(lo <= hi)) {
    // Empty by the estimate, or NaN from extreme values: settle it exactly.
    if (std::isnan(lo) || std::isnan(hi)) {
      lo = 0;
      hi = width - 1;
    } else {
      return {};
    }
  }
  Span span{static_cast<int>(std::clamp(lo, 0.0, width - 1.0)), static_cast<int>(std::clamp(hi, 0.0, width - 1.0))};
  while (span.first <= span.last && !inside(span.first)) ++span.first;
  while (span.last >= span.first && !inside(span.last)) --span.last;
  return span;
}

// The nearest pixel index for a coordinate inside [-0.5, n-0.5]: r + 0.5 >= 0 there,
// so truncation is floor; the far edge belongs to the last pixel.
inline int64_t NearestIndex(double coordinate, int64_t n) {
  const int64_t index = static_cast<int64_t>(coordinate + 0.5);
  return index > n - 1 ? n - 1 : index;
}

// Canvas rows [begin, end) that show some of the plane: calls
// row_fn(out, start_r, start_c, span) with the row's pixels, its plane coordinates
// (RowStart) and the columns inside the plane.
template <typename RowFn>
inline void ForEachPlaneRow(const PlaneGeometry& g, const Camera2D& camera, Canvas& canvas, int64_t begin, int64_t end,
                            RowFn&& row_fn) {
  const int width = canvas.width();
  for (int64_t y = begin; y < end; ++y) {
    double start_r, start_c;
    RowStart(g, camera, width, canvas.height(), y, start_r, start_c);
    const Span span = InsideSpan(g, start_r, start_c, width);
    if (span.first > span.last) continue;
    row_fn(canvas.row(static_cast<int>(y)), start_r, start_c, span);
  }
}

}  // namespace stackshot
