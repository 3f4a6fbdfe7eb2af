// stackshot render SCENE -o OUT: one screenshot.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "commands.h"
#include "render/image_writer.h"
#include "scene/build_viewer.h"
#include "scene/scene_spec.h"
#include "size_option.h"
#include "terminal_progress.h"

namespace stackshot {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

void SetupRender(CLI::App& app, RenderOptions& options) {
  app.add_option("scene", options.scene, "Scene file (JSON, version 1)")->required();
  app.add_option("-o,--output", options.output, "Output image: .png, .tif, .tiff or .exr")->required();
  app.add_option("--size", options.size, "Canvas size WxH (e.g. 1920x1080), overriding canvas.size");
  app.add_option("--set", options.sets,
                 "Override a scene field: PATH=VALUE, dotted path, VALUE read as JSON or else as a string "
                 "(--set dims.point=[10,0,0]); repeatable")
      ->allow_extra_args(false);
}

int RunRender(const RenderOptions& options, const CommonOptions& common) {
  const auto start = Clock::now();
  auto spec = LoadScene(options.scene, options.sets);
  if (!spec.ok()) return ReportError(spec.status().message());
  if (!options.size.empty()) {
    auto size = ParseCanvasSize(options.size);
    if (!size.ok()) return ReportError("--size: " + size.status().message());
    spec->canvas.width = (*size)[0];
    spec->canvas.height = (*size)[1];
  }
  // Refuse a bad output path before any data is read.
  if (Status status = CheckOutputPath(options.output); !status.ok()) return ReportError(status.message());

  MainLoop loop;
  auto built = BuildViewer(*spec, loop);
  if (!built.ok()) return ReportError(built.status().message());
  // Progress starts once the scene and its data are known to be usable, so a bad
  // input gets its one error line and nothing else.
  TerminalProgress progress(TerminalProgress::Mode::kAuto);
  progress.Start("render " + std::filesystem::path(options.scene).filename().string(), 3);
  built->screenshot.threads = common.threads;
  ViewerModel& viewer = *built->viewer;
  const double open_s = SecondsSince(start);

  // Slice asynchronously, then pass the sync barrier before drawing.
  const auto slice_start = Clock::now();
  if (Status status = viewer.Refresh(); !status.ok()) return ReportError(status.message());
  if (Status status = viewer.slicer().WaitUntilIdle(built->screenshot.timeout); !status.ok()) {
    return ReportError(status.message());
  }
  const double slice_s = SecondsSince(slice_start);
  progress.Update(1);

  const auto raster_start = Clock::now();
  auto image = viewer.Screenshot(built->screenshot);
  if (!image.ok()) return ReportError(image.status().message());
  const double raster_s = SecondsSince(raster_start);
  progress.Update(2);

  const auto encode_start = Clock::now();
  if (Status status = WriteImageFile(*image, options.output); !status.ok()) return ReportError(status.message());
  const double encode_s = SecondsSince(encode_start);

  if (common.verbose) {
    for (const std::string& note : built->notes) std::fprintf(stderr, "%s\n", note.c_str());
    std::fprintf(stderr, "open %s, slice %s (%s read), rasterize %s, encode %s\n", FormatSeconds(open_s).c_str(),
                 FormatSeconds(slice_s).c_str(), FormatBytes(viewer.bytes_sliced()).c_str(),
                 FormatSeconds(raster_s).c_str(), FormatSeconds(encode_s).c_str());
  }
  std::error_code ec;
  const auto file_size = std::filesystem::file_size(options.output, ec);
  progress.Finish("wrote " + options.output + " (" + std::to_string(image->width) + "×" +
                  std::to_string(image->height) + ", " + FormatBytes(ec ? 0 : file_size) + ")");
  return kExitOk;
}

int ReportError(const std::string& message) {
  std::fprintf(stderr, "stackshot: error: %s\n", message.c_str());
  return kExitError;
}

}  // namespace stackshot
