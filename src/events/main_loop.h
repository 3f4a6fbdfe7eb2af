// events/: the main loop and signals.
//
// Conventions:
// - The thread that creates a MainLoop is its main thread. It alone runs posted
//   tasks and emits signals that touch viewer state (the analogue of Qt's event
//   loop and napari's ensure_main_thread).
// - Post() may be called from any thread; tasks run in the order they were posted.
// - Nothing here knows about layers or slicing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace stackshot {

class MainLoop {
 public:
  MainLoop();
  MainLoop(const MainLoop&) = delete;
  MainLoop& operator=(const MainLoop&) = delete;

  // Any thread: queue `task` for the main thread and wake it.
  void Post(std::function<void()> task);

  // Main thread: runs the tasks queued now (not those they post); returns how many.
  int RunPending();

  // Main thread: runs tasks as they arrive until `done()` holds (checked before
  // waiting and after each task) or `timeout` passes. Returns done().
  bool RunUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);

  bool IsMainThread() const { return std::this_thread::get_id() == main_thread_; }
  size_t pending() const;

 private:
  std::thread::id main_thread_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
};

}  // namespace stackshot
