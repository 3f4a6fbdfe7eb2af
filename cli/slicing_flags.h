// The flags of render and animate that reach the slicer: --cache-size and
// --latency-log. One piece of code declares and reads them, so both commands take
// them alike; each keeps its own --cache-size default.
#pragma once

#include <string>

#include "nd/status.h"

namespace CLI {
class App;
}

namespace stackshot {

struct BuildFlags;

struct SlicingFlags {
  std::string cache_size;   // "512MiB"; empty: the command's default
  std::string latency_log;  // empty: $STACKSHOT_LATENCY_LOG or none
};

// Declares --cache-size (`cache_size_note`, its default, ends its help) and
// --latency-log.
void AddSlicingFlags(CLI::App& app, SlicingFlags& flags, const std::string& cache_size_note);

// Sets build.cache_bytes and build.latency_log from the flags that were given; a
// bad size fails with "--cache-size: …".
Status ApplySlicingFlags(const SlicingFlags& flags, BuildFlags& build);

}  // namespace stackshot
