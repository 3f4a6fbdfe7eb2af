// WithLatency: a Source that waits before every read (slow or remote storage).
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
  Result<Array> ReadChecked(const Box& box) const override {
    if (latency_ms_ > 0) {
      std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(latency_ms_));
    }
    return inner_->Read(box);
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
