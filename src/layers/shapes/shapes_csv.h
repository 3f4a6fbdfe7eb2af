// Reading napari's shapes CSV (napari_builtins' write_shapes / csv_to_layer_data).
//
// Format: a header row "index,shape-type,vertex-index,axis-0,...,axis-{D-1}" (extra
// columns are allowed and ignored, as napari's reader ignores them), then one row
// per vertex. A shape is a run of rows with the same index; as in napari, the runs
// must number the shapes 0, 1, 2, … in file order. napari writes the file with
// Python's csv module: comma separated, fields quoted when they hold a comma or a
// quote, lines ending in \r\n.
//
// Errors are one line naming the file and the 1-based line: "rois.csv:7: unknown
// shape type 'elipse' (nearest: ellipse)". An empty file, or one with only the
// header, is an empty layer (2 dims when there is not even a header).
#pragma once

#include <string>
#include <string_view>

#include "layers/shapes/shapes_data.h"

namespace stackshot {

Result<ShapesData> ReadShapesCsv(const std::string& path);
// The same on text already read; `name` stands for the file in messages.
Result<ShapesData> ParseShapesCsv(std::string_view text, const std::string& name);

// One CSV record split into fields (Python csv's minimal quoting); fails on an
// unterminated quote.
Result<std::vector<std::string>> SplitCsvRecord(std::string_view line);

}  // namespace stackshot
