// The registry of started workers and the pool of threads that runs them.
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "exec/parallel.h"
#include "workers/worker_base.h"
#include "workers/worker_registry.h"

namespace stackshot {

// Runs a worker on the calling thread; friend of WorkerBase.
void RunPooledWorker(std::shared_ptr<WorkerBase> worker) { worker->Run(); }

namespace {

class Registry {
 public:
  void Add(const std::shared_ptr<WorkerBase>& worker) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.emplace(worker->id(), Entry{worker, worker->description()});
  }

  void Remove(uint64_t id) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      entries_.erase(id);
    }
    changed_.notify_all();
  }

  void QuitAll() {
    // Quit outside the lock: it only sets flags, but keeps the lock order simple.
    for (const auto& worker : Alive()) worker->Quit();
  }

  bool WaitEmpty(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return entries_.empty(); });
  }

  void WaitEmptyForever() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return entries_.empty(); });
  }

  std::vector<std::string> Descriptions() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [id, entry] : entries_) out.push_back(entry.description);
    return out;
  }

  size_t size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    std::weak_ptr<WorkerBase> worker;
    std::string description;
  };

  std::vector<std::shared_ptr<WorkerBase>> Alive() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::shared_ptr<WorkerBase>> out;
    for (const auto& [id, entry] : entries_) {
      if (auto worker = entry.worker.lock()) out.push_back(std::move(worker));
    }
    return out;
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<uint64_t, Entry> entries_;  // ids grow, so this is start order
};

class Pool {
 public:
  explicit Pool(Registry& registry)
      : registry_(registry), limit_(std::max<size_t>(16, 2 * static_cast<size_t>(ResolveThreadCount(0)))) {}

  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }

  void Submit(std::shared_ptr<WorkerBase> worker) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(worker));
    if (idle_ < queue_.size() && threads_.size() < limit_) {
      threads_.emplace_back([this] { Loop(); });
    } else {
      wake_.notify_one();
    }
  }

  size_t limit() const { return limit_; }
  size_t thread_count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return threads_.size();
  }

 private:
  void Loop() {
    for (;;) {
      std::shared_ptr<WorkerBase> worker;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ++idle_;
        wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        --idle_;
        if (queue_.empty()) return;  // stopping
        worker = std::move(queue_.front());
        queue_.pop_front();
      }
      const uint64_t id = worker->id();
      RunPooledWorker(std::move(worker));  // drops this thread's reference
      registry_.Remove(id);
    }
  }

  Registry& registry_;
  const size_t limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<WorkerBase>> queue_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool stop_ = false;
};

struct Runtime {
  Registry registry;
  Pool pool{registry};

  // Process exit: napari's graceful shutdown, then the threads are joined.
  ~Runtime() {
    registry.QuitAll();
    registry.WaitEmptyForever();
  }
};

Runtime& GetRuntime() {
  static Runtime runtime;
  return runtime;
}

}  // namespace

void RegisterAndSubmitWorker(std::shared_ptr<WorkerBase> worker) {
  Runtime& runtime = GetRuntime();
  runtime.registry.Add(worker);
  runtime.pool.Submit(std::move(worker));
}

void RegisterWorker(const std::shared_ptr<WorkerBase>& worker) { GetRuntime().registry.Add(worker); }
void UnregisterWorker(uint64_t id) { GetRuntime().registry.Remove(id); }

Status AwaitWorkers(std::chrono::milliseconds timeout) {
  Registry& registry = GetRuntime().registry;
  registry.QuitAll();
  if (registry.WaitEmpty(timeout)) return Status::Ok();
  const std::vector<std::string> running = registry.Descriptions();
  if (running.empty()) return Status::Ok();
  std::string names;
  for (const std::string& name : running) names += (names.empty() ? "" : ", ") + name;
  return DeadlineExceededError(std::to_string(running.size()) + " worker" + (running.size() == 1 ? "" : "s") +
                               " still running after " + std::to_string(timeout.count()) + " ms: " + names);
}

void QuitAllWorkers() { GetRuntime().registry.QuitAll(); }
std::vector<std::string> RunningWorkers() { return GetRuntime().registry.Descriptions(); }
size_t RunningWorkerCount() { return GetRuntime().registry.size(); }
size_t WorkerThreadLimit() { return GetRuntime().pool.limit(); }
size_t WorkerThreadCount() { return GetRuntime().pool.thread_count(); }

}  // namespace stackshot
