// LayerSlicer: NAP-4's asynchronous slicer.
//
// Conventions:
// - Submit(), WaitUntilIdle(), SyncSlicing and the destructor belong to the main
//   thread (the MainLoop's). Requests are built there; GetSlice runs on one worker
//   thread; results come back as one SliceReadyEvent per task, posted to the main
//   loop and emitted there by `slice_ready`, in submission order.
// - Lazy: a task still queued when a newer one is submitted is cancelled and never
//   runs (it counts as done). A running task is not interrupted.
// - The sync barrier: inside a SyncSlicing scope, Submit first waits for every task
//   already in flight, then slices on the calling thread and delivers before it
//   returns. WaitUntilIdle(timeout) runs the main loop until every submitted task
//   is delivered or cancelled; on timeout it fails naming the pending tasks.
// - Errors: building a request fails Submit (nothing is queued); a failing GetSlice
//   reaches the consumer as that layer's Status in the event, with the layer's name.
#pragma once

#include <chrono>
#include <condition_variable>
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

namespace stackshot {

struct LayerSliceResult {
  std::shared_ptr<Layer> layer;
  std::shared_ptr<const SliceResponse> response;  // null when status is not ok
  Status status;
};

struct SliceReadyEvent {
  uint64_t task_id = 0;
  std::vector<LayerSliceResult> results;
};

class LayerSlicer {
 public:
  explicit LayerSlicer(MainLoop& loop);
  ~LayerSlicer();
  LayerSlicer(const LayerSlicer&) = delete;
  LayerSlicer& operator=(const LayerSlicer&) = delete;

  Signal<const SliceReadyEvent&> slice_ready;

  // Slices the visible layers at `dims`; returns the task id.
  Result<uint64_t> Submit(const std::vector<std::shared_ptr<Layer>>& layers, const Dims& dims);

  Status WaitUntilIdle(std::chrono::milliseconds timeout);
  bool idle() const { return outstanding_.empty(); }

  // Cancels the queued task, waits for the running one; Submit fails afterwards.
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
  uint64_t cancelled_count() const { return cancelled_count_; }

 private:
  struct Task {
    uint64_t id = 0;
    std::vector<std::pair<std::shared_ptr<Layer>, std::shared_ptr<const SliceRequest>>> requests;
  };
  // State the worker thread shares; guarded by mutex.
  struct Queue {
    std::mutex mutex;
    std::condition_variable wake;
    std::optional<Task> queued;
    uint64_t running_id = 0;  // 0: nothing running
    bool stop = false;
  };

  static SliceReadyEvent RunTask(Task task);
  void WorkerLoop();
  void Deliver(const SliceReadyEvent& event);
  std::string DescribePending();

  MainLoop& loop_;
  std::shared_ptr<Queue> queue_ = std::make_shared<Queue>();
  // Read and written on the main thread only; deliveries posted after destruction
  // see false and do nothing.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::map<uint64_t, std::string> outstanding_;  // task id → layer names
  uint64_t next_task_id_ = 1;
  uint64_t next_request_id_ = 1;
  uint64_t cancelled_count_ = 0;
  int sync_depth_ = 0;
  bool shut_down_ = false;
  std::chrono::milliseconds sync_timeout_{std::chrono::minutes(10)};
  std::thread worker_;
};

}  // namespace stackshot
