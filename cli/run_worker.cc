#include "run_worker.h"

#include <chrono>
#include <memory>

#include "interrupts.h"
#include "terminal_progress.h"

namespace stackshot {

WorkerRun RunWorker(MainLoop& loop, WorkerBase& worker, bool cooperative) {
  WorkerRun run;
  auto finished = std::make_shared<bool>(false);
  worker.base_signals().finished.Connect([finished] { *finished = true; });
  std::optional<interrupts::CooperateScope> cooperate;
  if (cooperative) cooperate.emplace(loop);
  if (Status status = worker.Start(); !status.ok()) {
    run.error = status.message();
    return run;
  }
  // A signal that came before the worker was registered.
  if (interrupts::Received() != 0) worker.Quit();
  while (!*finished) {
    try {
      loop.RunUntil([&] { return *finished; }, std::chrono::milliseconds(100));
    } catch (const WorkerError& e) {
      // Re-raised on the main loop (no errored handler): the worker still
      // finishes; keep delivering until it has.
      run.error = e.what();
    }
    TickProgress();
  }
  run.signal = interrupts::Received();
  return run;
}

}  // namespace stackshot
