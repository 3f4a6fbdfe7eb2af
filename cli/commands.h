// The subcommands of the stackshot program: each has an Options struct, a Setup
// that declares its flags on a CLI11 subcommand, and a Run that returns the exit
// code. main.cc dispatches.
//
// Exit codes: 0 success; 1 an error in the input, the data or writing the output
// (one line on stderr: "stackshot: error: <what, where>"); 2 a usage error; 130 /
// 143 interrupted by SIGINT / SIGTERM (interrupts.h), with a line saying what was
// completed. Everything on stderr goes through terminal_progress.h.
#pragma once

#include <string>
#include <vector>

#include "slicing_flags.h"

namespace CLI {
class App;
}

namespace stackshot {

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

struct CommonOptions {
  int threads = 0;  // 0: all cores
  bool verbose = false;
  std::string progress = "auto";  // --progress auto|bar|plain|json|none
};

struct RenderOptions {
  std::string scene;
  std::string output;
  std::string size;  // "WxH"
  std::vector<std::string> sets;
  SlicingFlags slicing;  // --cache-size (empty: settings), --latency-log
};
void SetupRender(CLI::App& app, RenderOptions& options);
int RunRender(const RenderOptions& options, const CommonOptions& common);

struct ValidateOptions {
  std::string scene;
  std::vector<std::string> sets;
};
void SetupValidate(CLI::App& app, ValidateOptions& options);
int RunValidate(const ValidateOptions& options, const CommonOptions& common);

struct InfoOptions {
  std::string file;
  bool colormaps = false;  // --colormaps: list the colormap names instead
};
void SetupInfo(CLI::App& app, InfoOptions& options);
int RunInfo(const InfoOptions& options, const CommonOptions& common);

struct ExampleOptions {
  std::string name = "cells";
  std::string output;
  std::string shape;   // "Z,Y,X"; default 60,512,512
  std::string chunks;  // default 1,256,256
  int gzip_level = 4;
};
void SetupExample(CLI::App& app, ExampleOptions& options);
int RunExample(const ExampleOptions& options, const CommonOptions& common);

struct BenchOptions {
  std::vector<std::string> scenarios;  // --scenario, repeatable; empty: all
  bool quick = false;
  std::string json;                    // --json FILE
  std::string compare;                 // --compare BASELINE.json
  double max_regression = 10;          // --max-regression PCT
  std::string html;                    // --html FILE
  std::vector<std::string> params;     // --param SCENARIO.NAME=NUMBER
  double budget_s = 8;                 // --budget SECONDS per scenario
  bool list = false;
};
void SetupBench(CLI::App& app, BenchOptions& options);
int RunBench(const BenchOptions& options, const CommonOptions& common);

struct AnimateOptions {
  std::string scene;
  std::string output;        // a folder of frames, .gif, .mp4, .webm or .mov
  double fps = 0;            // 0: the animation's, else 20
  std::string frames;        // "A:B"; empty: all
  std::string size;          // "WxH"
  std::vector<std::string> sets;
  std::string keyframes;     // a keyframes file instead of the scene's "animation"
  std::string format;        // frames in a folder: png (default), tif, exr
  bool resume = false;
  SlicingFlags slicing;      // --cache-size (empty: the scene's, else no slice cache), --latency-log
};
void SetupAnimate(CLI::App& app, AnimateOptions& options);
int RunAnimate(const AnimateOptions& options, const CommonOptions& common);

struct KeyframesOptions {
  std::string helper;  // "sweep" or "orbit"
  std::string scene;
  std::string output;
  int axis = 0;        // sweep
  bool loop = false;   // sweep: back to the start
  int turns = 1;       // orbit
  int frames = 120;    // orbit
  double fps = 20;
  std::vector<std::string> sets;
};
void SetupKeyframes(CLI::App& app, KeyframesOptions& options);
int RunKeyframes(const KeyframesOptions& options, const CommonOptions& common);

// Prints "stackshot: error: <message>" on stderr (a JSON error event with
// --progress json) and returns kExitError.
int ReportError(const std::string& message);
// The same for a wrong command line found after parsing: returns kExitUsage.
int ReportUsageError(const std::string& message);

}  // namespace stackshot
