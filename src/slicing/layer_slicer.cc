#include "slicing/layer_slicer.h"

#include <exception>
#include <utility>

namespace stackshot {

LayerSlicer::LayerSlicer(MainLoop& loop) : loop_(loop) {
  worker_ = std::thread([this] { WorkerLoop(); });
}

LayerSlicer::~LayerSlicer() {
  Shutdown();
  *alive_ = false;
}

void LayerSlicer::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  {
    std::lock_guard<std::mutex> lock(queue_->mutex);
    if (queue_->queued) {
      outstanding_.erase(queue_->queued->id);
      queue_->queued.reset();
      ++cancelled_count_;
    }
    queue_->stop = true;
  }
  queue_->wake.notify_all();
  if (worker_.joinable()) worker_.join();
}

Result<uint64_t> LayerSlicer::Submit(const std::vector<std::shared_ptr<Layer>>& layers, const Dims& dims) {
  if (shut_down_) return InternalError("slicer: submit after shutdown");
  Task task;
  task.id = next_task_id_++;
  std::string names;
  // Build every request on the main thread first: a failure queues nothing.
  for (const auto& layer : layers) {
    if (!layer->visible()) continue;
    const uint64_t request_id = next_request_id_++;
    auto request = layer->MakeSliceRequest(dims, request_id);
    if (!request.ok()) return request.status().WithContext("layer '" + layer->name() + "'");
    task.requests.emplace_back(layer, std::move(request).value());
    names += (names.empty() ? "" : ", ") + layer->name();
  }
  for (const auto& [layer, request] : task.requests) layer->set_last_request_id(request->id);

  if (sync_depth_ > 0) {
    RETURN_IF_ERROR(WaitUntilIdle(sync_timeout_));
    const uint64_t id = task.id;
    Deliver(RunTask(std::move(task)));
    return id;
  }

  outstanding_[task.id] = names.empty() ? "no layers" : names;
  const uint64_t id = task.id;
  {
    std::lock_guard<std::mutex> lock(queue_->mutex);
    if (queue_->queued) {
      // Lazy slicing: the queued task is stale before it started.
      outstanding_.erase(queue_->queued->id);
      ++cancelled_count_;
    }
    queue_->queued = std::move(task);
  }
  queue_->wake.notify_one();
  return id;
}

SliceReadyEvent LayerSlicer::RunTask(Task task) {
  SliceReadyEvent event;
  event.task_id = task.id;
  for (auto& [layer, request] : task.requests) {
    LayerSliceResult result;
    result.layer = std::move(layer);
    Result<std::shared_ptr<const SliceResponse>> response = InternalError("slice did not run");
    try {
      response = request->Run();
    } catch (const std::exception& e) {
      // GetSlice reports errors as values; this keeps an unexpected throw (such as
      // bad_alloc) from ending the worker thread.
      response = InternalError(std::string("slice failed: ") + e.what());
    }
    if (response.ok()) {
      result.response = std::move(response).value();
    } else {
      result.status = response.status().WithContext("layer '" + request->layer_name + "'");
    }
    event.results.push_back(std::move(result));
  }
  return event;
}

void LayerSlicer::WorkerLoop() {
  const std::shared_ptr<Queue> queue = queue_;
  while (true) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(queue->mutex);
      queue->wake.wait(lock, [&] { return queue->stop || queue->queued.has_value(); });
      if (queue->stop) return;
      task = std::move(*queue->queued);
      queue->queued.reset();
      queue->running_id = task.id;
    }
    SliceReadyEvent event = RunTask(std::move(task));
    {
      std::lock_guard<std::mutex> lock(queue->mutex);
      queue->running_id = 0;
    }
    loop_.Post([this, alive = alive_, event = std::move(event)] {
      if (*alive) Deliver(event);
    });
  }
}

void LayerSlicer::Deliver(const SliceReadyEvent& event) {
  outstanding_.erase(event.task_id);
  slice_ready.Emit(event);
}

std::string LayerSlicer::DescribePending() {
  uint64_t running = 0;
  {
    std::lock_guard<std::mutex> lock(queue_->mutex);
    running = queue_->running_id;
  }
  std::string out;
  for (const auto& [id, names] : outstanding_) {
    if (!out.empty()) out += "; ";
    out += "task " + std::to_string(id) + " (" + names + ", " + (id == running ? "running" : "waiting") + ")";
  }
  return out;
}

Status LayerSlicer::WaitUntilIdle(std::chrono::milliseconds timeout) {
  if (loop_.RunUntil([this] { return idle(); }, timeout)) return Status::Ok();
  return DeadlineExceededError("slicing did not finish within " + std::to_string(timeout.count()) +
                               " ms; pending: " + DescribePending());
}

}  // namespace stackshot
