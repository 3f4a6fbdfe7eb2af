// "Retrieving intermediate results": the generator yields the running mean every
// 16 iterations; each yield updates the layer (here: renders it), so the mean
// projection builds up while the main loop stays free.
//
//   def update_layer(new_image):
//       try:
//           viewer.layers['result'].data = new_image
//       except KeyError:
//           viewer.add_image(new_image, contrast_limits=(0.45, 0.55), name='result')
//
//   @thread_worker(connect={'yielded': update_layer})
//   def large_random_images():
//       cumsum = np.zeros((512, 512))
//       for i in range(1024):
//           cumsum += np.random.rand(512, 512)
//           if i % 16 == 0:
//               yield cumsum / (i + 1)
//
//   large_random_images()  # call the function!
#include <cmath>
#include <cstdio>

#include "example_viewer.h"
#include "workers/create_worker.h"

using namespace stackshot;
using namespace stackshot::examples;

constexpr int kSide = 64;

Generator<Array> LargeRandomImages() {
  uint64_t seed = 4;
  std::vector<double> cumsum(kSide * kSide, 0.0);
  for (int i = 0; i < 1024; ++i) {
    const Array plane = RandomImage({kSide, kSide}, seed);
    for (size_t k = 0; k < cumsum.size(); ++k) cumsum[k] += plane.data<float>()[k];
    if (i % 16 == 0) {
      // A new array per yield: the main thread reads it while this goes on.
      Array mean = Array::Zeros(DType::kFloat32, {kSide, kSide});
      for (size_t k = 0; k < cumsum.size(); ++k) mean.mutable_data<float>()[k] = static_cast<float>(cumsum[k] / (i + 1));
      co_yield mean;
    }
  }
}

double StdDev(const Array& image) {
  const double mean = Mean(image);
  double sum = 0;
  for (int64_t k = 0; k < image.size(); ++k) sum += std::pow(image.data<float>()[k] - mean, 2);
  return std::sqrt(sum / static_cast<double>(image.size()));
}

int main() {
  MainLoop loop;
  ExampleViewer viewer(loop, "intermediate_results");
  std::vector<double> spread;  // of each yielded image

  auto update_layer = [&](const Array& new_image) {
    spread.push_back(StdDev(new_image));
    if (viewer.Has("result")) {
      CheckOk(viewer.SetData("result", new_image), "set the layer's data");
    } else {
      CheckOk(viewer.AddImage(new_image, "result", {0.45, 0.55}), "add the layer");
    }
  };
  bool finished = false;
  auto large_random_images = ThreadWorker(
      LargeRandomImages,
      {.loop = &loop, .connect = {{"yielded", update_layer}, {"finished", [&finished] { finished = true; }}}});
  CheckOk(large_random_images().status(), "call the function");

  Check(loop.RunUntil([&] { return finished; }, std::chrono::minutes(2)), "the worker finished");
  Check(viewer.frames().size() == 64, "one update per 16 iterations: 64 renders");
  Check(spread.front() > 4 * spread.back(), "the running mean settles as it builds");
  std::printf("%zu intermediate results rendered; spread %.3f → %.4f\n", viewer.frames().size(), spread.front(),
              spread.back());
  return 0;
}
