// LayerSlicer: NAP-4's asynchronous slicer, with its future work and more.
//
// Conventions:
// - Submit(), WaitUntilIdle(), SyncSlicing and the destructor belong to the main
//   thread (the MainLoop's). Requests are built there, cheaply; GetSlice runs on
//   slicing threads; each task's results come back as one SliceReadyEvent posted to
//   the main loop and emitted there by `slice_ready`.
// - Lanes: in batched mode one task slices all the submitted layers (one lane per
//   set of layers, one slicing thread); in per-layer mode every layer has its own
//   lane and tasks run on several threads, each delivered as soon as it is ready.
//   Within a lane tasks run and are delivered in submission order.
// - Lazy: a task still queued when a newer one arrives in its lane is cancelled and
//   never runs. A running task that became stale is cancelled cooperatively: its
//   CancelToken is set and GetSlice stops at its next read boundary; it is still
//   delivered, marked cancelled, and consumers skip it.
// - Debounce: a task with a layer whose slicing is not known to be fast waits
//   `debounce` before it starts; WaitUntilIdle and SyncSlicing skip the wait.
// - Layers that do not slice asynchronously are sliced at once inside Submit and
//   delivered before it returns, never waiting behind slow layers.
// - The slice cache serves repeated requests (same data, same plane) without reading.
//   Prefetch: when every task is done, the neighbouring positions along the axis
//   that moved last are sliced into the cache (never delivered); any Submit cancels
//   prefetching.
// - The sync barrier: inside a SyncSlicing scope, Submit first waits for every task
//   in flight, then slices on the calling thread and delivers before it returns.
//   WaitUntilIdle(timeout) runs the main loop until every submitted task has been
//   delivered (tasks no slicing thread has started yet run on the waiting thread
//   itself); on timeout it fails naming the pending tasks.
// - Errors: building a request fails Submit (nothing is queued); a failing GetSlice
//   reaches the consumer as that layer's Status in the event.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "events/main_loop.h"
#include "events/signal.h"
#include "layers/layer.h"
#include "slicing/latency_log.h"
#include "slicing/slice_cache.h"
#include "slicing/slicer_options.h"

namespace stackshot {

struct LayerSliceResult {
  std::shared_ptr<Layer> layer;
  uint64_t request_id = 0;
  std::shared_ptr<const SliceResponse> response;  // null when status is not ok
  Status status;                                   // kCancelled for a stale task
  bool cache_hit = false;
  std::vector<double> point;                       // world point it was sliced at
};

struct SliceReadyEvent {
  uint64_t task_id = 0;
  bool cancelled = false;  // some layer was not sliced: the task became stale
  std::vector<LayerSliceResult> results;
};

struct SlicerStats {
  uint64_t tasks_run = 0;
  uint64_t tasks_skipped = 0;      // cancelled while queued, never run
  uint64_t tasks_interrupted = 0;  // cancelled while running
  uint64_t prefetched = 0;         // responses sliced ahead into the cache
};

class LayerSlicer {
 public:
  explicit LayerSlicer(MainLoop& loop, SlicerOptions options = {});
  ~LayerSlicer();
  LayerSlicer(const LayerSlicer&) = delete;
  LayerSlicer& operator=(const LayerSlicer&) = delete;

  Signal<const SliceReadyEvent&> slice_ready;

  // Slices the visible layers at `dims` for the canvas `view`; returns the id of the
  // (first) task. Fails when the slicer has no latency log it was asked for.
  Result<uint64_t> Submit(const std::vector<std::shared_ptr<Layer>>& layers, const Dims& dims,
                          const SliceView& view = {});

  Status WaitUntilIdle(std::chrono::milliseconds timeout);
  bool idle() const { return outstanding_.empty(); }

  // Cancels queued and running tasks and stops the slicing threads; Submit fails
  // afterwards.
  void Shutdown();

  // While alive, slicing is synchronous (see the conventions above).
  class SyncSlicing {
   public:
    explicit SyncSlicing(LayerSlicer& slicer) : slicer_(slicer) { ++slicer_.sync_depth_; }
    ~SyncSlicing() { --slicer_.sync_depth_; }
    SyncSlicing(const SyncSlicing&) = delete;
    SyncSlicing& operator=(const SyncSlicing&) = delete;

   private:
    LayerSlicer& slicer_;
  };

  // How long a synchronous Submit waits for tasks in flight.
  void set_sync_timeout(std::chrono::milliseconds timeout) { sync_timeout_ = timeout; }
  const SlicerOptions& options() const { return options_; }
  SliceCache* cache() { return cache_.get(); }
  SlicerStats stats() const;
  // Opening the latency log can fail; Submit reports it.
  const Status& status() const { return status_; }

 private:
  struct Task;
  struct Lane;
  struct Shared;

  Task MakeTask(std::vector<std::pair<std::shared_ptr<Layer>, std::shared_ptr<const SliceRequest>>> requests,
                const Dims& dims, bool prefetch);
  void Enqueue(const std::string& lane_key, Task task);
  void WorkerLoop();
  static SliceReadyEvent RunTask(Task& task, Shared& shared);
  void Deliver(const SliceReadyEvent& event);
  // Main thread, at the barrier: runs one task no slicing thread has started yet.
  bool RunOneQueuedTaskHere();
  void StartPrefetch();
  void CancelPrefetch();
  std::string DescribePending();

  MainLoop& loop_;
  SlicerOptions options_;
  std::shared_ptr<Shared> shared_;
  std::shared_ptr<SliceCache> cache_;
  Status status_;
  // Read and written on the main thread only; deliveries posted after destruction
  // see false and do nothing.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::map<uint64_t, std::string> outstanding_;  // task id → layer names
  uint64_t next_task_id_ = 1;
  uint64_t next_request_id_ = 1;
  int sync_depth_ = 0;
  bool shut_down_ = false;
  std::chrono::milliseconds sync_timeout_{std::chrono::minutes(10)};
  // What was sliced last, for prefetching around it.
  std::vector<std::shared_ptr<Layer>> last_layers_;
  std::optional<Dims> last_dims_;
  SliceView last_view_;
  int last_moved_axis_ = -1;
  std::vector<std::thread> threads_;
};

}  // namespace stackshot
