// How a LayerSlicer slices: mode, debounce, prefetch, cache budget, latency log.
// Defaults live in configs/settings.json; the user's settings file, the scene's
// "slicing" section and command-line flags override them in that order.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "nd/status.h"

namespace stackshot {

enum class SlicingMode {
  kBatched,   // one task for all layers, one ready event (napari's NAP-4 default)
  kPerLayer,  // one task per layer, each delivered as soon as it is ready
};
const char* SlicingModeName(SlicingMode mode);
Result<SlicingMode> ParseSlicingMode(const std::string& name);

struct SlicerOptions {
  SlicingMode mode = SlicingMode::kBatched;
  // Wait this long before slicing layers whose data is not known to be fast
  // (in-memory data never waits) when requests come in a burst; a newer request
  // during the wait replaces the older one, so fewer stale reads are started. The
  // first request after a quiet spell starts at once, and waiting at the sync
  // barrier ends the wait. 0 (the default) favours latency: every request starts at
  // once and a stale one is cancelled at its next read boundary.
  std::chrono::milliseconds debounce{0};
  // When idle, slice this many neighbouring positions on each side of the point
  // along the axis that last moved, into the cache. 0: off.
  int prefetch = 1;
  uint64_t cache_bytes = 512ull << 20;  // 0: no slice cache
  // Threads slicing in per-layer mode (0: one per core); batched mode uses one.
  int workers = 0;
  // One JSON line per sliced layer and task; empty: no log.
  std::string latency_log;
};

// "512MiB", "2G", "1048576", "0": bytes. Binary units (KiB = 1024), case-insensitive,
// the "i" and "B" optional.
Result<uint64_t> ParseByteSize(const std::string& text);

}  // namespace stackshot
