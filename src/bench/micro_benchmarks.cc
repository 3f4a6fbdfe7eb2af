// Google Benchmark microbenchmarks of the render path's stages, on the foundation's
// reference case: one z-plane of a 128×1024×1024 uint16 HDF5 volume (gzip, chunks
// 1×256×256) rendered to a 1920×1080 PNG.
//
//   build/release/src/bench/stackshot_microbench [--benchmark_filter=...]
//
// The volume is generated once into $STACKSHOT_BENCH_DIR (default
// /tmp/stackshot-bench) and reused. RenderCommand runs the whole `stackshot render`
// program, so its time includes process start-up; compare it with
// ReadPlane + EncodePngLibdeflate measured in the same run.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/hdf5_source.h"
#include "layers/image/image_layer.h"
#include "render/image_writer.h"
#include "render/rasterizer.h"
#include "scene/example_cells.h"

namespace stackshot {
namespace {

namespace fs = std::filesystem;

fs::path BenchDir() {
  const char* dir = std::getenv("STACKSHOT_BENCH_DIR");
  return dir ? fs::path(dir) : fs::path("/tmp/stackshot-bench");
}

// The reference volume and a one-layer scene for it, made on first use.
const fs::path& ReferenceScene() {
  static const fs::path scene = [] {
    const fs::path dir = BenchDir();
    fs::create_directories(dir);
    if (!fs::exists(dir / "cells.h5")) {
      CellsExampleOptions options;
      options.shape = {128, 1024, 1024};
      options.chunks = {1, 256, 256};
      const Status status = WriteCellsExample(dir.string(), options, nullptr);
      if (!status.ok()) {
        std::fprintf(stderr, "cannot write the benchmark volume: %s\n", status.message().c_str());
        std::exit(1);
      }
    }
    std::ofstream(dir / "plane.json") << R"({
  "version": 1,
  "canvas": {"size": [1920, 1080], "background": "black"},
  "dims": {"point": [64, 0, 0]},
  "layers": [
    {"type": "image", "name": "nuclei", "source": {"path": "cells.h5", "dataset": "/nuclei"},
     "colormap": "magma", "contrast_limits": [100, 3000]}
  ]
}
)";
    return dir / "plane.json";
  }();
  return scene;
}

std::shared_ptr<Source> ReferenceSource() {
  auto source = OpenHdf5Dataset((ReferenceScene().parent_path() / "cells.h5").string(), "/nuclei");
  if (!source.ok()) std::exit(1);
  return *source;
}

Box PlaneBox(const Shape& shape, int64_t z) {
  return Box{{z, 0, 0}, {1, shape[1], shape[2]}};
}

void ReadPlane(benchmark::State& state) {
  auto source = ReferenceSource();
  int64_t z = 0;
  for (auto _ : state) {
    auto plane = source->Read(PlaneBox(source->shape(), z));
    benchmark::DoNotOptimize(plane);
    z = (z + 1) % source->shape()[0];  // a new plane each time: no chunk cache hits
  }
  state.SetBytesProcessed(state.iterations() * source->shape()[1] * source->shape()[2] * 2);
}
BENCHMARK(ReadPlane)->Unit(benchmark::kMillisecond);

// The same reads with the chunks fetched directly and inflated on T threads
// (hdf5_chunk_reader.h); ReadPlane above stays plain H5Dread.
void ReadPlaneParallel(benchmark::State& state) {
  auto source = ReferenceSource();
  const int threads = static_cast<int>(state.range(0));
  int64_t z = 0;
  for (auto _ : state) {
    auto plane = source->Read(PlaneBox(source->shape(), z), CancelToken::Never(), threads);
    benchmark::DoNotOptimize(plane);
    z = (z + 1) % source->shape()[0];
  }
  state.SetBytesProcessed(state.iterations() * source->shape()[1] * source->shape()[2] * 2);
}
BENCHMARK(ReadPlaneParallel)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void SliceImage(benchmark::State& state) {
  auto layer = ImageLayer::Create("nuclei", ReferenceSource(), Affine::Identity(3));
  Dims dims(3);
  dims.SetRange({{0, 127, 1}, {0, 1023, 1}, {0, 1023, 1}});
  int64_t z = 0;
  for (auto _ : state) {
    (void)dims.SetPoint({static_cast<double>(z), 0, 0});
    auto request = (*layer)->MakeSliceRequest(dims, {}, 1);
    auto response = (*request)->Run(CancelToken::Never());
    benchmark::DoNotOptimize(response);
    z = (z + 1) % 128;
  }
}
BENCHMARK(SliceImage)->Unit(benchmark::kMillisecond);

