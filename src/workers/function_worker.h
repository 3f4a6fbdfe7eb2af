// Worker<R, Signals>: the base of custom workers (implement Work()), and
// FunctionWorker<R>: runs one function on a pool thread.
//
//   class Countdown : public Worker<int> {
//    public:
//     using Worker::Worker;
//    protected:
//     int Work() override {
//       for (int i = 0; i < 100; ++i) {
//         if (ShouldStop()) return i;  // Quit() (or a pause) takes effect here
//         ...
//       }
//       return 100;
//     }
//   };
//   auto worker = std::make_shared<Countdown>(WorkerConfig{.loop = &loop});
//
// The value Work() returns is delivered as returned(value) unless Quit() was
// called. Extra signals: derive from FunctionSignals<R> (or GeneratorSignals),
// Register() them by name, and pass the type as `Signals`.
#pragma once

#include <functional>
#include <string>
#include <type_traits>
#include <utility>

#include "workers/worker_base.h"

namespace stackshot {

template <typename R, typename Signals = FunctionSignals<R>>
class Worker : public BasicWorker<Signals> {
 public:
  explicit Worker(WorkerConfig config) : BasicWorker<Signals>(std::move(config)) {}

 protected:
  virtual R Work() = 0;

 private:
  void DoWork() final {
    if constexpr (std::is_void_v<R>) {
      Work();
      if (!this->abort_requested()) this->DeliverReturned();
    } else {
      R result = Work();
      if (!this->abort_requested()) this->DeliverReturned(std::move(result));
    }
  }
};

template <typename R>
class FunctionWorker final : public BasicWorker<FunctionSignals<R>> {
 public:
  FunctionWorker(WorkerConfig config, std::function<R()> fn)
      : BasicWorker<FunctionSignals<R>>(WithoutTotal(config)), fn_(std::move(fn)) {
    if (config.progress && config.progress->total > 0) {
      this->WarnOnStart("worker '" + this->description() +
                        "': a function worker does not yield, so its progress total is ignored "
                        "(the bar is indeterminate)");
    }
  }

 private:
  void DoWork() override {
    // Quit before a thread got to it: the function is not started at all.
    if (this->abort_requested()) return;
    if constexpr (std::is_void_v<R>) {
      fn_();
      if (!this->abort_requested()) this->DeliverReturned();
    } else {
      R result = fn_();
      if (!this->abort_requested()) this->DeliverReturned(std::move(result));
    }
  }

  static WorkerConfig WithoutTotal(WorkerConfig config) {
    if (config.progress) config.progress->total = 0;
    return config;
  }

  std::function<R()> fn_;
};

}  // namespace stackshot
