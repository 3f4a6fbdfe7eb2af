// Private to render/: Cairo, opened on first use.
//
// Linking libcairo brings ~17 shared libraries (X11, xcb, fontconfig, freetype,
// pixman, …) into every stackshot process: `stackshot --version` measured 8.3 ms
// without them and 10.7 ms with them. Only shapes and vectors layers draw with Cairo, so the
// library is opened with dlopen when the first of them is drawn, and its functions
// are called through this table. Cairo's headers still give the types.
//
// Conventions: LoadCairo() is thread-safe and loads once; Cairo() may be called only
// after LoadCairo() succeeded (the shapes and vectors drawers check it first).
#pragma once

#include <cairo.h>

#include "nd/status.h"

namespace stackshot {

#define STACKSHOT_CAIRO_FUNCTIONS(X)                                                                              \
  X(create) X(destroy) X(status) X(status_to_string) X(image_surface_create) X(image_surface_get_data)            \
  X(image_surface_get_stride) X(surface_status) X(surface_flush) X(surface_destroy) X(set_source_rgba)            \
  X(set_operator) X(set_antialias) X(set_line_join) X(set_miter_limit) X(set_line_cap) X(set_line_width)          \
  X(set_matrix) X(set_fill_rule) X(new_path) X(move_to) X(line_to) X(close_path) X(fill) X(fill_preserve)         \
  X(stroke) X(matrix_transform_point)

struct CairoLibrary {
#define STACKSHOT_CAIRO_MEMBER(name) decltype(&::cairo_##name) name = nullptr;
  STACKSHOT_CAIRO_FUNCTIONS(STACKSHOT_CAIRO_MEMBER)
#undef STACKSHOT_CAIRO_MEMBER
};

// Opens libcairo.so.2 once; fails naming the library or the missing function.
Result<const CairoLibrary*> LoadCairo();

// The loaded library (LoadCairo() must have succeeded).
const CairoLibrary& Cairo();

}  // namespace stackshot
