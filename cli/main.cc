// stackshot: headless, deterministic renderer of napari-style layer stacks.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "commands.h"
#include "exec/parallel.h"
#include "interrupts.h"
#include "terminal_progress.h"

#ifndef STACKSHOT_VERSION
#define STACKSHOT_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace stackshot;
  // Before any thread exists: every thread inherits the blocked signal mask.
  interrupts::Install();
  CLI::App app{"stackshot " STACKSHOT_VERSION
               " — renders napari-style n-dimensional layer stacks headlessly and deterministically",
               "stackshot"};
  app.set_version_flag("--version", "stackshot " STACKSHOT_VERSION);
  app.require_subcommand(1);

  CommonOptions common;
  auto add_common = [&](CLI::App* sub) {
    sub->add_option("--threads", common.threads,
                    "Worker threads for data-parallel kernels: 0 (all available cores) to " +
                        std::to_string(kMaxThreads) + "; more than the available cores run as many as there are")
        ->check(CLI::Range(0, kMaxThreads));
    sub->add_flag("-v,--verbose", common.verbose, "Print stage timings and data-derived defaults");
    sub->add_option("--progress", common.progress,
                    "Progress on stderr: auto (bar on a terminal, else plain), bar, plain, json (one object "
                    "per line), none")
        ->check(CLI::IsMember({"auto", "bar", "plain", "json", "none"}));
  };

  RenderOptions render;
  CLI::App* render_cmd = app.add_subcommand("render", "Render one screenshot of a scene to an image file");
  SetupRender(*render_cmd, render);
  add_common(render_cmd);

  ValidateOptions validate;
  CLI::App* validate_cmd = app.add_subcommand("validate", "Check a scene and open its data without rendering");
  SetupValidate(*validate_cmd, validate);
  add_common(validate_cmd);

  InfoOptions info;
  CLI::App* info_cmd = app.add_subcommand("info", "Describe a data file (HDF5 datasets, image files and sequences) or list the colormaps");
  SetupInfo(*info_cmd, info);
  add_common(info_cmd);

  ExampleOptions example;
  CLI::App* example_cmd = app.add_subcommand("example", "Write a bundled synthetic example (data and scene)");
  SetupExample(*example_cmd, example);
  add_common(example_cmd);

  BenchOptions bench;
  CLI::App* bench_cmd =
      app.add_subcommand("bench", "Measure NAP-4's representative slicing scenarios (table, JSON, baseline compare)");
  SetupBench(*bench_cmd, bench);
  add_common(bench_cmd);

  AnimateOptions animate;
  CLI::App* animate_cmd = app.add_subcommand("animate", "Render a keyframe animation to frames, a GIF or a video");
  SetupAnimate(*animate_cmd, animate);
  add_common(animate_cmd);

  KeyframesOptions keyframes;
  CLI::App* keyframes_cmd = app.add_subcommand("keyframes", "Write keyframes for common animations (sweep, orbit)");
  SetupKeyframes(*keyframes_cmd, keyframes);
  add_common(keyframes_cmd);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  InstallTerminalProgress(ParseProgressMode(common.progress).value_or(ProgressMode::kAuto));
  if (render_cmd->parsed()) return RunRender(render, common);
  if (validate_cmd->parsed()) return RunValidate(validate, common);
  if (info_cmd->parsed()) return RunInfo(info, common);
  if (example_cmd->parsed()) return RunExample(example, common);
  if (animate_cmd->parsed()) return RunAnimate(animate, common);
  if (keyframes_cmd->parsed()) return RunKeyframes(keyframes, common);
  if (bench_cmd->parsed()) return RunBench(bench, common);
  return kExitUsage;
}
