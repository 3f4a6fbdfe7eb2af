// Google Benchmark measurements of the image layer's heavier paths:
//
//   build/release/src/bench/stackshot_image_bench [--benchmark_filter=...]
//
// - Projection: mean and max thick-slice projection of 20×1024×1024 uint16 planes
//   in memory into one float32 plane, with 1 and 2 threads (numpy's
//   a.mean(axis=0) took 10.3 ms and a.max(axis=0) 2.1 ms on the reference machine).
//   ProjectionSlice runs the same through GetImageSlice (memory read included).
// - PyramidOverview: a 4-level pyramid of 16384² uint16 (generated on read, so no
//   file is needed) sliced and rasterized for a 1920×1080 overview; the counters
//   report the level read and the fraction of the full-resolution bytes read.
//   The levels are the bench scenarios' GeneratedLevel (scenario_common.h).
#include <benchmark/benchmark.h>

#include <cstring>
#include <memory>

#include "bench/scenario_common.h"
#include "layers/image/image_layer.h"
#include "layers/image/projection.h"
#include "render/camera.h"
#include "render/rasterizer.h"

namespace stackshot {
namespace {

constexpr int64_t kPlanes = 20;
constexpr int64_t kSide = 1024;

const Array& ProjectionStack() {
  static const Array stack = [] {
    Array a = Array::Zeros(DType::kUInt16, {kPlanes, kSide, kSide});
    uint16_t* p = a.mutable_data<uint16_t>();
    uint32_t state = 2463534242u;
    for (int64_t i = 0; i < a.size(); ++i) {
      state ^= state << 13;  // xorshift: the same values everywhere
      state ^= state >> 17;
      state ^= state << 5;
      p[i] = static_cast<uint16_t>(state);
    }
    return a;
  }();
  return stack;
}

void Projection(benchmark::State& state) {
  const ProjectionMode mode = state.range(0) == 0 ? ProjectionMode::kMean : ProjectionMode::kMax;
  const int threads = static_cast<int>(state.range(1));
  const Array& stack = ProjectionStack();
  for (auto _ : state) {
    Array plane = ProjectPlanes(stack, kPlanes, {kSide, kSide}, mode, threads);
    benchmark::DoNotOptimize(plane.bytes());
  }
  state.SetLabel(ProjectionModeName(mode));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(stack.nbytes()));
}
BENCHMARK(Projection)
    ->ArgNames({"max", "threads"})
    ->ArgsProduct({{0, 1}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The same projection through the layer's request and GetImageSlice: the memory
// source copies the box first, as a file source would deliver it.
void ProjectionSlice(benchmark::State& state) {
  const ProjectionMode mode = state.range(0) == 0 ? ProjectionMode::kMean : ProjectionMode::kMax;
  auto layer = ImageLayer::Create("stack", MakeMemorySource(ProjectionStack(), "stack"), Affine::Identity(3));
  (*layer)->set_projection_mode(mode);
  (*layer)->set_slice_threads(static_cast<int>(state.range(1)));
  Dims dims(3);
  dims.SetRange({AxisRange{0, kPlanes - 1, 1}, AxisRange{0, kSide - 1, 1}, AxisRange{0, kSide - 1, 1}});
  (void)dims.SetPoint({9.5, 0, 0});
  (void)dims.SetMargins({9.5, 0, 0}, {9.5, 0, 0});  // data[0:20]
  auto request = (*layer)->MakeSliceRequest(dims, {}, 1);
  for (auto _ : state) {
    auto response = GetImageSlice(static_cast<const ImageSliceRequest&>(**request));
    if (!response.ok() || (*response)->plane.shape() != Shape{kSide, kSide}) state.SkipWithError("slice failed");
    benchmark::DoNotOptimize(response);
  }
  state.SetLabel(ProjectionModeName(mode));
}
BENCHMARK(ProjectionSlice)
    ->ArgNames({"max", "threads"})
    ->ArgsProduct({{0, 1}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void PyramidOverview(benchmark::State& state) {
  constexpr int64_t kFull = 16384;
  constexpr int kWidth = 1920, kHeight = 1080;
  std::vector<std::shared_ptr<const Source>> levels;
  for (int level = 0; level < 4; ++level) {
    levels.push_back(std::make_shared<bench::GeneratedLevel>(kFull >> level, 1 << level));
  }
  auto layer = ImageLayer::Create("pyramid", levels, Affine::Identity(2), false);
  (void)(*layer)->SetContrastLimits({0, 65535});
  // napari's reset_view for the 1080p canvas, and the world box it shows.
  const Camera2D camera = FitCamera({-0.5, -0.5}, {kFull - 0.5, kFull - 0.5}, kWidth, kHeight);
  SliceView view;
  view.canvas_size = {kHeight, kWidth};
  view.world_min = {camera.center_y - kHeight / (2 * camera.zoom), camera.center_x - kWidth / (2 * camera.zoom)};
  view.world_max = {camera.center_y + kHeight / (2 * camera.zoom), camera.center_x + kWidth / (2 * camera.zoom)};
  Dims dims(2);
  dims.SetRange({AxisRange{0, kFull - 1, 1}, AxisRange{0, kFull - 1, 1}});
  FrameSpec frame;
  frame.width = kWidth;
  frame.height = kHeight;
  frame.camera = camera;
  const int threads = static_cast<int>(state.range(0));
  uint64_t bytes = 0;
  int level = -1;
  for (auto _ : state) {
    auto request = (*layer)->MakeSliceRequest(dims, view, 1);
    auto response = GetImageSlice(static_cast<const ImageSliceRequest&>(**request));
    if (!response.ok()) {
      state.SkipWithError(response.status().message().c_str());
      break;
    }
    bytes = (*response)->bytes_read;
    level = (*response)->level;
    auto image = Rasterize(frame, {ImageDrawItem{*response, (*layer)->appearance()}}, threads);
    benchmark::DoNotOptimize(image);
  }
  const double full_bytes = static_cast<double>(kFull * kFull * 2);
  state.counters["level"] = level;
  state.counters["MB_read"] = static_cast<double>(bytes) / 1e6;
  state.counters["fraction_of_full_pct"] = 100.0 * static_cast<double>(bytes) / full_bytes;
}
BENCHMARK(PyramidOverview)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace stackshot

BENCHMARK_MAIN();
