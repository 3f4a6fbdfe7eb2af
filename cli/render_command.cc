// stackshot render SCENE -o OUT: one screenshot, rendered by a RenderWorker while
// the main thread shows its progress and listens for Ctrl-C.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <unistd.h>

#include "commands.h"
#include "interrupts.h"
#include "render/image_writer.h"
#include "render_worker.h"
#include "run_worker.h"
#include "scene/scene_spec.h"
#include "scene_loading.h"
#include "terminal_progress.h"

namespace stackshot {
namespace {

using Clock = std::chrono::steady_clock;

// "opened the scene and its data, sliced" → what an interrupted render finished.
std::string Completed(const std::vector<std::string>& steps, const std::string& output) {
  if (steps.empty()) return "nothing completed; " + output + " not written";
  std::string done;
  for (const std::string& step : steps) done += (done.empty() ? "" : ", ") + step;
  if (steps.back().rfind("wrote ", 0) == 0) return "completed: " + done;
  return "completed: " + done + "; " + output + " not written";
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
  AddSlicingFlags(app, options.slicing, "overrides the settings file and the scene");
}

int RunRender(const RenderOptions& options, const CommonOptions& common) {
  const auto start = Clock::now();
  auto spec = LoadSceneForCommand(options.scene, options.sets, options.size);
  if (!spec.ok()) return ReportError(spec.status().message());
  // Refuse a bad output path before any data is read.
  if (Status status = CheckOutputPath(options.output); !status.ok()) return ReportError(status.message());

  BuildFlags flags;
  flags.threads = common.threads;
  if (Status status = ApplySlicingFlags(options.slicing, flags); !status.ok()) return ReportError(status.message());

  const std::string scene_name = std::filesystem::path(options.scene).filename().string();
  MainLoop loop;
  RenderJob job{std::move(*spec), scene_name, options.output, common.threads, flags};
  auto worker = std::make_shared<RenderWorker>(
      WorkerConfig{.loop = &loop, .description = "render " + scene_name}, std::move(job));
  std::optional<RenderReport> report;
  std::vector<std::string> completed;
  worker->signals().returned.Connect([&report](const RenderReport& r) { report = r; });
  worker->signals().completed.Connect([&completed](const std::string& step) { completed.push_back(step); });
  worker->base_signals().warned.Connect([](const std::string& message) { LogLine("stackshot: " + message); });
  // A forced exit (a second Ctrl-C) removes the writer's temporary file.
  interrupts::AddTemporaryFile(options.output + ".tmp-" + std::to_string(::getpid()));
  interrupts::SetExitNote(options.output + " not written");

  const WorkerRun run = RunWorker(loop, *worker);
  interrupts::ClearTemporaryFiles();
  if (run.signal != 0) {
    LogLine("stackshot: interrupted by " + interrupts::SignalName(run.signal) + "; " +
            Completed(completed, options.output));
    return 128 + run.signal;
  }
  if (run.error) return ReportError(*run.error);
  if (!report) return ReportError("render " + scene_name + ": the worker stopped without a result");
  if (!report->status.ok()) return ReportError(report->status.message());

  if (common.verbose) {
    for (const std::string& note : report->notes) LogLine(note);
    LogLine("open " + FormatSeconds(report->open_s) + ", slice " + FormatSeconds(report->slice_s) + " (" +
            FormatBytes(report->bytes_sliced) + " read), rasterize " + FormatSeconds(report->raster_s) + ", encode " +
            FormatSeconds(report->encode_s));
  }
  const double total_s = std::chrono::duration<double>(Clock::now() - start).count();
  LogLine("wrote " + options.output + " (" + std::to_string(report->width) + "×" + std::to_string(report->height) +
          ", " + FormatBytes(report->file_size) + ") in " + FormatSeconds(total_s));
  return kExitOk;
}

int ReportError(const std::string& message) {
  LogError(message);
  return kExitError;
}

int ReportUsageError(const std::string& message) {
  LogError(message);
  return kExitUsage;
}

}  // namespace stackshot
