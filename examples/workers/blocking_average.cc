// The guide's opening example: a long computation on the main thread blocks the
// event loop. napari:
//
//   viewer = napari.Viewer()
//   image = np.random.rand(1024, 512, 512).mean(0)   # the entire interface freezes!
//   viewer.add_image(image)
//
// Here a "mouse event" posted by another thread while the main thread averages is
// handled only after the average is done: nothing responds meanwhile.
#include <atomic>
#include <cstdio>
#include <thread>

#include "example_viewer.h"

using namespace stackshot;
using namespace stackshot::examples;

// np.random.rand(n, h, w).mean(0), on whatever thread calls it.
Array AverageLargeImage(int n, int h, int w) {
  uint64_t seed = 1;
  Array sum = Array::Zeros(DType::kFloat32, {h, w});
  for (int i = 0; i < n; ++i) {
    const Array plane = RandomImage({h, w}, seed);
    for (int64_t k = 0; k < sum.size(); ++k) sum.mutable_data<float>()[k] += plane.data<float>()[k];
  }
  for (int64_t k = 0; k < sum.size(); ++k) sum.mutable_data<float>()[k] /= static_cast<float>(n);
  return sum;
}

int main() {
  MainLoop loop;
  ExampleViewer viewer(loop, "blocking_average");

  // A user clicks while the computation runs: the click is posted to the loop.
  std::atomic<bool> computing{true};
  bool click_seen_while_computing = false, click_handled = false;
  std::thread user([&] {
    loop.Post([&] {
      click_seen_while_computing = computing;
      click_handled = true;
    });
  });
  user.join();

  const Array image = AverageLargeImage(256, 128, 128);  // the main thread is busy here
  computing = false;
  CheckOk(viewer.AddImage(image, "image"), "add_image");

  Check(!click_handled, "the click waited for the computation");
  loop.RunPending();
  Check(click_handled && !click_seen_while_computing, "the click was handled only afterwards");
  Check(viewer.frames().size() == 1, "one image rendered");
  Check(Mean(image) > 0.49 && Mean(image) < 0.51, "the average of uniform noise is about 0.5");
  std::printf("the interface froze while averaging; the click was handled after it; rendered %s\n",
              viewer.frames()[0].c_str());
  return 0;
}
