// The process-wide registry of started workers (napari's WorkerBase._worker_set),
// and the pool of threads they run on (Qt's global QThreadPool).
//
// Conventions:
// - A worker is in the registry from Start() until its pool thread has finished
//   with it (after its finished signal was emitted or posted).
// - The pool reuses idle threads and adds one, up to a limit, when none is idle;
//   beyond the limit, started workers wait in order for a free thread. The limit
//   is max(16, 2 × cores): workers that block (paused, waiting for the main loop)
//   hold a thread.
// - At process exit every worker still registered is asked to quit and waited for,
//   then the pool's threads are joined: no thread is left behind. A function worker
//   cannot be interrupted, so exit waits for it (as napari does).
// - Do not call AwaitWorkers from a worker's own thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nd/status.h"

namespace stackshot {

class WorkerBase;

// Asks every registered worker to quit and waits up to `timeout` for all of them
// to finish. On timeout fails naming those still running.
Status AwaitWorkers(std::chrono::milliseconds timeout);

// Asks every registered worker to quit; does not wait. Any thread.
void QuitAllWorkers();

// The descriptions of the registered workers, in start order.
std::vector<std::string> RunningWorkers();
size_t RunningWorkerCount();

// The pool's thread limit and how many threads it has made so far.
size_t WorkerThreadLimit();
size_t WorkerThreadCount();

// Internal, for WorkerBase: Start() registers and queues; RunHere() registers for
// the duration of the run.
void RegisterAndSubmitWorker(std::shared_ptr<WorkerBase> worker);
void RegisterWorker(const std::shared_ptr<WorkerBase>& worker);
void UnregisterWorker(uint64_t id);

}  // namespace stackshot
