#include "interrupts.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "events/main_loop.h"
#include "workers/worker_registry.h"

namespace stackshot::interrupts {
namespace {

struct State {
  std::mutex mutex;
  MainLoop* loop = nullptr;  // set while a command cooperates
  std::vector<std::string> temporary_files;
  std::string note = "nothing was written";
  std::atomic<int> first{0};
};

// Never destroyed: the watcher thread may use it while the program exits.
State& GetState() {
  static State* state = new State;
  return *state;
}

// Called with the state locked, from the watcher thread (not a signal handler).
[[noreturn]] void ExitNow(State& state, int signal, bool again) {
  for (const std::string& path : state.temporary_files) ::unlink(path.c_str());
  const std::string message = std::string(again ? "\n" : "") + "stackshot: interrupted" + (again ? " again" : "") +
                              " by " + SignalName(signal) + "; " + state.note + "\n";
  [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, message.data(), message.size());
  ::_exit(128 + signal);
}

void Watch(sigset_t set) {
  for (;;) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    State& state = GetState();
    std::lock_guard<std::mutex> lock(state.mutex);
    int none = 0;
    const bool first = state.first.compare_exchange_strong(none, signal);
    if (first && state.loop != nullptr) {
      QuitAllWorkers();
      state.loop->Post([] {});  // wake the command's loop
      continue;
    }
    ExitNow(state, signal, !first);
  }
}

}  // namespace

void Install() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(Watch, set).detach();
}

int Received() { return GetState().first.load(); }

int ExitCode() { return 128 + Received(); }

std::string SignalName(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "signal " + std::to_string(signal);
  }
}

CooperateScope::CooperateScope(MainLoop& loop) {
  State& state = GetState();
  std::lock_guard<std::mutex> lock(state.mutex);
  state.loop = &loop;
}

CooperateScope::~CooperateScope() {
  State& state = GetState();
  std::lock_guard<std::mutex> lock(state.mutex);
  state.loop = nullptr;
}

void AddTemporaryFile(const std::string& path) {
  State& state = GetState();
  std::lock_guard<std::mutex> lock(state.mutex);
  state.temporary_files.push_back(path);
}

void ClearTemporaryFiles() {
  State& state = GetState();
  std::lock_guard<std::mutex> lock(state.mutex);
  state.temporary_files.clear();
}

void SetExitNote(const std::string& note) {
  State& state = GetState();
  std::lock_guard<std::mutex> lock(state.mutex);
  state.note = note;
}

}  // namespace stackshot::interrupts
