// stackshot animate SCENE -o OUT: a keyframe animation rendered by an AnimateWorker
// while the main thread shows progress (frames, fps, ETA) and listens for Ctrl-C.
// Every input is checked before any data is read or anything is written.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <unistd.h>

#include "anim/animation_manifest.h"
#include "anim/gif_encoder.h"
#include "anim/frame_plan.h"
#include "animate_worker.h"
#include "commands.h"
#include "interrupts.h"
#include "run_worker.h"
#include "scene_loading.h"
#include "terminal_progress.h"

namespace stackshot {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kDefaultFps = 20;  // napari-animation's

std::string Percent(double part, double whole) {
  const int percent = whole > 0 ? static_cast<int>(part / whole * 100 + 0.5) : 0;
  return std::to_string(percent) + "%";
}

// "slice 21%, rasterize 18%, encode 61%": each stage's share of the summed stage
// time (the stages overlap, so the frame time follows the largest).
std::string StageShares(const StageTimes& times) {
  const double total = times.slice + times.raster + times.encode;
  return "slice " + Percent(times.slice, total) + ", rasterize " + Percent(times.raster, total) + ", encode " +
         Percent(times.encode, total);
}

std::string FormatFps(double frames, double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", seconds > 0 ? frames / seconds : 0.0);
  return text;
}

}  // namespace

void SetupAnimate(CLI::App& app, AnimateOptions& options) {
  app.add_option("scene", options.scene, "Scene file (JSON, version 1) with an \"animation\" section")->required();
  app.add_option("-o,--output", options.output,
                 "A folder of numbered frames (name_000000.png), a .gif, or a .mp4 / .webm / .mov (ffmpeg)")
      ->required();
  app.add_option("--fps", options.fps, "Frames per second of a GIF or video (default: the animation's, else 20)")
      ->check(CLI::PositiveNumber);
  app.add_option("--frames", options.frames, "Render frames A to B-1 only (A:B, as a Python slice; or N)");
  app.add_option("--size", options.size, "Canvas size WxH (e.g. 1920x1080), overriding canvas.size");
  app.add_option("--set", options.sets, "Override a scene field: PATH=VALUE, as in render; repeatable")
      ->allow_extra_args(false);
  app.add_option("--keyframes", options.keyframes, "Keyframes file (the scene's \"animation\" schema) to use instead");
  app.add_option("--format", options.format, "Frame format in a folder: png (default), tif or exr");
  AddSlicingFlags(app, options.slicing, "default: the scene's slicing.cache_size, else 0");
  app.add_flag("--resume", options.resume,
               "Render only the frames missing from the output folder (same scene and options required)");
}

