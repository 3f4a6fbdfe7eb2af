#include "exec/parallel.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

namespace stackshot {
namespace {

// One arena per requested concurrency, created on first use and kept: creating an
// arena per call would cost more than small kernels take.
tbb::task_arena& ArenaFor(int threads) {
  static std::mutex mutex;
  static std::map<int, std::unique_ptr<tbb::task_arena>> arenas;
  std::lock_guard<std::mutex> lock(mutex);
  auto& arena = arenas[threads];
  if (!arena) arena = std::make_unique<tbb::task_arena>(threads);
  return *arena;
}

}  // namespace

int AvailableCores() { return std::max(1, tbb::info::default_concurrency()); }

int ResolveThreadCount(int threads) {
  // An arena wider than oneTBB's limit would print its multi-line warning.
  const int cores = AvailableCores();
  return threads > 0 ? std::min(threads, cores) : cores;
}

int64_t ChunkCount(int64_t n, int64_t grain) {
  if (n <= 0) return 0;
  grain = std::max<int64_t>(grain, 1);
  return (n + grain - 1) / grain;
}

void ParallelForChunks(int64_t n, int64_t grain, int threads,
                       const std::function<void(int64_t, int64_t, int64_t)>& fn) {
  grain = std::max<int64_t>(grain, 1);
  const int64_t chunks = ChunkCount(n, grain);
  auto run_chunk = [&](int64_t k) { fn(k, k * grain, std::min(n, (k + 1) * grain)); };
  threads = ResolveThreadCount(threads);
  if (threads <= 1 || chunks <= 1) {
    for (int64_t k = 0; k < chunks; ++k) run_chunk(k);
    return;
  }
  ArenaFor(threads).execute([&] {
    // simple_partitioner with grain 1 over chunk indices: TBB schedules chunks, it
    // never re-splits them, so chunk boundaries stay fixed.
    tbb::parallel_for(
        tbb::blocked_range<int64_t>(0, chunks, 1),
        [&](const tbb::blocked_range<int64_t>& range) {
          for (int64_t k = range.begin(); k < range.end(); ++k) run_chunk(k);
        },
        tbb::simple_partitioner());
  });
}

void ParallelFor(int64_t n, int64_t grain, int threads, const std::function<void(int64_t, int64_t)>& fn) {
  ParallelForChunks(n, grain, threads, [&](int64_t, int64_t begin, int64_t end) { fn(begin, end); });
}

}  // namespace stackshot
