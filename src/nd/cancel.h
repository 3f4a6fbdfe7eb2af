// CancelToken: cooperative cancellation of work running on another thread.
//
// Conventions: the owner calls Cancel() from any thread; the work polls cancelled()
// at its natural boundaries (a chunk, a read, a plane) and returns a kCancelled
// Status. Nothing is interrupted mid-operation.
#pragma once

#include <atomic>

namespace stackshot {

class CancelToken {
 public:
  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

  // A token nobody cancels, for callers that do not need cancellation.
  static const CancelToken& Never() {
    static const CancelToken never;
    return never;
  }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace stackshot
