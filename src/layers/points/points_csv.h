// Reading napari's points CSV (napari_builtins' write_points / csv_to_layer_data).
//
// Format: a header row "index,axis-0,axis-1,...,axis-{D-1}" followed by any extra
// columns, which are the layer's features; one row per point. napari writes it with
// Python's csv module: comma separated, fields quoted when they hold a comma or a
// quote ("" inside quotes), lines ending in \r\n. The "index" column is optional
// and ignored (rows are points in file order, as napari reads them).
//
// Errors are one line naming the file and the 1-based line: "spots.csv:7: expected
// 5 fields, got 4". An empty file, or one with only the header, is an empty layer
// (2 dims when there is not even a header).
#pragma once

#include <string>
#include <string_view>

#include "layers/points/points_data.h"

namespace stackshot {

Result<PointsData> ReadPointsCsv(const std::string& path);
// The same on text already read; `name` stands for the file in messages.
Result<PointsData> ParsePointsCsv(std::string_view text, const std::string& name);

}  // namespace stackshot
