// Thick-slice projection: reducing a stack of planes to one float32 plane with
// napari's projection modes (sum, mean, max, min), and the plain conversion of one
// plane (none).
//
// Conventions: the input holds `planes` planes of M elements each, one after another
// (C order); the output has M float32 elements. Each output element is computed by
// the same operations in the same order (planes 0, 1, …) whatever the thread count:
// work is split over elements with exec/'s fixed grain. Numerics follow numpy:
// integers sum exactly (64-bit) and mean divides that sum by the count in double;
// float32 sums in float32 and float64 in float64, plane by plane, as numpy's
// reduction over the outer axis does; max and min propagate NaN.
#pragma once

#include <cstdint>
#include <string>

#include "nd/array.h"

namespace stackshot {

enum class ProjectionMode { kNone, kSum, kMean, kMax, kMin };
const char* ProjectionModeName(ProjectionMode mode);
Result<ProjectionMode> ParseProjectionMode(const std::string& name);

// `stack` has planes × M elements (any shape of that size); the result is float32
// of `out_shape` (M elements). kNone needs planes == 1.
Array ProjectPlanes(const Array& stack, int64_t planes, const Shape& out_shape, ProjectionMode mode, int threads);

}  // namespace stackshot
