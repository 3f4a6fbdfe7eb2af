// WithLatency: a Source that waits before every read (slow or remote storage).
#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>

#include "io/source.h"

namespace stackshot {
namespace {

class LatencySource final : public Source {
 public:
  LatencySource(std::shared_ptr<Source> inner, double latency_ms)
      : inner_(std::move(inner)), latency_ms_(latency_ms) {}

  const Shape& shape() const override { return inner_->shape(); }
  DType dtype() const override { return inner_->dtype(); }
  std::string Describe() const override { return inner_->Describe(); }

 protected:
  Result<Array> ReadChecked(const Box& box, const CancelToken& cancel) const override {
    return ReadCheckedThreaded(box, cancel, kPlainRead);
  }

  Result<Array> ReadCheckedThreaded(const Box& box, const CancelToken& cancel, int threads) const override {
    // Wait in short steps so that a cancelled read stops waiting soon.
    using Clock = std::chrono::steady_clock;
    const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double, std::milli>(latency_ms_));
    while (Clock::now() < until) {
      if (cancel.cancelled()) return CancelledError(Describe() + ": read cancelled");
      std::this_thread::sleep_for(std::min<Clock::duration>(until - Clock::now(), std::chrono::milliseconds(5)));
    }
    return inner_->Read(box, cancel, threads);
  }

 private:
  std::shared_ptr<Source> inner_;
  double latency_ms_;
};

}  // namespace

std::shared_ptr<Source> WithLatency(std::shared_ptr<Source> inner, double latency_ms) {
  return std::make_shared<LatencySource>(std::move(inner), latency_ms);
}

}  // namespace stackshot
