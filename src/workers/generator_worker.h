// GeneratorWorker<Y, R, S>: drives a Generator<Y, R, S> on a pool thread, one step
// per yield, like superqt's GeneratorWorker.
//
// Each step: quit? → aborted, stop. Pause requested? → paused, wait for Resume (or
// Quit). Then resume the generator with what Send() wrote since the last step (the
// co_yield's value; empty if nothing was sent): a co_yield → yielded(value) (and one
// progress step); the end → returned(value) unless Quit() was called.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>

#include "workers/generator.h"
#include "workers/worker_base.h"

namespace stackshot {

template <typename Y, typename R = void, typename S = Y>
class GeneratorWorker final : public BasicWorker<GeneratorSignals<Y, R>> {
 public:
  using GeneratorType = Generator<Y, R, S>;

  // `make` creates the generator now (its body does not run yet); it is kept, and
  // with it whatever the coroutine refers to (a lambda's captures, arguments).
  GeneratorWorker(WorkerConfig config, std::function<GeneratorType()> make)
      : BasicWorker<GeneratorSignals<Y, R>>(std::move(config)), make_(std::move(make)), generator_(make_()) {}

  // Any thread: the value the pending co_yield receives at the next step. One
  // slot: a second Send before that step replaces the first.
  void Send(S value) {
    std::lock_guard<std::mutex> lock(send_mutex_);
    sent_ = std::move(value);
  }

 private:
  std::optional<S> TakeSent() {
    std::lock_guard<std::mutex> lock(send_mutex_);
    return std::exchange(sent_, std::nullopt);
  }

  void DoWork() override {
    // The generator's locals die on this thread when the work ends, however it ends.
    struct Release {
      GeneratorType& generator;
      ~Release() { generator = GeneratorType(); }
    } release{generator_};

    bool first = true;
    for (;;) {
      if (this->ShouldStop()) {
        this->DeliverAborted();
        return;
      }
      // The first step starts the body: there is no co_yield yet to receive a value.
      std::optional<S> sent;
      if (!first) sent = TakeSent();
      first = false;
      if (!generator_.Next(std::move(sent))) {
        this->MarkCompleted();
        if constexpr (std::is_void_v<R>) {
          this->DeliverReturned();
        } else {
          this->DeliverReturned(generator_.TakeResult());
        }
        return;
      }
      this->DeliverYield([this, value = generator_.TakeValue()] {
        this->StepProgressNow();
        this->signals().yielded.Emit(value);
      });
    }
  }

  std::function<GeneratorType()> make_;
  GeneratorType generator_;  // after make_: destroyed first
  std::mutex send_mutex_;
  std::optional<S> sent_;
};

}  // namespace stackshot
