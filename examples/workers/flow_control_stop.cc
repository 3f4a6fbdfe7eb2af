// "Flow control and escape hatches": an endless generator, and a STOP button that
// quits it. The button becomes a quit after N frames; the worker stops at its next
// yield, emits aborted (not returned), and the button is disconnected on finished.
//
//   @thread_worker
//   def yield_random_images_forever():
//       i = 0
//       while True:  # infinite loop!
//           yield np.random.rand(512, 512) * np.cos(i * 0.2)
//           i += 1
//           time.sleep(0.05)
//
//   worker = yield_random_images_forever()
//   worker.yielded.connect(update_layer)
//   button = QPushButton("STOP!")
//   button.clicked.connect(worker.quit)
//   worker.finished.connect(button.clicked.disconnect)
//   worker.start()
#include <cmath>
#include <cstdio>
#include <thread>

#include "example_viewer.h"
#include "workers/create_worker.h"

using namespace stackshot;
using namespace stackshot::examples;

constexpr int kStopAfter = 10;  // frames before the "user" presses STOP

Generator<Array> YieldRandomImagesForever() {
  uint64_t seed = 5;
  for (int i = 0;; ++i) {  // infinite loop!
    Array image = RandomImage({48, 48}, seed);
    const float scale = static_cast<float>(std::cos(i * 0.2));
    for (int64_t k = 0; k < image.size(); ++k) image.mutable_data<float>()[k] *= scale;
    co_yield image;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

int main() {
  MainLoop loop;
  ExampleViewer viewer(loop, "flow_control_stop");
  auto worker = ThreadWorker(YieldRandomImagesForever, {.loop = &loop})();
  CheckOk(worker.status(), "create the worker");
  auto& w = **worker;

  // The STOP button: a signal whose clicks quit the worker.
  Signal<> clicked;
  clicked.Connect([&w] { w.Quit(); });
  w.signals().finished.Connect([&clicked] { clicked.DisconnectAll(); });

  bool aborted = false, returned = false, finished = false;
  w.signals().yielded.Connect([&](const Array& image) {
    if (viewer.Has("result")) {
      CheckOk(viewer.SetData("result", image), "update the layer");
    } else {
      CheckOk(viewer.AddImage(image, "result", {-0.8, 0.8}), "add the layer");
    }
    if (viewer.frames().size() == kStopAfter) clicked.Emit();  // the user presses STOP
  });
  w.signals().aborted.Connect([&] { aborted = true; });
  w.signals().returned.Connect([&] { returned = true; });
  w.signals().finished.Connect([&] { finished = true; });
  CheckOk(w.Start(), "start");

  Check(loop.RunUntil([&] { return finished; }, std::chrono::minutes(1)), "the worker stopped");
  Check(aborted && !returned, "a quit generator emits aborted, not returned");
  Check(clicked.size() == 0, "the button was disconnected when the worker finished");
  // Yields already in flight when STOP was pressed are still delivered.
  Check(viewer.frames().size() >= kStopAfter, "at least the frames before STOP were rendered");
  std::printf("STOP after %d frames: aborted; %zu frames rendered\n", kStopAfter, viewer.frames().size());
  return 0;
}
