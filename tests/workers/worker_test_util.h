// Helpers for the worker tests: run a main loop until a worker finished, and
// record the signals a worker delivers as text.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "events/main_loop.h"
#include "workers/create_worker.h"

namespace stackshot::testing {

inline constexpr std::chrono::seconds kWait{30};

template <typename T>
std::string ToText(const T& value) {
  if constexpr (std::is_same_v<T, std::string>) {
    return value;
  } else {
    return std::to_string(value);
  }
}

// Appends "started", "yielded 2", "returned 3", "errored boom", … to `log` in the
// order the worker's signals are delivered.
template <typename W>
void Record(W& worker, std::vector<std::string>& log) {
  auto& s = worker.signals();
  s.started.Connect([&log] { log.push_back("started"); });
  s.finished.Connect([&log] { log.push_back("finished"); });
  s.errored.Connect([&log](std::exception_ptr e) { log.push_back("errored " + DescribeException(e)); });
  s.warned.Connect([&log](const std::string& m) { log.push_back("warned " + m); });
  if constexpr (std::is_same_v<std::decay_t<decltype(s.returned)>, Signal<>>) {
    s.returned.Connect([&log] { log.push_back("returned"); });
  } else {
    s.returned.Connect([&log](const auto& v) { log.push_back("returned " + ToText(v)); });
  }
  if constexpr (requires { s.yielded; }) {
    s.yielded.Connect([&log](const auto& v) { log.push_back("yielded " + ToText(v)); });
    s.paused.Connect([&log] { log.push_back("paused"); });
    s.resumed.Connect([&log] { log.push_back("resumed"); });
    s.aborted.Connect([&log] { log.push_back("aborted"); });
  }
}

// Runs `loop` until `worker` delivered finished (connect before starting it).
class FinishWatch {
 public:
  explicit FinishWatch(WorkerBase& worker) {
    worker.base_signals().finished.Connect([this] { *finished_ = true; });
  }
  bool Wait(MainLoop& loop) {
    return loop.RunUntil([this] { return *finished_; }, std::chrono::duration_cast<std::chrono::milliseconds>(kWait));
  }
  bool finished() const { return *finished_; }

 private:
  std::shared_ptr<bool> finished_ = std::make_shared<bool>(false);
};

}  // namespace stackshot::testing
