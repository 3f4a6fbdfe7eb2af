// Points: slicing 20 million 3D points at the middle plane (napari's benchmark
// size), and drawing one million visible points on a 1080p frame.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>

#include "layers/points/points_layer.h"
#include "render/points_drawer.h"
#include "render/rasterizer.h"

namespace stackshot {
namespace {

// Uniform coordinates in [0, extent) from a fixed LCG (no std distributions).
std::shared_ptr<const PointsData> RandomPoints(int64_t n, std::vector<double> extent) {
  auto data = std::make_shared<PointsData>(EmptyPoints(static_cast<int>(extent.size())));
  uint64_t state = 20240601;
  for (size_t axis = 0; axis < extent.size(); ++axis) {
    auto& column = data->columns[axis];
    column.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      column[static_cast<size_t>(i)] = static_cast<double>(state >> 11) * 0x1.0p-53 * extent[axis];
    }
  }
  return data;
}

void BM_SlicePoints20M(benchmark::State& state) {
  static const auto data = RandomPoints(20'000'000, {1000, 1000, 1000});
  auto layer = *PointsLayer::Create("p", data, Affine::Identity(3));
  layer->set_slice_threads(static_cast<int>(state.range(0)));
  Dims dims(3);
  dims.SetRange({AxisRange{0, 1000, 1}, AxisRange{0, 1000, 1}, AxisRange{0, 1000, 1}});
  (void)dims.SetPoint({500, 0, 0});
  auto request = *layer->MakeSliceRequest(dims, {}, 1);
  size_t visible = 0;
  for (auto _ : state) {
    auto response = GetPointsSlice(static_cast<const PointsSliceRequest&>(*request));
    visible = (*response)->indices.size();
    benchmark::DoNotOptimize(visible);
  }
  state.counters["visible"] = static_cast<double>(visible);
}
BENCHMARK(BM_SlicePoints20M)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// 1M points spread over the 1920×1080 view, napari's default disc with its border.
struct DrawSetup {
  FrameSpec frame;
  PointsDrawItem item;
};
DrawSetup MakeDrawSetup(double size) {
  static const auto data = RandomPoints(1'000'000, {1080, 1920});
  auto layer = *PointsLayer::Create("p", data, Affine::Identity(2));
  (void)layer->SetSize(size);
  Dims dims(2);
  dims.SetRange({AxisRange{0, 1080, 1}, AxisRange{0, 1920, 1}});
  auto response = *GetPointsSlice(static_cast<const PointsSliceRequest&>(**layer->MakeSliceRequest(dims, {}, 1)));
  DrawSetup setup;
  setup.frame.width = 1920;
  setup.frame.height = 1080;
  setup.frame.camera = {539.5, 959.5, 1.0};
  setup.item = PointsDrawItem{response, layer->appearance()};
  return setup;
}

void BM_DrawPoints1M1080p(benchmark::State& state) {
  const DrawSetup setup = MakeDrawSetup(static_cast<double>(state.range(0)));
  const FrameSpec& frame = setup.frame;
  std::vector<DrawItem> items = {setup.item};
  RgbaImage image;
  for (auto _ : state) {
    Status status = RasterizeInto(frame, items, static_cast<int>(state.range(1)), image);
    if (!status.ok()) state.SkipWithError(status.message().c_str());
    benchmark::DoNotOptimize(image.pixels.data());
  }
}
BENCHMARK(BM_DrawPoints1M1080p)
    ->Args({4, 1})->Args({4, 2})->Args({10, 1})->Args({10, 2})
    ->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();  // CPU: all threads

// The per-frame preparation alone (placing, binning, shading the shared sprites).
void BM_PreparePoints1M1080p(benchmark::State& state) {
  const DrawSetup setup = MakeDrawSetup(static_cast<double>(state.range(0)));
  for (auto _ : state) {
    auto painter = PreparePainter(setup.frame, setup.item, static_cast<int>(state.range(1)));
    if (!painter.ok()) state.SkipWithError(painter.status().message().c_str());
    benchmark::DoNotOptimize(painter);
  }
}
BENCHMARK(BM_PreparePoints1M1080p)->Args({10, 1})->Args({10, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace stackshot

BENCHMARK_MAIN();
