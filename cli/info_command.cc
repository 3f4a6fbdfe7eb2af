// stackshot info FILE: the datasets of an HDF5 file, or the shape and pixel format of
// an image file, TIFF stack or image sequence (a glob); info --colormaps lists the
// colormap names a scene may use.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "commands.h"
#include "io/hdf5_source.h"
#include "io/image_sequence_source.h"
#include "io/oiio_source.h"
#include "render/colormap.h"

namespace stackshot {
namespace {

std::string ShapeOrDash(const Shape& shape) {
  if (shape.empty()) return "-";
  std::string out;
  for (size_t i = 0; i < shape.size(); ++i) out += (i ? "x" : "") + std::to_string(shape[i]);
  return out;
}

// Prints rows as columns separated by two spaces, the first row a header.
void PrintTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    std::printf("%s\n", line.c_str());
  }
}

bool IsHdf5File(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".h5" || extension == ".hdf5" || extension == ".hdf" || extension == ".he5";
}

int InfoHdf5(const std::string& file) {
  auto datasets = ListHdf5Datasets(file);
  if (!datasets.ok()) return ReportError(datasets.status().message());
  std::vector<std::vector<std::string>> rows = {{"dataset", "shape", "dtype", "chunks", "compression"}};
  for (const auto& d : *datasets) {
    rows.push_back({d.path, ShapeOrDash(d.shape), d.dtype, ShapeOrDash(d.chunks), d.compression});
  }
  std::printf("%s: %zu dataset%s\n", file.c_str(), datasets->size(), datasets->size() == 1 ? "" : "s");
  PrintTable(rows);
  return kExitOk;
}

int InfoSequence(const std::string& pattern) {
  auto files = ExpandGlob(pattern);
  if (!files.ok()) return ReportError(files.status().message());
  auto source = OpenImageSequence(pattern);
  if (!source.ok()) return ReportError(source.status().message());
  std::printf("%s: image sequence of %zu file%s, %s … %s\n", pattern.c_str(), files->size(),
              files->size() == 1 ? "" : "s", files->front().c_str(), files->back().c_str());
  PrintTable({{"shape", "dtype"}, {ShapeOrDash((*source)->shape()), DTypeName((*source)->dtype())}});
  return kExitOk;
}

int InfoImage(const std::string& file) {
  auto info = DescribeImageFile(file);
  if (!info.ok()) return ReportError(info.status().message());
  std::printf("%s: %s image, %d page%s\n", file.c_str(), info->format.c_str(), info->pages,
              info->pages == 1 ? "" : "s");
  PrintTable({{"shape", "dtype", "compression", "tiled"},
              {ShapeOrDash(info->shape), info->dtype, info->compression.empty() ? "-" : info->compression,
               info->tiled ? "yes" : "no"}});
  return kExitOk;
}

int InfoColormaps() {
  const std::vector<std::string> names = ColormapNames();
  std::printf("%zu colormaps (each also reversed with the suffix _r; a scene may also give a list of colours):\n",
              names.size());
  for (const std::string& name : names) std::printf("%s\n", name.c_str());
  return kExitOk;
}

}  // namespace

void SetupInfo(CLI::App& app, InfoOptions& options) {
  app.description("Describe an HDF5 file, an image file or TIFF stack, or an image sequence; or list the colormaps");
  app.add_option("file", options.file, "HDF5 file, image file, TIFF stack, or image sequence as a quoted glob");
  app.add_flag("--colormaps", options.colormaps, "List the colormap names instead");
}

int RunInfo(const InfoOptions& options, const CommonOptions&) {
  if (options.colormaps) {
    if (!options.file.empty()) {
      std::fprintf(stderr, "stackshot: error: info takes a FILE or --colormaps, not both\n");
      return kExitUsage;
    }
    return InfoColormaps();
  }
  if (options.file.empty()) {
    std::fprintf(stderr, "stackshot: error: info needs a FILE (or --colormaps)\n");
    return kExitUsage;
  }
  if (IsHdf5File(options.file)) return InfoHdf5(options.file);
  std::error_code error;
  if (IsGlobPattern(options.file) && !std::filesystem::exists(options.file, error)) {
    return InfoSequence(options.file);
  }
  return InfoImage(options.file);
}

}  // namespace stackshot
