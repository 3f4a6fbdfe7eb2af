// stackshot info FILE.h5: the datasets of an HDF5 file.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "commands.h"
#include "io/hdf5_source.h"

namespace stackshot {
namespace {

std::string ShapeOrDash(const Shape& shape) {
  if (shape.empty()) return "-";
  std::string out;
  for (size_t i = 0; i < shape.size(); ++i) out += (i ? "x" : "") + std::to_string(shape[i]);
  return out;
}

}  // namespace

void SetupInfo(CLI::App& app, InfoOptions& options) {
  app.add_option("file", options.file, "HDF5 file")->required();
}

int RunInfo(const InfoOptions& options, const CommonOptions&) {
  auto datasets = ListHdf5Datasets(options.file);
  if (!datasets.ok()) return ReportError(datasets.status().message());
  std::vector<std::vector<std::string>> rows = {{"dataset", "shape", "dtype", "chunks", "compression"}};
  for (const auto& d : *datasets) {
    rows.push_back({d.path, ShapeOrDash(d.shape), d.dtype, ShapeOrDash(d.chunks), d.compression});
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  std::printf("%s: %zu dataset%s\n", options.file.c_str(), datasets->size(), datasets->size() == 1 ? "" : "s");
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    std::printf("%s\n", line.c_str());
  }
  return kExitOk;
}

}  // namespace stackshot
