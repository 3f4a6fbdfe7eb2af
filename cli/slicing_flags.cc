#include "slicing_flags.h"

#include <CLI/CLI.hpp>

#include "scene/build_viewer.h"
#include "slicing/slicer_options.h"

namespace stackshot {

void AddSlicingFlags(CLI::App& app, SlicingFlags& flags, const std::string& cache_size_note) {
  app.add_option("--cache-size", flags.cache_size, "Slice cache budget, e.g. 512MiB or 0 (" + cache_size_note + ")");
  app.add_option("--latency-log", flags.latency_log,
                 "Write one JSON line per sliced layer to FILE (also: STACKSHOT_LATENCY_LOG=FILE)");
}

Status ApplySlicingFlags(const SlicingFlags& flags, BuildFlags& build) {
  if (!flags.cache_size.empty()) {
    ASSIGN_OR_RETURN(build.cache_bytes, ParseByteSize(flags.cache_size).WithContext("--cache-size"));
  }
  if (!flags.latency_log.empty()) build.latency_log = flags.latency_log;
  return Status::Ok();
}

}  // namespace stackshot
