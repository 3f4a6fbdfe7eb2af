// exec/: the one door to oneTBB.
//
// Conventions:
// - Work over [0, n) is split into fixed chunks of `grain` items. The split depends
//   only on n and grain, never on the thread count, so a kernel that writes each
//   chunk's results to its own place (or reduces chunk partials in chunk order) gives
//   the same bits with 1 thread or 64.
// - `threads` <= 1 runs every chunk inline, in order, on the calling thread.
// - `threads` == 0 anywhere in stackshot means "all cores" (ResolveThreadCount).
#pragma once

#include <cstdint>
#include <functional>

namespace stackshot {

// 0 → the number of cores; otherwise the value itself (at least 1).
int ResolveThreadCount(int threads);

int64_t ChunkCount(int64_t n, int64_t grain);

// Calls fn(begin, end) for every chunk [k*grain, min(n, (k+1)*grain)).
void ParallelFor(int64_t n, int64_t grain, int threads, const std::function<void(int64_t, int64_t)>& fn);

// Calls fn(chunk_index, begin, end): for kernels that keep one partial result per
// chunk and combine the partials in chunk order afterwards.
void ParallelForChunks(int64_t n, int64_t grain, int threads,
                       const std::function<void(int64_t, int64_t, int64_t)>& fn);

}  // namespace stackshot
