// stackshot keyframes sweep|orbit SCENE -o kf.json: writes keyframes for the
// animations users ask for most (anim/keyframe_helpers.h).
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>

#include "anim/keyframe_helpers.h"
#include "commands.h"
#include "scene/build_viewer.h"
#include "scene/scene_spec.h"
#include "terminal_progress.h"

namespace stackshot {

void SetupKeyframes(CLI::App& app, KeyframesOptions& options) {
  app.add_option("helper", options.helper,
                 "sweep: through every position of a dims axis; orbit: full camera turns")
      ->required()
      ->check(CLI::IsMember({"sweep", "orbit"}));
  app.add_option("scene", options.scene, "Scene file (JSON, version 1)")->required();
  app.add_option("-o,--output", options.output, "Keyframes file to write (JSON)")->required();
  app.add_option("--axis", options.axis, "sweep: the world axis to move along")->check(CLI::NonNegativeNumber);
  app.add_flag("--loop", options.loop, "sweep: come back to the first position");
  app.add_option("--turns", options.turns, "orbit: full turns (negative: the other way)");
  app.add_option("--frames", options.frames, "orbit: frames, the last equal to the first")->check(CLI::Range(2, 1000000));
  app.add_option("--fps", options.fps, "Frames per second stored in the file")->check(CLI::PositiveNumber);
  app.add_option("--set", options.sets, "Override a scene field: PATH=VALUE, as in render; repeatable")
      ->allow_extra_args(false);
}

// Exit codes: a flag that asks for what cannot animate (a displayed --axis,
// --turns 0) is a wrong command line (2); a scene that cannot show the animation
// (orbit of a 2D view) is an input error (1). Nothing is written either way.
int RunKeyframes(const KeyframesOptions& options, const CommonOptions& /*common*/) {
  auto spec = LoadScene(options.scene, options.sets);
  if (!spec.ok()) return ReportError(spec.status().message());
  Result<nlohmann::json> keyframes = InvalidArgumentError("unknown helper");
  if (options.helper == "orbit") {
    keyframes = OrbitKeyframes(spec->camera.angles.value_or(std::array<double, 3>{0, 0, 90}), options.turns,
                               options.frames, options.fps);
    if (!keyframes.ok()) return ReportUsageError(keyframes.status().message());
  }
  // The dims (range, displayed axes) come from the data: open it (nothing is sliced).
  MainLoop loop;
  auto built = BuildViewer(*spec, loop);
  if (!built.ok()) return ReportError(built.status().message());
  const Dims& dims = built->viewer->dims();
  if (options.helper == "sweep") {
    keyframes = SweepKeyframes(dims, options.axis, options.loop, options.fps);
    if (!keyframes.ok()) return ReportUsageError(keyframes.status().message());
  } else if (Status animates = CheckOrbitAnimates(dims); !animates.ok()) {
    return ReportError(animates.message());
  }
  const std::string temporary = options.output + ".tmp";
  {
    std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
    stream << keyframes->dump(2) << "\n";
    if (!stream.good()) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      return ReportError(options.output + ": cannot write the file");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, options.output, error);
  if (error) return ReportError(options.output + ": cannot write the file: " + error.message());
  const size_t count = (*keyframes)["keyframes"].size();
  LogLine("wrote " + options.output + " (" + std::to_string(count) + " keyframes); render it with: stackshot animate " +
          options.scene + " --keyframes " + options.output + " -o OUT");
  return kExitOk;
}

}  // namespace stackshot
