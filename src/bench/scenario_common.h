// Shared pieces of the scenarios: deterministic data, dims for a position, the
// clock, and applying ready slices as the viewer does.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench/scenario.h"
#include "io/source.h"
#include "layers/image/image_layer.h"
#include "nd/dims.h"
#include "slicing/layer_slicer.h"

namespace stackshot::bench {

using Clock = std::chrono::steady_clock;

double Millis(Clock::duration d);

// A uint16 array of `shape` filled by a multiplicative hash of the index: the same
// values on every machine and run.
Array HashedArray(const Shape& shape);

// An in-memory 3D uint16 image, optionally behind WithLatency(latency_ms).
struct BenchImage {
  std::shared_ptr<const Source> source;  // what the layer reads (bytes_read counts here)
  std::shared_ptr<ImageLayer> layer;
};
Result<BenchImage> MakeBenchImage(const std::string& name, const Shape& shape, double latency_ms);

// World dims over `shape` (3D, displayed: the last two) at plane `z`.
Dims DimsAt(const Shape& shape, double z);

// Slicer options for measurements: no cache and no prefetch, so every request
// really slices.
SlicerOptions UncachedOptions();

// Applies each ready response to its layer unless it is stale (the viewer's rule).
void ApplyOnReady(LayerSlicer& slicer);

// A square uint16 pyramid level computed on read: a checker of 64-pixel blocks of
// the finest level, level pixel (y, x) showing full-resolution pixel
// (y, x) * factor. No file and no large allocation is needed.
class GeneratedLevel final : public Source {
 public:
  GeneratedLevel(int64_t side, int64_t factor) : shape_{side, side}, factor_(factor) {}
  const Shape& shape() const override { return shape_; }
  DType dtype() const override { return DType::kUInt16; }
  std::string Describe() const override { return "generated level " + std::to_string(shape_[0]); }

 protected:
  Result<Array> ReadChecked(const Box& box, const CancelToken& cancel) const override;

 private:
  Shape shape_;
  int64_t factor_;
};

// params.at(name) as an integer of at least `min`.
Result<int64_t> IntParam(const ParamMap& params, const std::string& name, int64_t min);
Result<double> NonNegativeParam(const ParamMap& params, const std::string& name);

}  // namespace stackshot::bench