int RunAnimate(const AnimateOptions& options, const CommonOptions& common) {
  const auto start = Clock::now();
  auto spec = LoadSceneForCommand(options.scene, options.sets, options.size);
  if (!spec.ok()) return ReportError(spec.status().message());
  auto animation = LoadAnimation(options.scene, options.sets, options.keyframes, *spec);
  if (!animation.ok()) return ReportError(animation.status().message());
  auto output = ParseOutput(options.output, options.format);
  if (!output.ok()) return ReportError(output.status().message());
  // Frames are named after the scene: cells.json → cells_000000.png.
  output->stem = std::filesystem::path(options.scene).stem().string();
  // The encode stage compresses each PNG in two pieces at once (same bytes), so it
  // keeps pace with the rasterizer on two cores.
  output->encode_threads = common.threads;
  if (output->kind == OutputKind::kVideo && FindFfmpeg().empty()) {
    return ReportError("ffmpeg not found on PATH: it is needed to write " + output->path +
                       " (install ffmpeg, or write a folder of frames or a .gif)");
  }
  if (options.resume && output->kind != OutputKind::kFolder) {
    return ReportError("--resume needs a folder of frames; " + output->path + " is written whole");
  }
  const int64_t frame_count = CountFrames(*animation);
  std::pair<int64_t, int64_t> range{0, frame_count};
  if (!options.frames.empty()) {
    auto parsed = ParseFrameRange(options.frames, frame_count);
    if (!parsed.ok()) return ReportError(parsed.status().message());
    range = *parsed;
  }
  std::vector<int64_t> frames;
  for (int64_t frame = range.first; frame < range.second; ++frame) frames.push_back(frame);

  AnimationManifest manifest;
  if (output->kind == OutputKind::kFolder) {
    auto scene_text = CanonicalScene(options.scene, options.sets);
    if (!scene_text.ok()) return ReportError(scene_text.status().message());
    manifest.width = spec->canvas.width;
    manifest.height = spec->canvas.height;
    manifest.format = output->format;
    manifest.frame_count = frame_count;
    manifest.fingerprint = Fingerprint({*scene_text, animation->canonical, std::to_string(manifest.width),
                                        std::to_string(manifest.height), manifest.format});
  }
  const size_t wanted = frames.size();
  if (options.resume) {
    if (Status status = CheckResume(*output, manifest); !status.ok()) return ReportError(status.message());
    RemoveStaleTemporaries(*output);
    frames = MissingFrames(*output, frames);
    if (frames.empty()) {
      LogLine(output->path + ": all " + std::to_string(wanted) + " frames are there; nothing to render");
      return kExitOk;
    }
  }

  BuildFlags flags;
  flags.threads = common.threads;
  // Frames of an animation seldom return to a slice they showed: keeping every
  // slice only grows memory and makes each new plane fresh pages (38 → 50 frames/s
  // without it on a 1080p z-scroll). A cache is kept when asked for.
  if (Status status = ApplySlicingFlags(options.slicing, flags); !status.ok()) return ReportError(status.message());
  if (!flags.cache_bytes && !spec->slicing.cache_bytes) flags.cache_bytes = 0;
  const std::string scene_name = std::filesystem::path(options.scene).filename().string();
  double fps = options.fps > 0 ? options.fps : animation->fps.value_or(kDefaultFps);
  if (output->kind == OutputKind::kGif && GifFps(fps) != fps) {
    char text[96];
    std::snprintf(text, sizeof text, "%g frames/s asked; writing %g", fps, GifFps(fps));
    LogLine("stackshot: warning: " + output->path + ": a GIF plays at most 50 frames/s (browsers show shorter " +
            "frame times as 1/10 s); " + text);
    fps = GifFps(fps);
  }
  const int64_t to_render = static_cast<int64_t>(frames.size());
  MainLoop loop;
  AnimateJob job{std::move(*spec), std::move(*animation), scene_name, *output, std::move(frames), fps,
                 common.threads, flags, manifest, options.resume};
  auto worker = std::make_shared<AnimateWorker>(
      WorkerConfig{.loop = &loop, .description = "animate " + scene_name}, std::move(job));
  std::optional<AnimateReport> report;
  int64_t written = 0;
  worker->signals().returned.Connect([&report](const AnimateReport& r) { report = r; });
  worker->signals().written.Connect([&written](int64_t n) { written = n; });
  worker->base_signals().warned.Connect([](const std::string& message) { LogLine("stackshot: " + message); });
  // A forced exit (a second Ctrl-C) removes a GIF's or video's temporary file (and
  // ffmpeg's log); a folder keeps its complete frames.
  if (output->kind != OutputKind::kFolder) {
    interrupts::AddTemporaryFile(TemporaryOutputPath(*output));
    interrupts::AddTemporaryFile(TemporaryOutputPath(*output) + ".log");
  }
  interrupts::SetExitNote(output->kind == OutputKind::kFolder ? "complete frames in " + output->path + " kept"
                                                              : output->path + " not written");

  const WorkerRun run = RunWorker(loop, *worker);
  interrupts::ClearTemporaryFiles();
  if (run.signal != 0) {
    std::string what = output->kind == OutputKind::kFolder
                           ? "wrote " + std::to_string(written) + " of " + std::to_string(to_render) + " frames to " +
                                 output->path + " (complete frames kept; --resume renders the rest)"
                           : output->path + " not written";
    LogLine("stackshot: interrupted by " + interrupts::SignalName(run.signal) + "; " + what);
    return 128 + run.signal;
  }
  if (run.error) return ReportError(*run.error);
  if (!report) return ReportError("animate " + scene_name + ": the worker stopped without a result");
  if (!report->status.ok()) return ReportError(report->status.message());

  const PipelineReport& pipeline = report->pipeline;
  if (common.verbose) {
    for (const std::string& note : report->notes) LogLine(note);
    LogLine("open " + FormatSeconds(report->open_s) + "; stage time: slice " + FormatSeconds(pipeline.times.slice) +
            ", rasterize " + FormatSeconds(pipeline.times.raster) + ", encode " + FormatSeconds(pipeline.times.encode) +
            " over " + FormatSeconds(pipeline.wall_s));
  }
  const double total_s = std::chrono::duration<double>(Clock::now() - start).count();
  LogLine("wrote " + std::to_string(report->written) + " frame" + (report->written == 1 ? "" : "s") + " to " +
          output->path + " (" + std::to_string(report->width) + "×" + std::to_string(report->height) + ") in " +
          FormatSeconds(total_s) + ", " + FormatFps(static_cast<double>(report->written), pipeline.wall_s) +
          " frames/s; " + StageShares(pipeline.times));
  return kExitOk;
}

}  // namespace stackshot
