#include "workers/worker_base.h"

#include <chrono>
#include <utility>

#include "workers/worker_registry.h"

namespace stackshot {
namespace {

std::atomic<uint64_t> next_worker_id{1};

std::string DefaultDescription(const WorkerConfig& config, uint64_t id) {
  if (!config.description.empty()) return config.description;
  if (config.progress && !config.progress->desc.empty()) return config.progress->desc;
  return "worker " + std::to_string(id);
}

}  // namespace

WorkerError::WorkerError(const std::string& description, std::exception_ptr cause)
    : std::runtime_error(description + ": " + DescribeException(cause)), description_(description), cause_(cause) {}

std::string DescribeException(std::exception_ptr error) {
  if (!error) return "no exception";
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

WorkerBase::WorkerBase(WorkerConfig config, std::unique_ptr<WorkerSignals> signals)
    : config_(std::move(config)), signals_(std::move(signals)), id_(next_worker_id.fetch_add(1)) {
  description_ = DefaultDescription(config_, id_);
}

WorkerBase::~WorkerBase() = default;

Status WorkerBase::MarkStarted() {
  if (started_.exchange(true, std::memory_order_acq_rel)) {
    return InvalidArgumentError("worker '" + description_ + "': already started (a worker runs once)");
  }
  return Status::Ok();
}

Status WorkerBase::Start() {
  if (config_.loop == nullptr) {
    return InvalidArgumentError("worker '" + description_ + "': Start() needs a MainLoop (WorkerConfig::loop)");
  }
  std::shared_ptr<WorkerBase> self = weak_from_this().lock();
  if (!self) {
    return InvalidArgumentError("worker '" + description_ + "': must be owned by a std::shared_ptr to start");
  }
  RETURN_IF_ERROR(MarkStarted());
  RegisterAndSubmitWorker(std::move(self));
  return Status::Ok();
}

Status WorkerBase::RunHere() {
  std::shared_ptr<WorkerBase> self = weak_from_this().lock();
  if (config_.delivery == Delivery::kQueued && (config_.loop == nullptr || !self)) {
    return InvalidArgumentError("worker '" + description_ +
                                "': queued delivery needs a MainLoop and a std::shared_ptr owner");
  }
  RETURN_IF_ERROR(MarkStarted());
  if (self) RegisterWorker(self);
  Run();
  if (self) UnregisterWorker(id_);
  if (unhandled_) throw WorkerError(description_, std::exchange(unhandled_, nullptr));
  return Status::Ok();
}

void WorkerBase::Run() {
  running_.store(true, std::memory_order_release);
  Deliver([this] {
    if (config_.progress) StartProgressNow(*config_.progress);
    signals_->started.Emit();
  });
  for (std::string& warning : start_warnings_) Warn(std::move(warning));
  start_warnings_.clear();

  // The exception object is handed over whole to the delivering thread (moved, not
  // copied), so that it is released there and never on two threads at once.
  std::exception_ptr error;
  try {
    DoWork();
  } catch (...) {
    error = std::current_exception();
  }
  const bool failed = error != nullptr || failed_;
  if (error) ReportError(std::move(error));
  const ProgressOutcome outcome = failed            ? ProgressOutcome::kFailed
                                  : abort_requested() && !completed_ ? ProgressOutcome::kAborted
                                                      : ProgressOutcome::kDone;
  {
    std::lock_guard<std::mutex> lock(control_mutex_);
    paused_.store(false, std::memory_order_release);
  }
  running_.store(false, std::memory_order_release);
  if (config_.delivery == Delivery::kDirect) {
    EndProgressNow(outcome);
    signals_->finished.Emit();
    return;
  }
  // finished runs only once this thread is out of Post(), so that whoever sees
  // it may destroy the loop at once.
  config_.loop->Post([self = shared_from_this(), outcome] {
    self->final_posted_.wait(false, std::memory_order_acquire);
    self->EndProgressNow(outcome);
    self->signals_->finished.Emit();
  });
  final_posted_.store(true, std::memory_order_release);
  final_posted_.notify_all();
}

void WorkerBase::ReportError(std::exception_ptr error) {
  Deliver([this, error = std::move(error)]() mutable {
    signals_->errored.Emit(error);
    if (signals_->errored.size() == 0 && !config_.ignore_errors) RaiseUnhandled(std::move(error));
  });
}

void WorkerBase::RaiseUnhandled(std::exception_ptr error) {
  // Queued: this runs on the main loop already, so throw out of it.
  if (config_.delivery == Delivery::kQueued) throw WorkerError(description_, std::move(error));
  if (config_.loop != nullptr) {
    config_.loop->Post([description = description_, error = std::move(error)] { throw WorkerError(description, error); });
    return;
  }
  unhandled_ = std::move(error);
}

void WorkerBase::Quit() {
  {
    std::lock_guard<std::mutex> lock(control_mutex_);
    abort_.store(true, std::memory_order_release);
    control_pending_.store(true, std::memory_order_release);
  }
  control_wake_.notify_all();
}

void WorkerBase::Pause() {
  if (!is_running()) return;
  std::lock_guard<std::mutex> lock(control_mutex_);
  if (paused_.load(std::memory_order_acquire)) return;
  pause_requested_ = true;
  control_pending_.store(true, std::memory_order_release);
}

void WorkerBase::Resume() {
  {
    std::lock_guard<std::mutex> lock(control_mutex_);
    if (!paused_.load(std::memory_order_acquire)) return;
    resume_requested_ = true;
    control_pending_.store(true, std::memory_order_release);
  }
  control_wake_.notify_all();
}

void WorkerBase::TogglePause() {
  if (is_paused()) {
    Resume();
  } else {
    Pause();
  }
}

bool WorkerBase::ShouldStop() {
  if (!control_pending_.load(std::memory_order_acquire)) return false;
  std::unique_lock<std::mutex> lock(control_mutex_);
  for (;;) {
    if (abort_.load(std::memory_order_acquire)) {
      paused_.store(false, std::memory_order_release);
      return true;
    }
    if (paused_.load(std::memory_order_acquire)) {
      if (!resume_requested_) {
        control_wake_.wait(lock);
        continue;
      }
      resume_requested_ = false;
      paused_.store(false, std::memory_order_release);
      control_pending_.store(pause_requested_, std::memory_order_release);
      lock.unlock();
      OnResumed();
      return false;
    }
    if (pause_requested_) {
      pause_requested_ = false;
      resume_requested_ = false;
      paused_.store(true, std::memory_order_release);
      lock.unlock();
      OnPaused();
      lock.lock();
      continue;
    }
    control_pending_.store(false, std::memory_order_release);
    return false;
  }
}

void WorkerBase::Deliver(std::function<void()> emit) {
  if (config_.delivery == Delivery::kDirect) {
    emit();
    return;
  }
  config_.loop->Post([self = shared_from_this(), emit = std::move(emit)] { emit(); });
}

void WorkerBase::DeliverYield(std::function<void()> emit) {
  // Waiting on the loop's own thread (RunHere) would never end: no bound there.
  if (config_.max_pending_yields < 0 || config_.delivery == Delivery::kDirect || config_.loop->IsMainThread()) {
    Deliver(std::move(emit));
    return;
  }
  {
    std::lock_guard<std::mutex> lock(control_mutex_);
    ++pending_yields_;
  }
  Deliver([this, emit = std::move(emit)] {
    struct Done {
      WorkerBase* worker;
      ~Done() {
        {
          std::lock_guard<std::mutex> lock(worker->control_mutex_);
          --worker->pending_yields_;
        }
        worker->control_wake_.notify_all();
      }
    } done{this};
    emit();
  });
  std::unique_lock<std::mutex> lock(control_mutex_);
  control_wake_.wait(lock, [&] {
    return pending_yields_ <= config_.max_pending_yields || abort_.load(std::memory_order_acquire);
  });
}

void WorkerBase::Warn(std::string message) {
  Deliver([this, message = std::move(message)] { signals_->warned.Emit(message); });
}

Status WorkerBase::Connect(const std::string& name, const WorkerCallbacks& callbacks) {
  for (const WorkerCallback& callback : callbacks.list()) {
    Status status = signals_->Connect(name, callback);
    if (!status.ok()) return std::move(status).WithContext("worker '" + description_ + "': connect");
  }
  return Status::Ok();
}

void WorkerBase::StartProgressNow(const ProgressSpec& spec) {
  ProgressState bar;
  bar.id = id_;
  bar.desc = spec.desc.empty() ? description_ : spec.desc;
  bar.total = spec.total;
  bar.started = std::chrono::steady_clock::now();
  progress_ = std::move(bar);
  PublishProgressStart(*progress_);
}

void WorkerBase::EndProgressNow(ProgressOutcome outcome) {
  if (progress_) PublishProgressEnd(*progress_, outcome);
}

void WorkerBase::StepProgressNow() {
  if (!progress_) return;
  progress_->Step();
  PublishProgressUpdate(*progress_);
}

void WorkerBase::BeginProgress(ProgressSpec spec) {
  Deliver([this, spec = std::move(spec)] {
    if (!progress_) {
      StartProgressNow(spec);
      return;
    }
    if (!spec.desc.empty()) progress_->desc = spec.desc;
    progress_->total = spec.total;
    PublishProgressUpdate(*progress_);
  });
}

void WorkerBase::AdvanceProgress(int64_t steps) {
  Deliver([this, steps] {
    if (!progress_) return;
    for (int64_t i = 0; i < steps; ++i) progress_->Step();
    PublishProgressUpdate(*progress_);
  });
}

void WorkerBase::SetProgress(int64_t n) {
  Deliver([this, n] {
    if (!progress_) return;
    progress_->Set(n);
    PublishProgressUpdate(*progress_);
  });
}

}  // namespace stackshot
