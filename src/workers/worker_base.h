// workers/: napari's thread_worker in C++. WorkerBase runs a job on a thread of the
// worker pool and reports through signals delivered on a MainLoop.
//
// Conventions for the module:
// - Signal order: started → (yielded …) → returned → finished on success;
//   started → … → errored → finished on an exception; a generator that quits:
//   started → … → aborted → finished (no returned); a function worker that quits:
//   started → finished (neither), also when Quit() came while it ran (napari:
//   returned only if not abort_requested). A quit that reaches a generator after
//   its body's last step is too late: it returns normally.
// - Delivery: kQueued (default, Qt's queued connection) posts every emission to
//   `config.loop`, whose thread runs the callbacks in emission order. kDirect emits
//   on the worker's thread: for code that drives the work itself (RunHere) or
//   callbacks that only touch thread-safe state. The MainLoop must outlive the
//   worker's run (AwaitWorkers before destroying it).
// - Control: Quit, Pause, Resume, TogglePause and Send are thread-safe requests that
//   take effect only between steps (a generator's yields, a custom worker's
//   ShouldStop()), quit first, so quit while paused works. Pause() counts only while
//   running, Resume() only while paused; is_paused() turns true when the worker has
//   acknowledged the pause.
// - Start() twice is an error (a worker runs once). A started worker is in the
//   process-wide registry (worker_registry.h) until its thread is done with it.
// - Errors: an exception escaping the work is delivered as errored(exception_ptr).
//   With no errored callback and without ignore_errors it is re-raised on the main
//   loop as a WorkerError (thrown out of MainLoop::RunUntil / RunPending), naming
//   the worker's description.
// - Workers are owned by std::shared_ptr (std::make_shared); Start() fails otherwise.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "events/main_loop.h"
#include "nd/status.h"
#include "workers/progress.h"
#include "workers/worker_signals.h"

namespace stackshot {

enum class Delivery { kQueued, kDirect };

struct WorkerConfig {
  MainLoop* loop = nullptr;  // where signals are delivered; required by Start()
  Delivery delivery = Delivery::kQueued;
  bool ignore_errors = false;               // do not re-raise unhandled errors
  std::optional<ProgressSpec> progress{};   // a bar from start to finish
  std::string description{};                // for messages; default "worker N"
  // A generator waits after a yield while more than this many yielded values are
  // undelivered: -1 unbounded, 0 lockstep (each yield handled before the next step).
  int max_pending_yields = -1;
};

// An unhandled error of a worker, re-raised on its main loop.
class WorkerError : public std::runtime_error {
 public:
  WorkerError(const std::string& description, std::exception_ptr cause);
  const std::string& description() const { return description_; }
  std::exception_ptr cause() const { return cause_; }

 private:
  std::string description_;
  std::exception_ptr cause_;
};

// "what()" of an exception_ptr's exception, or "unknown exception".
std::string DescribeException(std::exception_ptr error);

class WorkerBase : public std::enable_shared_from_this<WorkerBase> {
 public:
  virtual ~WorkerBase();
  WorkerBase(const WorkerBase&) = delete;
  WorkerBase& operator=(const WorkerBase&) = delete;

  // Runs the work on a pool thread.
  Status Start();
  // Runs the work on the calling thread and returns when it is finished. Without a
  // loop, an unhandled error is rethrown from here as a WorkerError.
  Status RunHere();

  void Quit();
  void Pause();
  void Resume();
  void TogglePause();

  bool is_running() const { return running_.load(std::memory_order_acquire); }
  bool is_paused() const { return paused_.load(std::memory_order_acquire); }
  bool abort_requested() const { return abort_.load(std::memory_order_acquire); }
  bool started() const { return started_.load(std::memory_order_acquire); }

  uint64_t id() const { return id_; }
  const std::string& description() const { return description_; }
  WorkerSignals& base_signals() { return *signals_; }

  // Connects callbacks to the signal called `name` (see worker_signals.h).
  Status Connect(const std::string& name, const WorkerCallbacks& callbacks);

  // The bar, on the delivery thread only; empty before start or without progress.
  const std::optional<ProgressState>& progress() const { return progress_; }

 protected:
  WorkerBase(WorkerConfig config, std::unique_ptr<WorkerSignals> signals);

