#include "bench/scenario_common.h"

#include <cmath>
#include <cstdio>

namespace stackshot::bench {
namespace {

std::string Number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", v);
  return buffer;
}

}  // namespace

double Millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

Array HashedArray(const Shape& shape) {
  Array data = Array::Zeros(DType::kUInt16, shape);
  uint16_t* p = data.mutable_data<uint16_t>();
  for (int64_t i = 0; i < data.size(); ++i) {
    p[i] = static_cast<uint16_t>((static_cast<uint64_t>(i) * 2654435761u) >> 20);
  }
  return data;
}

Result<Array> GeneratedLevel::ReadChecked(const Box& box, const CancelToken&) const {
  Array out = Array::Zeros(DType::kUInt16, box.count);
  uint16_t* p = out.mutable_data<uint16_t>();
  for (int64_t r = 0; r < box.count[0]; ++r) {
    const int64_t y = (box.start[0] + r) * factor_;
    for (int64_t c = 0; c < box.count[1]; ++c) {
      const int64_t x = (box.start[1] + c) * factor_;
      p[r * box.count[1] + c] = static_cast<uint16_t>((((x >> 6) ^ (y >> 6)) & 0xff) << 8);
    }
  }
  return out;
}

Result<BenchImage> MakeBenchImage(const std::string& name, const Shape& shape, double latency_ms) {
  std::shared_ptr<Source> source = MakeMemorySource(HashedArray(shape), name);
  if (latency_ms > 0) source = WithLatency(source, latency_ms);
  ASSIGN_OR_RETURN(std::shared_ptr<ImageLayer> layer,
                   ImageLayer::Create(name, source, Affine::Identity(static_cast<int>(shape.size()))));
  RETURN_IF_ERROR(layer->SetContrastLimits({0, 65535}));
  return BenchImage{source, layer};
}

Dims DimsAt(const Shape& shape, double z) {
  Dims dims(3);
  dims.SetRange({{0, static_cast<double>(shape[0] - 1), 1},
                 {0, static_cast<double>(shape[1] - 1), 1},
                 {0, static_cast<double>(shape[2] - 1), 1}});
  (void)dims.SetPoint({z, 0, 0});
  return dims;
}

SlicerOptions UncachedOptions() {
  SlicerOptions options;
  options.cache_bytes = 0;
  options.prefetch = 0;
  return options;
}

void ApplyOnReady(LayerSlicer& slicer) {
  slicer.slice_ready.Connect([](const SliceReadyEvent& event) {
    for (const auto& r : event.results) {
      if (r.status.ok() && r.request_id >= r.layer->applied_request_id()) r.layer->ApplyResponse(r.response, r.request_id);
    }
  });
}

Result<int64_t> IntParam(const ParamMap& params, const std::string& name, int64_t min) {
  auto it = params.find(name);
  if (it == params.end()) return InternalError("parameter '" + name + "' is missing");
  const double v = it->second;
  if (!(v >= static_cast<double>(min)) || v != std::floor(v) || v > 1e12) {
    return InvalidArgumentError("parameter '" + name + "' must be an integer ≥ " + std::to_string(min) + ", got " + Number(v));
  }
  return static_cast<int64_t>(v);
}

Result<double> NonNegativeParam(const ParamMap& params, const std::string& name) {
  auto it = params.find(name);
  if (it == params.end()) return InternalError("parameter '" + name + "' is missing");
  if (!(it->second >= 0) || !std::isfinite(it->second)) {
    return InvalidArgumentError("parameter '" + name + "' must be ≥ 0, got " + Number(it->second));
  }
  return it->second;
}

}  // namespace stackshot::bench
