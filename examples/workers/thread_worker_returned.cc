// "Threading in napari with @thread_worker": the average runs on a worker thread,
// and the returned signal adds the image to the viewer.
//
//   @thread_worker
//   def average_large_image():
//       return np.random.rand(1024, 512, 512).mean(0)
//
//   worker = average_large_image()              # create "worker" object
//   worker.returned.connect(viewer.add_image)   # connect callback functions
//   worker.start()                              # start the thread!
//   napari.run()
#include <cstdio>

#include "example_viewer.h"
#include "workers/create_worker.h"

using namespace stackshot;
using namespace stackshot::examples;

Array AverageLargeImage() {
  uint64_t seed = 2;
  Array sum = Array::Zeros(DType::kFloat32, {128, 128});
  for (int i = 0; i < 256; ++i) {
    const Array plane = RandomImage({128, 128}, seed);
    for (int64_t k = 0; k < sum.size(); ++k) sum.mutable_data<float>()[k] += plane.data<float>()[k];
  }
  for (int64_t k = 0; k < sum.size(); ++k) sum.mutable_data<float>()[k] /= 256.0f;
  return sum;
}

int main() {
  MainLoop loop;
  ExampleViewer viewer(loop, "thread_worker_returned");

  auto average_large_image = ThreadWorker(AverageLargeImage, {.loop = &loop});
  auto worker = average_large_image();  // create "worker" object
  CheckOk(worker.status(), "create the worker");
  Check(!(*worker)->started(), "workers do not start themselves by default");
  (*worker)->signals().returned.Connect([&](const Array& image) { CheckOk(viewer.AddImage(image, "image"), "add_image"); });
  bool finished = false;
  (*worker)->signals().finished.Connect([&] { finished = true; });
  CheckOk((*worker)->Start(), "start the thread");

  // napari.run(): the main loop stays free while the worker averages.
  Check(loop.RunUntil([&] { return finished; }, std::chrono::minutes(1)), "the worker finished");
  Check(viewer.frames().size() == 1, "the returned image was added (rendered) once");
  std::printf("returned image rendered to %s\n", viewer.frames()[0].c_str());
  return 0;
}
