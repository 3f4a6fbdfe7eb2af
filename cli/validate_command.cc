// stackshot validate SCENE: parse the scene, open its data, report what a render
// would use, and render nothing.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <sstream>

#include "commands.h"
#include "scene/build_viewer.h"
#include "scene/scene_spec.h"

namespace stackshot {

void SetupValidate(CLI::App& app, ValidateOptions& options) {
  app.add_option("scene", options.scene, "Scene file (JSON, version 1)")->required();
  app.add_option("--set", options.sets, "Override a scene field: PATH=VALUE, as in render; repeatable")
      ->allow_extra_args(false);
}

int RunValidate(const ValidateOptions& options, const CommonOptions& common) {
  auto spec = LoadScene(options.scene, options.sets);
  if (!spec.ok()) return ReportError(spec.status().message());
  MainLoop loop;
  auto built = BuildViewer(*spec, loop);
  if (!built.ok()) return ReportError(built.status().message());

  const ViewerModel& viewer = *built->viewer;
  const Dims& dims = viewer.dims();
  std::ostringstream out;
  out << options.scene << ": ok: " << viewer.layers().size() << " layer" << (viewer.layers().size() == 1 ? "" : "s")
      << ", world steps ";
  for (int axis = 0; axis < dims.ndim(); ++axis) out << (axis ? "×" : "") << dims.range()[axis].nsteps();
  out << ", point [";
  for (int axis = 0; axis < dims.ndim(); ++axis) out << (axis ? ", " : "") << dims.point()[axis];
  out << "], canvas " << spec->canvas.width << "×" << spec->canvas.height;
  std::printf("%s\n", out.str().c_str());
  if (common.verbose) {
    for (const std::string& note : built->notes) std::printf("%s\n", note.c_str());
  }
  return kExitOk;
}

}  // namespace stackshot