std::shared_ptr<const ImageSliceResponse> ReferenceSlice() {
  auto layer = ImageLayer::Create("nuclei", ReferenceSource(), Affine::Identity(3));
  Dims dims(3);
  dims.SetRange({{0, 127, 1}, {0, 1023, 1}, {0, 1023, 1}});
  (void)dims.SetPoint({64, 0, 0});
  auto request = (*layer)->MakeSliceRequest(dims, {}, 1);
  return std::static_pointer_cast<const ImageSliceResponse>(*(*request)->Run(CancelToken::Never()));
}

FrameSpec Frame1080p() {
  FrameSpec frame;
  frame.width = 1920;
  frame.height = 1080;
  frame.camera = FitCamera({-0.5, -0.5}, {1023.5, 1023.5}, 1920, 1080);
  return frame;
}

void Rasterize1080p(benchmark::State& state) {
  ImageDrawItem item{ReferenceSlice(), {}};
  item.appearance.colormap.name = "magma";
  item.appearance.contrast_limits = {100, 3000};
  item.appearance.interpolation = state.range(1) ? Interpolation::kLinear : Interpolation::kNearest;
  const std::vector<DrawItem> items = {item};
  for (auto _ : state) {
    auto image = Rasterize(Frame1080p(), items, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(image);
  }
}
BENCHMARK(Rasterize1080p)->ArgNames({"threads", "linear"})->ArgsProduct({{1, 2}, {0, 1}})->Unit(benchmark::kMillisecond);

// vispy's table kernels (radius 1, 2, 3, 4: hanning, cubic, spline36, lanczos); the
// second argument is the index in AllInterpolations().
void Rasterize1080pKernel(benchmark::State& state) {
  ImageDrawItem item{ReferenceSlice(), {}};
  item.appearance.colormap.name = "magma";
  item.appearance.contrast_limits = {100, 3000};
  item.appearance.interpolation = AllInterpolations()[static_cast<size_t>(state.range(1))];
  state.SetLabel(InterpolationName(item.appearance.interpolation));
  const std::vector<DrawItem> items = {item};
  for (auto _ : state) {
    auto image = Rasterize(Frame1080p(), items, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(image);
  }
}
BENCHMARK(Rasterize1080pKernel)
    ->ArgNames({"threads", "interpolation"})
    ->ArgsProduct({{1, 2}, {9, 2, 5, 15}})
    ->Unit(benchmark::kMillisecond);

RgbaImage ReferenceFrame(const std::string& colormap = "magma") {
  ImageDrawItem item{ReferenceSlice(), {}};
  item.appearance.colormap.name = colormap;
  item.appearance.contrast_limits = {100, 3000};
  return *Rasterize(Frame1080p(), {item}, 0);
}

void EncodePngLibdeflate(benchmark::State& state) {
  const RgbaImage frame = ReferenceFrame();
  size_t size = 0;
  for (auto _ : state) {
    auto bytes = EncodePng(frame, static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
    size = bytes.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["bytes"] = static_cast<double>(size);
}
BENCHMARK(EncodePngLibdeflate)
    ->ArgNames({"level", "threads"})
    ->ArgsProduct({{1, 6}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The same frame with the gray colormap: every pixel opaque grey, so a grey PNG.
void EncodePngGray(benchmark::State& state) {
  const RgbaImage frame = ReferenceFrame("gray");
  size_t size = 0;
  for (auto _ : state) {
    auto bytes = EncodePng(frame, 1, static_cast<int>(state.range(0)));
    size = bytes.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["bytes"] = static_cast<double>(size);
}
BENCHMARK(EncodePngGray)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void EncodePngOpenImageIO(benchmark::State& state) {
  const RgbaImage frame = ReferenceFrame();
  const std::string path = (BenchDir() / "oiio.png").string();
  for (auto _ : state) {
    const Status status = WritePngWithOpenImageIO(frame, path, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(status);
  }
  state.counters["bytes"] = static_cast<double>(fs::file_size(path));
}
BENCHMARK(EncodePngOpenImageIO)->ArgName("level")->Arg(6)->Arg(1)->Unit(benchmark::kMillisecond);

void RenderCommand(benchmark::State& state) {
  const fs::path binary = fs::path(STACKSHOT_BINARY_DIR) / "cli" / "stackshot";
  const std::string command = binary.string() + " render " + ReferenceScene().string() + " -o " +
                              (BenchDir() / "render.png").string() + " 2>/dev/null";
  for (auto _ : state) {
    if (std::system(command.c_str()) != 0) {
      state.SkipWithError("stackshot render failed");
      break;
    }
  }
}
BENCHMARK(RenderCommand)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace stackshot

BENCHMARK_MAIN();
