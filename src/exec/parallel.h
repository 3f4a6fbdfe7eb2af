// exec/: the one door to oneTBB.
//
// Conventions:
// - Work over [0, n) is split into fixed chunks of `grain` items. The split depends
//   only on n and grain, never on the thread count, so a kernel that writes each
//   chunk's results to its own place (or reduces chunk partials in chunk order) gives
//   the same bits with 1 thread or 64.
// - `threads` <= 1 runs every chunk inline, in order, on the calling thread.
// - `threads` == 0 anywhere in stackshot means "all cores" (ResolveThreadCount):
//   the cores this process may run on (CPU affinity and cgroup quotas count), and a
//   larger request is capped to them, since more threads than cores only add waiting.
// - No thread count above kMaxThreads is accepted anywhere (flags, settings).
#pragma once

#include <cstdint>
#include <functional>

namespace stackshot {

// The largest thread or worker count a flag or setting may ask for.
constexpr int kMaxThreads = 1024;

// The cores this process may use: oneTBB's default concurrency, which honours CPU
// affinity masks and cgroup CPU quotas (at least 1).
int AvailableCores();

// 0 → AvailableCores(); otherwise the value itself, capped to AvailableCores().
int ResolveThreadCount(int threads);

int64_t ChunkCount(int64_t n, int64_t grain);

// Calls fn(begin, end) for every chunk [k*grain, min(n, (k+1)*grain)).
void ParallelFor(int64_t n, int64_t grain, int threads, const std::function<void(int64_t, int64_t)>& fn);

// Calls fn(chunk_index, begin, end): for kernels that keep one partial result per
// chunk and combine the partials in chunk order afterwards.
void ParallelForChunks(int64_t n, int64_t grain, int threads,
                       const std::function<void(int64_t, int64_t, int64_t)>& fn);

}  // namespace stackshot