  // The job, on the worker's thread. Exceptions become errored.
  virtual void DoWork() = 0;

  // A step boundary: acknowledges a pause (waiting for Resume or Quit) and returns
  // true when the worker should stop because Quit() was called.
  bool ShouldStop();

  // Emits through the delivery mode, keeping the worker alive until delivered.
  void Deliver(std::function<void()> emit);
  // Deliver for a yielded value, honouring max_pending_yields.
  void DeliverYield(std::function<void()> emit);
  // warned(message), from the work.
  void Warn(std::string message);
  // A warning delivered right after started (a function worker given a total).
  void WarnOnStart(std::string message) { start_warnings_.push_back(std::move(message)); }

  // Progress from the work: a custom worker may start its bar late (after it knows
  // the input is usable), then step or set it.
  void BeginProgress(ProgressSpec spec);
  void AdvanceProgress(int64_t steps = 1);
  void SetProgress(int64_t n);
  // On the delivery thread: one step of the bar, if there is one.
  void StepProgressNow();

  // Called on the worker's thread when a pause is acknowledged or lifted; workers
  // with paused/resumed signals deliver them.
  virtual void OnPaused() {}
  virtual void OnResumed() {}

  const WorkerConfig& config() const { return config_; }
  // The work ran to its end although a quit came (the bar ends "done").
  void MarkCompleted() { completed_ = true; }
  // The work failed without an exception (it returns the error as a value): the
  // bar ends "failed".
  void MarkFailed() { failed_ = true; }

 private:
  friend void RunPooledWorker(std::shared_ptr<WorkerBase> worker);

  Status MarkStarted();
  void Run();
  void ReportError(std::exception_ptr error);
  void RaiseUnhandled(std::exception_ptr error);
  void StartProgressNow(const ProgressSpec& spec);
  void EndProgressNow(ProgressOutcome outcome);

  WorkerConfig config_;
  std::unique_ptr<WorkerSignals> signals_;
  const uint64_t id_;
  std::string description_;
  std::vector<std::string> start_warnings_;

  std::atomic<bool> started_{false};
  std::atomic<bool> running_{false};
  std::atomic<bool> paused_{false};
  std::atomic<bool> abort_{false};
  // Set while a control request may need ShouldStop() to look (its fast path).
  std::atomic<bool> control_pending_{false};
  std::atomic<bool> final_posted_{false};
  std::mutex control_mutex_;
  std::condition_variable control_wake_;
  bool pause_requested_ = false;   // guarded by control_mutex_
  bool resume_requested_ = false;  // guarded by control_mutex_
  int64_t pending_yields_ = 0;     // guarded by control_mutex_

  bool completed_ = false;                 // worker thread only
  bool failed_ = false;                    // worker thread only
  std::optional<ProgressState> progress_;  // delivery thread only
  std::exception_ptr unhandled_;           // RunHere without a loop
};

// Adds typed signals to WorkerBase; the signals object is created here, like
// napari's SignalsClass argument.
template <typename Signals>
class BasicWorker : public WorkerBase {
 public:
  Signals& signals() { return static_cast<Signals&>(base_signals()); }

 protected:
  explicit BasicWorker(WorkerConfig config) : WorkerBase(std::move(config), std::make_unique<Signals>()) {}

  void OnPaused() override {
    if constexpr (requires(Signals& s) { s.paused.Emit(); }) Deliver([this] { signals().paused.Emit(); });
  }
  void OnResumed() override {
    if constexpr (requires(Signals& s) { s.resumed.Emit(); }) Deliver([this] { signals().resumed.Emit(); });
  }
  // aborted, for workers whose signals have it.
  void DeliverAborted() {
    if constexpr (requires(Signals& s) { s.aborted.Emit(); }) Deliver([this] { signals().aborted.Emit(); });
  }
  // returned(value). Function and custom workers skip it when Quit() was called
  // (napari's rule); a generator whose body ran to its end delivers it anyway.
  template <typename T>
  void DeliverReturned(T value) {
    Deliver([this, value = std::move(value)] { signals().returned.Emit(value); });
  }
  void DeliverReturned() {
    Deliver([this] { signals().returned.Emit(); });
  }
};

}  // namespace stackshot
