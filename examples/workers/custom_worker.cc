// "Using a custom worker class": subclass the worker base, implement work(), check
// abort_requested in the loop, and add a signal by extending the signals type.
//
//   class MyWorkerSignals(WorkerBaseSignals):
//       signal_name = Signal()
//
//   class MyWorker(WorkerBase):
//       def __init__(self):
//           super().__init__(SignalsClass=MyWorkerSignals)
//       def work(self):
//           i = 0
//           while True:
//               if self.abort_requested:
//                   self.aborted.emit()
//                   break
//               time.sleep(0.5)
#include <cstdio>
#include <thread>

#include "example_viewer.h"
#include "workers/create_worker.h"

using namespace stackshot;
using namespace stackshot::examples;

// WorkerBase's signals (started, finished, returned, errored, warned) plus two.
class MyWorkerSignals : public FunctionSignals<int> {
 public:
  MyWorkerSignals() {
    Register("signal_name", signal_name);
    Register("aborted", aborted);
  }
  Signal<const int&> signal_name;  // emitted once per pass, with the pass number
  Signal<> aborted;
};

class MyWorker final : public Worker<int, MyWorkerSignals> {
 public:
  explicit MyWorker(WorkerConfig config) : Worker(std::move(config)) {}

 protected:
  int Work() override {
    for (int i = 0;; ++i) {
      if (abort_requested()) {
        Deliver([this] { signals().aborted.Emit(); });
        return i;
      }
      Deliver([this, i] { signals().signal_name.Emit(i); });
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
};

int main() {
  MainLoop loop;
  // start() → run() → work(); start() also puts the worker in the global registry.
  auto worker = std::make_shared<MyWorker>(WorkerConfig{.loop = &loop, .description = "my worker"});
  std::vector<int> passes;
  bool aborted = false, returned = false, finished = false;
  CheckOk(worker->Connect("signal_name", [&](int i) {
    passes.push_back(i);
    if (i == 2) worker->Quit();
  }),
          "connect by name");
  worker->signals().aborted.Connect([&] { aborted = true; });
  worker->signals().returned.Connect([&](int) { returned = true; });
  worker->signals().finished.Connect([&] { finished = true; });
  CheckOk(worker->Start(), "start");
  Check(RunningWorkers().size() == 1 && RunningWorkers()[0] == "my worker", "start registered the worker");

  Check(loop.RunUntil([&] { return finished; }, std::chrono::minutes(1)), "the worker stopped");
  Check(aborted && !returned, "abort_requested was honoured: aborted, no returned");
  Check(passes.size() >= 3 && passes[0] == 0 && passes[2] == 2, "signal_name came once per pass");
  std::printf("custom worker: %zu passes, then aborted\n", passes.size());
  return 0;
}
