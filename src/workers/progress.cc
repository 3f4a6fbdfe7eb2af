#include "workers/progress.h"

#include <algorithm>
#include <mutex>
#include <vector>

namespace stackshot {
namespace {

struct Listeners {
  std::mutex mutex;
  std::vector<std::shared_ptr<ProgressListener>> list;
};

Listeners& GlobalListeners() {
  static Listeners listeners;
  return listeners;
}

// A copy, so that a listener may add or remove listeners while being called.
std::vector<std::shared_ptr<ProgressListener>> Snapshot() {
  Listeners& listeners = GlobalListeners();
  std::lock_guard<std::mutex> lock(listeners.mutex);
  return listeners.list;
}

}  // namespace

const char* ProgressOutcomeName(ProgressOutcome outcome) {
  switch (outcome) {
    case ProgressOutcome::kDone:
      return "done";
    case ProgressOutcome::kAborted:
      return "aborted";
    case ProgressOutcome::kFailed:
      return "failed";
  }
  return "done";
}

void ProgressState::Step() {
  if (total > 0 && n == total) {
    total = 0;  // reached: indeterminate from here on, n stays
  } else {
    ++n;
  }
}

void ProgressState::Set(int64_t value) {
  if (total > 0 && value > total) total = 0;
  n = value;
}

void AddProgressListener(std::shared_ptr<ProgressListener> listener) {
  Listeners& listeners = GlobalListeners();
  std::lock_guard<std::mutex> lock(listeners.mutex);
  listeners.list.push_back(std::move(listener));
}

void RemoveProgressListener(const std::shared_ptr<ProgressListener>& listener) {
  Listeners& listeners = GlobalListeners();
  std::lock_guard<std::mutex> lock(listeners.mutex);
  std::erase(listeners.list, listener);
}

void PublishProgressStart(const ProgressState& bar) {
  for (const auto& listener : Snapshot()) listener->OnProgressStart(bar);
}

void PublishProgressUpdate(const ProgressState& bar) {
  for (const auto& listener : Snapshot()) listener->OnProgressUpdate(bar);
}

void PublishProgressEnd(const ProgressState& bar, ProgressOutcome outcome) {
  for (const auto& listener : Snapshot()) listener->OnProgressEnd(bar, outcome);
}

}  // namespace stackshot
