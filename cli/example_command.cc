// stackshot example cells -o DIR: write the bundled synthetic example.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "interrupts.h"
#include "run_worker.h"
#include "scene/example_cells.h"
#include "size_option.h"
#include "terminal_progress.h"
#include "workers/function_worker.h"

namespace stackshot {
namespace {

// Writes the example on a worker thread; its bar starts with the first plane count.
class ExampleWorker final : public Worker<Status> {
 public:
  ExampleWorker(WorkerConfig config, std::string directory, CellsExampleOptions options)
      : Worker(std::move(config)), directory_(std::move(directory)), options_(std::move(options)) {}

 protected:
  Status Work() override {
    bool begun = false;
    Status status = WriteCellsExample(directory_, options_, [&](int64_t done, int64_t total) {
      if (!begun) BeginProgress({total, "example cells: planes"});
      begun = true;
      SetProgress(done);
    });
    if (!status.ok()) MarkFailed();
    return status;
  }

 private:
  std::string directory_;
  CellsExampleOptions options_;
};

}  // namespace

void SetupExample(CLI::App& app, ExampleOptions& options) {
  app.add_option("name", options.name, "Which example (cells)")->check(CLI::IsMember({"cells"}))->required();
  app.add_option("-o,--output", options.output, "Folder to write into (created if missing)")->required();
  app.add_option("--shape", options.shape, "Volume shape Z,Y,X (default 60,512,512)");
  app.add_option("--chunks", options.chunks, "HDF5 chunk shape (default 1,256,256)");
  app.add_option("--gzip", options.gzip_level, "gzip level 0-9 (default 4)")->check(CLI::Range(0, 9));
}

int RunExample(const ExampleOptions& options, const CommonOptions& common) {
  CellsExampleOptions cells;
  cells.threads = common.threads;
  cells.gzip_level = options.gzip_level;
  if (!options.shape.empty()) {
    auto shape = ParseShape(options.shape);
    if (!shape.ok()) return ReportError("--shape: " + shape.status().message());
    if (shape->size() != 3) return ReportError("--shape: expected 3 values Z,Y,X");
    cells.shape = *shape;
  }
  if (!options.chunks.empty()) {
    auto chunks = ParseShape(options.chunks);
    if (!chunks.ok()) return ReportError("--chunks: " + chunks.status().message());
    if (chunks->size() != cells.shape.size()) return ReportError("--chunks: expected one value per axis");
    cells.chunks = *chunks;
  }
  for (size_t axis = 0; axis < cells.chunks.size(); ++axis) {
    cells.chunks[axis] = std::min(cells.chunks[axis], cells.shape[axis]);
  }

  std::error_code ec;
  std::filesystem::create_directories(options.output, ec);
  if (ec) return ReportError(options.output + ": cannot create folder: " + ec.message());

  // The HDF5 writer cannot stop half-way: Ctrl-C exits at once and removes the
  // temporary files (the example is written under .tmp names, then renamed).
  const std::filesystem::path dir(options.output);
  interrupts::AddTemporaryFile((dir / "cells.h5.tmp").string());
  interrupts::AddTemporaryFile((dir / "cells.json.tmp").string());
  interrupts::SetExitNote("the example was not written");
  MainLoop loop;
  auto worker = std::make_shared<ExampleWorker>(WorkerConfig{.loop = &loop, .description = "example cells"},
                                                options.output, cells);
  Status status;
  worker->signals().returned.Connect([&status](const Status& s) { status = s; });
  const WorkerRun run = RunWorker(loop, *worker, /*cooperative=*/false);
  interrupts::ClearTemporaryFiles();
  if (run.error) return ReportError(*run.error);
  if (!status.ok()) return ReportError(status.message());
  LogLine("wrote " + (dir / "cells.h5").string() + " and " + (dir / "cells.json").string());
  return kExitOk;
}

}  // namespace stackshot
