// Progress of workers: the model behind a progress bar. Drawing it is the CLI's
// business (cli/terminal_progress.h); this module knows no terminal.
//
// Conventions:
// - A bar belongs to one worker. It appears when the worker starts, not when it is
//   created, and ends when the worker finishes (done, aborted or failed).
// - total <= 0 means indeterminate (a spinner). A generator with progress advances
//   one step per yield. A step taken at n == total turns the bar indeterminate
//   instead of overflowing it, and n counts on from there (napari's
//   increment_with_overflow). A function worker never steps: given a total, it
//   warns and gets an indeterminate bar.
// - Listeners are process-wide, like napari's progress_manager. A bar's events
//   reach them in order on the thread that delivers its worker's signals (the
//   worker's MainLoop, or the worker thread in direct mode). Adding and removing
//   listeners is thread-safe; a listener must be thread-safe itself when workers
//   deliver on several threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace stackshot {

struct ProgressSpec {
  int64_t total = 0;  // <= 0: indeterminate
  std::string desc{};
};

enum class ProgressOutcome { kDone, kAborted, kFailed };
const char* ProgressOutcomeName(ProgressOutcome outcome);  // "done", "aborted", "failed"

// One bar: a plain value the worker updates on its delivery thread.
struct ProgressState {
  uint64_t id = 0;  // the worker's id
  std::string desc;
  int64_t n = 0;
  int64_t total = 0;
  std::chrono::steady_clock::time_point started{};

  bool indeterminate() const { return total <= 0; }
  // One step, with the overflow rule above.
  void Step();
  // Sets n; a value past a positive total makes the bar indeterminate.
  void Set(int64_t value);
};

class ProgressListener {
 public:
  virtual ~ProgressListener() = default;
  virtual void OnProgressStart(const ProgressState& bar) = 0;
  virtual void OnProgressUpdate(const ProgressState& bar) = 0;
  virtual void OnProgressEnd(const ProgressState& bar, ProgressOutcome outcome) = 0;
};

void AddProgressListener(std::shared_ptr<ProgressListener> listener);
void RemoveProgressListener(const std::shared_ptr<ProgressListener>& listener);

// Called by workers; every listener hears each event.
void PublishProgressStart(const ProgressState& bar);
void PublishProgressUpdate(const ProgressState& bar);
void PublishProgressEnd(const ProgressState& bar, ProgressOutcome outcome);

}  // namespace stackshot
