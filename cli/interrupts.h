// Ctrl-C (SIGINT) and SIGTERM for the whole program.
//
// Install() runs first in main(), before any thread exists: it blocks both signals
// in every thread (threads inherit the mask) and starts one thread that waits for
// them with sigwait(). So no code ever runs inside a signal handler, and the
// watcher may do ordinary work.
//
// - First signal, while a command cooperates (a CooperateScope is alive): every
//   worker is asked to quit at its next step (QuitAllWorkers) and the command's loop
//   is woken. The command finishes or discards the work in progress, prints what
//   was completed and exits with 128 + signal (130 for SIGINT, 143 for SIGTERM).
// - First signal otherwise (nothing cooperative is running): the registered
//   temporary files are removed and the program exits at once with 128 + signal.
// - Second signal: the same immediate exit.
#pragma once

#include <string>

namespace stackshot {

class MainLoop;

namespace interrupts {

void Install();

// The first signal received (SIGINT or SIGTERM), or 0.
int Received();
// 128 + Received().
int ExitCode();
// "SIGINT", "SIGTERM".
std::string SignalName(int signal);

// While alive, the first signal asks workers to quit and wakes `loop` instead of
// exiting. The loop must outlive the scope.
class CooperateScope {
 public:
  explicit CooperateScope(MainLoop& loop);
  ~CooperateScope();
  CooperateScope(const CooperateScope&) = delete;
  CooperateScope& operator=(const CooperateScope&) = delete;
};

// Files an immediate exit removes (temporary outputs being written), and a note
// it prints ("interrupted by SIGINT; <note>").
void AddTemporaryFile(const std::string& path);
void ClearTemporaryFiles();
void SetExitNote(const std::string& note);

}  // namespace interrupts
}  // namespace stackshot
