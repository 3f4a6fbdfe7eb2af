// "Full two-way communication": a cumulative multiplier in another thread that
// exits when the product hits 0. The line edit becomes a scripted user who types
// the next factor each time the worker pauses.
//
//   @thread_worker
//   def multiplier():
//       total = 1
//       while True:
//           time.sleep(0.1)
//           new = yield total
//           total *= new if new is not None else 1
//           if total == 0:
//               return "Game Over!"
//
//   def on_yielded(value):
//       worker.pause(); result_label.setText(str(value)); line_edit.setText('1')
//   def on_return(value):
//       line_edit.setText(''); line_edit.setEnabled(False); result_label.setText(value)
//   def send_next_value():
//       worker.send(float(line_edit.text())); worker.resume()
//
// In napari the worker may step once more before the main thread handles yielded
// and pauses it; max_pending_yields = 0 makes each yield handled first, so the
// script is exact.
#include <cstdio>
#include <thread>

#include "example_viewer.h"
#include "workers/create_worker.h"

using namespace stackshot;
using namespace stackshot::examples;

Generator<double, std::string> Multiplier() {
  double total = 1;
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::optional<double> sent = co_yield total;
    total *= sent.value_or(1);
    if (total == 0) co_return "Game Over!";
  }
}

std::string Text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

int main() {
  MainLoop loop;
  auto worker = CreateWorker({.loop = &loop, .max_pending_yields = 0}, Multiplier);
  CheckOk(worker.status(), "create the worker");
  auto& w = **worker;

  // The widget: a label, a line edit, and the user's keystrokes.
  std::string result_label, line_edit;
  bool line_edit_enabled = true;
  std::vector<std::string> labels;
  const std::vector<std::string> typed = {"2", "3", "0.5", "0"};
  size_t next_typed = 0;

  auto send_next_value = [&] {
    w.Send(std::stod(line_edit));
    w.Resume();
  };
  w.signals().yielded.Connect([&](double value) {
    w.Pause();
    result_label = Text(value);
    labels.push_back(result_label);
    line_edit = "1";
  });
  w.signals().returned.Connect([&](const std::string& value) {
    line_edit.clear();
    line_edit_enabled = false;
    result_label = value;
    labels.push_back(result_label);
  });
  // The user types a number and presses return once the worker waits for it.
  w.signals().paused.Connect([&] {
    if (next_typed < typed.size()) line_edit = typed[next_typed++];
    send_next_value();
  });
  bool finished = false;
  w.signals().finished.Connect([&] { finished = true; });
  CheckOk(w.Start(), "start");

  Check(loop.RunUntil([&] { return finished; }, std::chrono::minutes(1)), "the game ended");
  for (const std::string& label : labels) std::printf("label: %s\n", label.c_str());
  Check(labels == std::vector<std::string>({"1", "2", "6", "3", "Game Over!"}), "1 ×2 ×3 ×0.5 ×0");
  Check(!line_edit_enabled && line_edit.empty(), "the line edit is cleared and disabled");
  return 0;
}
