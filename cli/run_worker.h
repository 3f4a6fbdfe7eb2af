// RunWorker: the CLI's main loop while one worker works. It starts the worker,
// delivers its signals, ticks the progress display and lets Ctrl-C / SIGTERM ask
// the worker to quit (interrupts.h), until the worker's finished signal.
#pragma once

#include <optional>
#include <string>

#include "events/main_loop.h"
#include "workers/worker_base.h"

namespace stackshot {

struct WorkerRun {
  int signal = 0;                     // the interrupting signal, 0 if none
  std::optional<std::string> error;   // a failed Start, or an unhandled worker error
};

// Connects to `worker`'s finished signal, starts it and runs `loop` until then.
// Cooperative: the first signal asks the worker to quit (it must stop cleanly at
// its next step); otherwise the first signal exits at once.
WorkerRun RunWorker(MainLoop& loop, WorkerBase& worker, bool cooperative = true);

}  // namespace stackshot
