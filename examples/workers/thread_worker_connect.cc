// The connect= keyword: connecting a callback at decoration time also starts the
// worker when the decorated function is called.
//
//   @thread_worker(connect={"returned": viewer.add_image})
//   def average_large_image():
//       return np.random.rand(1024, 512, 512).mean(0)
//
//   average_large_image()
//   napari.run()
#include <cstdio>

#include "example_viewer.h"
#include "workers/create_worker.h"

using namespace stackshot;
using namespace stackshot::examples;

int main() {
  MainLoop loop;
  ExampleViewer viewer(loop, "thread_worker_connect");
  bool finished = false;

  auto average_large_image = ThreadWorker(
      [] {
        uint64_t seed = 3;
        Array sum = Array::Zeros(DType::kFloat32, {96, 96});
        for (int i = 0; i < 128; ++i) {
          const Array plane = RandomImage({96, 96}, seed);
          for (int64_t k = 0; k < sum.size(); ++k) sum.mutable_data<float>()[k] += plane.data<float>()[k] / 128.0f;
        }
        return sum;
      },
      {.loop = &loop,
       .connect = {{"returned", [&viewer](const Array& image) { CheckOk(viewer.AddImage(image, "image"), "add"); }},
                   {"finished", [&finished] { finished = true; }}}});

  auto worker = average_large_image();
  CheckOk(worker.status(), "create the worker");
  Check((*worker)->started(), "with connect, calling the function starts the thread");
  Check(loop.RunUntil([&] { return finished; }, std::chrono::minutes(1)), "the worker finished");
  Check(viewer.frames().size() == 1, "the returned image was added (rendered)");
  std::printf("started by calling the decorated function; rendered %s\n", viewer.frames()[0].c_str());
  return 0;
}
