#include "slicing/layer_slicer.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

#include "exec/parallel.h"

namespace stackshot {
namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point origin, Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(t - origin).count();
}

// A lane groups the tasks that replace each other: the same set of layers.
std::string LaneKey(const std::vector<std::shared_ptr<Layer>>& layers) {
  std::vector<const Layer*> ids;
  for (const auto& layer : layers) ids.push_back(layer.get());
  std::sort(ids.begin(), ids.end());
  std::string key;
  char text[32];
  for (const Layer* id : ids) {
    std::snprintf(text, sizeof text, "%p,", static_cast<const void*>(id));
    key += text;
  }
  return key;
}

const char kPrefetchLane[] = "prefetch";

}  // namespace

struct LayerSlicer::Task {
  uint64_t id = 0;
  bool prefetch = false;
  std::vector<std::pair<std::shared_ptr<Layer>, std::shared_ptr<const SliceRequest>>> requests;
  std::vector<double> point;
  bool debounce = false;  // some layer is not known to be fast
  Clock::time_point submitted;
  Clock::time_point not_before;
  std::shared_ptr<CancelToken> cancel = std::make_shared<CancelToken>();
};

struct LayerSlicer::Lane {
  std::optional<Task> queued;
  std::shared_ptr<CancelToken> running;  // set while a task of this lane runs
  bool running_interrupted = false;
  uint64_t running_id = 0;
  Clock::time_point last_submit;
};

// Everything the slicing threads share with the main thread.
struct LayerSlicer::Shared {
  std::mutex mutex;
  std::condition_variable wake;
  std::map<std::string, Lane> lanes;
  std::deque<std::string> ready;  // lanes with a queued task and none running, oldest first
  bool stop = false;
  bool flush = false;  // someone waits at the barrier: no debounce
  SlicerStats stats;
  std::shared_ptr<SliceCache> cache;
  std::unique_ptr<LatencyLog> log;
  Clock::time_point origin = Clock::now();
  MainLoop* loop = nullptr;
  LayerSlicer* owner = nullptr;
  std::shared_ptr<bool> alive;
};

LayerSlicer::LayerSlicer(MainLoop& loop, SlicerOptions options)
    : loop_(loop), options_(std::move(options)), shared_(std::make_shared<Shared>()) {
  if (options_.cache_bytes > 0) cache_ = std::make_shared<SliceCache>(options_.cache_bytes);
  shared_->cache = cache_;
  shared_->loop = &loop_;
  shared_->owner = this;
  shared_->alive = alive_;
  if (!options_.latency_log.empty()) {
    auto log = LatencyLog::Open(options_.latency_log);
    if (log.ok()) {
      shared_->log = std::move(log).value();
    } else {
      status_ = log.status();
    }
  }
  // Per-layer workers may outnumber the cores: a slice waiting on slow storage
  // holds its worker without using a core.
  const int threads = options_.mode != SlicingMode::kPerLayer ? 1
                      : options_.workers > 0        ? std::min(options_.workers, kMaxThreads)
                                                    : AvailableCores();
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { WorkerLoop(); });
}

LayerSlicer::~LayerSlicer() {
  Shutdown();
  *alive_ = false;
}

void LayerSlicer::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    for (auto& [key, lane] : shared_->lanes) {
      if (lane.queued) {
        outstanding_.erase(lane.queued->id);
        lane.queued.reset();
      }
      if (lane.running) lane.running->Cancel();
    }
    shared_->ready.clear();
    shared_->stop = true;
  }
  shared_->wake.notify_all();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

SlicerStats LayerSlicer::stats() const {
  std::lock_guard<std::mutex> lock(shared_->mutex);
  return shared_->stats;
}

LayerSlicer::Task LayerSlicer::MakeTask(
    std::vector<std::pair<std::shared_ptr<Layer>, std::shared_ptr<const SliceRequest>>> requests, const Dims& dims,
    bool prefetch) {
  Task task;
  task.id = next_task_id_++;
  task.prefetch = prefetch;
  task.point = dims.point();
  task.submitted = Clock::now();
  for (const auto& [layer, request] : requests) task.debounce = task.debounce || !layer->slicing_is_fast();
  task.requests = std::move(requests);
  return task;
}

Result<uint64_t> LayerSlicer::Submit(const std::vector<std::shared_ptr<Layer>>& layers, const Dims& dims,
                                     const SliceView& view) {
  if (shut_down_) return InternalError("slicer: submit after shutdown");
  if (!status_.ok()) return status_;
  CancelPrefetch();

  // Build every request on the main thread first: a failure queues nothing.
  std::vector<std::pair<std::shared_ptr<Layer>, std::shared_ptr<const SliceRequest>>> async_requests;
  std::vector<std::pair<std::shared_ptr<Layer>, std::shared_ptr<const SliceRequest>>> sync_requests;
  std::vector<std::shared_ptr<Layer>> visible;
  for (const auto& layer : layers) {
    if (!layer->visible()) continue;
    auto request = layer->MakeSliceRequest(dims, view, next_request_id_++);
    if (!request.ok()) return request.status().WithContext("layer '" + layer->name() + "'");
    (layer->slices_async() ? async_requests : sync_requests).emplace_back(layer, std::move(request).value());
    visible.push_back(layer);
  }
  for (const auto& [layer, request] : async_requests) layer->set_last_request_id(request->id);
  for (const auto& [layer, request] : sync_requests) layer->set_last_request_id(request->id);

  // Remember what moved, for prefetching around it.
  if (last_dims_ && last_dims_->ndim() == dims.ndim()) {
    for (int axis = 0; axis < dims.ndim(); ++axis) {
      if (last_dims_->point()[axis] != dims.point()[axis]) {
        last_moved_axis_ = axis;
        break;
      }
    }
  }
  last_layers_ = visible;
  last_dims_ = dims;
  last_view_ = view;

  uint64_t first_id = 0;
  // Layers that do not slice asynchronously never wait behind the others.
  if (!sync_requests.empty()) {
    Task task = MakeTask(std::move(sync_requests), dims, false);
    first_id = task.id;
    Deliver(RunTask(task, *shared_));
  }
  if (async_requests.empty()) return first_id;

  if (sync_depth_ > 0) {
    RETURN_IF_ERROR(WaitUntilIdle(sync_timeout_));
    Task task = MakeTask(std::move(async_requests), dims, false);
    if (first_id == 0) first_id = task.id;
    Deliver(RunTask(task, *shared_));
    return first_id;
  }

  if (options_.mode == SlicingMode::kPerLayer) {
    for (auto& request : async_requests) {
      Task task = MakeTask({request}, dims, false);
      if (first_id == 0) first_id = task.id;
      Enqueue(LaneKey({request.first}), std::move(task));
    }
  } else {
    std::vector<std::shared_ptr<Layer>> lane_layers;
    for (const auto& request : async_requests) lane_layers.push_back(request.first);
    Task task = MakeTask(std::move(async_requests), dims, false);
    if (first_id == 0) first_id = task.id;
    Enqueue(LaneKey(lane_layers), std::move(task));
  }
  return first_id;
}

void LayerSlicer::Enqueue(const std::string& lane_key, Task task) {
  if (!task.prefetch) {
    std::string names;
    for (const auto& [layer, request] : task.requests) names += (names.empty() ? "" : ", ") + layer->name();
    outstanding_[task.id] = names;
  }
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    Lane& lane = shared_->lanes[lane_key];
    const auto now = Clock::now();
    // Debounce trails a burst of requests: the first after a quiet spell starts at once.
    const bool quiet = !lane.queued && !lane.running && now - lane.last_submit >= options_.debounce;
    task.not_before = task.debounce && !quiet ? now + options_.debounce : now;
    lane.last_submit = now;
    if (lane.queued) {
      // Lazy slicing: the queued task is stale before it started; it never runs.
      if (!lane.queued->prefetch) outstanding_.erase(lane.queued->id);
      ++shared_->stats.tasks_skipped;
    } else if (!lane.running) {
      shared_->ready.push_back(lane_key);
    }
    if (lane.running && !lane.running_interrupted) {
      // The running task is stale: it stops at its next read boundary.
      lane.running->Cancel();
      lane.running_interrupted = true;
      ++shared_->stats.tasks_interrupted;
    }
    lane.queued = std::move(task);
  }
  shared_->wake.notify_all();
}

SliceReadyEvent LayerSlicer::RunTask(Task& task, Shared& shared) {
  SliceReadyEvent event;
  event.task_id = task.id;
  for (auto& [layer, request] : task.requests) {
    LayerSliceResult result;
    result.layer = layer;
    result.request_id = request->id;
    result.point = task.point;
    LatencyRecord record;
    record.started_ms = MillisecondsSince(shared.origin, Clock::now());

    if (task.cancel->cancelled()) {
      result.status = CancelledError("slice cancelled: a newer request replaced it");
    } else {
      const std::string key = shared.cache ? request->CacheKey() : std::string();
      if (!key.empty()) {
        if (auto cached = shared.cache->Find(key)) {
          result.response = std::move(cached);
          result.cache_hit = true;
        }
      }
      if (!result.response) {
        Result<std::shared_ptr<const SliceResponse>> response = InternalError("slice did not run");
        try {
          response = request->Run(*task.cancel);
        } catch (const std::exception& e) {
          // GetSlice reports errors as values; this keeps an unexpected throw (such
          // as bad_alloc) from ending a slicing thread.
          response = InternalError(std::string("slice failed: ") + e.what());
        }
        if (response.ok()) {
          result.response = std::move(response).value();
          if (!key.empty()) shared.cache->Insert(key, result.response);
        } else {
          result.status = response.status();
        }
      }
    }

    if (shared.log) {
      record.layer = request->layer_name;
      record.task_id = task.id;
      record.request_id = request->id;
      record.prefetch = task.prefetch;
      record.submitted_ms = MillisecondsSince(shared.origin, task.submitted);
      record.finished_ms = MillisecondsSince(shared.origin, Clock::now());
      record.cancelled = result.status.code() == StatusCode::kCancelled;
      record.cache_hit = result.cache_hit;
      if (result.response && !result.cache_hit) record.bytes_read = result.response->bytes_read;
      if (result.response) record.level = result.response->data_level();
      if (!result.status.ok() && !record.cancelled) record.error = result.status.message();
      shared.log->Write(record);
    }
    event.results.push_back(std::move(result));
  }
  for (const auto& result : event.results) {
    event.cancelled = event.cancelled || result.status.code() == StatusCode::kCancelled;
  }
  return event;
}

void LayerSlicer::WorkerLoop() {
  const std::shared_ptr<Shared> shared = shared_;
  std::unique_lock<std::mutex> lock(shared->mutex);
  while (true) {
    shared->wake.wait(lock, [&] { return shared->stop || !shared->ready.empty(); });
    if (shared->stop) return;
    // The oldest lane whose debounce has passed.
    const auto now = Clock::now();
    auto next = shared->ready.end();
    Clock::time_point earliest = Clock::time_point::max();
    for (auto it = shared->ready.begin(); it != shared->ready.end(); ++it) {
      const Task& queued = *shared->lanes[*it].queued;
      if (shared->flush || queued.not_before <= now) {
        next = it;
        break;
      }
      earliest = std::min(earliest, queued.not_before);
    }
    if (next == shared->ready.end()) {
      shared->wake.wait_until(lock, earliest);
      continue;
    }
    const std::string key = *next;
    shared->ready.erase(next);
    Lane& lane = shared->lanes[key];  // map nodes are stable; lanes are never erased
    Task task = std::move(*lane.queued);
    lane.queued.reset();
    lane.running = task.cancel;
    lane.running_interrupted = false;
    lane.running_id = task.id;
    ++shared->stats.tasks_run;

    lock.unlock();
    SliceReadyEvent event = RunTask(task, *shared);
    lock.lock();

    if (task.prefetch) {
      // Prefetched slices only fill the cache.
      for (const auto& result : event.results) shared->stats.prefetched += result.response && !result.cache_hit;
    } else {
      // Posted before the lane can run again, so a lane's events stay in order even
      // when the main thread runs the lane's next task itself (WaitUntilIdle).
      shared->loop->Post([owner = shared->owner, alive = shared->alive, event = std::move(event)] {
        if (*alive) owner->Deliver(event);
      });
    }
    lane.running.reset();
    lane.running_id = 0;
    if (lane.queued) {
      shared->ready.push_back(key);
      shared->wake.notify_all();
    }
  }
}

bool LayerSlicer::RunOneQueuedTaskHere() {
  std::string key;
  Task task;
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    auto it = std::find_if(shared_->ready.begin(), shared_->ready.end(),
                           [](const std::string& lane) { return lane != kPrefetchLane; });
    if (it == shared_->ready.end()) return false;
    key = *it;
    shared_->ready.erase(it);
    Lane& lane = shared_->lanes[key];
    task = std::move(*lane.queued);
    lane.queued.reset();
    lane.running = task.cancel;
    lane.running_interrupted = false;
    lane.running_id = task.id;
    ++shared_->stats.tasks_run;
  }
  SliceReadyEvent event = RunTask(task, *shared_);
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    Lane& lane = shared_->lanes[key];
    lane.running.reset();
    lane.running_id = 0;
    if (lane.queued) {
      shared_->ready.push_back(key);
      shared_->wake.notify_all();
    }
  }
  loop_.RunPending();  // the lane's earlier events first
  Deliver(event);
  return true;
}

void LayerSlicer::Deliver(const SliceReadyEvent& event) {
  outstanding_.erase(event.task_id);
  slice_ready.Emit(event);
  if (idle() && sync_depth_ == 0) StartPrefetch();
}

void LayerSlicer::StartPrefetch() {
  if (options_.prefetch <= 0 || !cache_ || shut_down_ || last_moved_axis_ < 0 || !last_dims_) return;
  const int axis = last_moved_axis_;
  const AxisRange& range = last_dims_->range()[axis];
  std::vector<std::pair<std::shared_ptr<Layer>, std::shared_ptr<const SliceRequest>>> requests;
  // Nearest positions first, alternating sides: one step back, one forward, …
  for (int distance = 1; distance <= options_.prefetch; ++distance) {
    for (int side : {-1, 1}) {
      const double value = last_dims_->point()[axis] + side * distance * range.step;
      if (value < range.start - 1e-9 || value > range.stop + 1e-9) continue;
      Dims neighbour = *last_dims_;
      neighbour.SetPointOnAxis(axis, value);
      for (const auto& layer : last_layers_) {
        if (!layer->slices_async()) continue;
        auto request = layer->MakeSliceRequest(neighbour, last_view_, 0);
        if (!request.ok()) continue;  // prefetching is best effort
        const std::string key = (*request)->CacheKey();
        if (key.empty() || cache_->Contains(key)) continue;
        requests.emplace_back(layer, std::move(request).value());
      }
    }
  }
  if (requests.empty()) return;
  Task task = MakeTask(std::move(requests), *last_dims_, /*prefetch=*/true);
  task.not_before = Clock::now();
  Enqueue(kPrefetchLane, std::move(task));
}

void LayerSlicer::CancelPrefetch() {
  std::lock_guard<std::mutex> lock(shared_->mutex);
  auto it = shared_->lanes.find(kPrefetchLane);
  if (it == shared_->lanes.end()) return;
  Lane& lane = it->second;
  if (lane.queued) {
    lane.queued.reset();
    std::erase(shared_->ready, std::string(kPrefetchLane));
  }
  if (lane.running) lane.running->Cancel();
}

std::string LayerSlicer::DescribePending() {
  std::map<uint64_t, bool> running;
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    for (const auto& [key, lane] : shared_->lanes) {
      if (lane.running_id) running[lane.running_id] = true;
    }
  }
  std::string out;
  for (const auto& [id, names] : outstanding_) {
    if (!out.empty()) out += "; ";
    out += "task " + std::to_string(id) + " (" + names + ", " + (running.count(id) ? "running" : "waiting") + ")";
  }
  return out;
}

Status LayerSlicer::WaitUntilIdle(std::chrono::milliseconds timeout) {
  // Nobody benefits from a debounce while someone waits for the result. (Waking the
  // slicing threads costs a system call, so only when a task is being held back.)
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    shared_->flush = true;
    bool held_back = false;
    const auto now = Clock::now();
    for (const std::string& key : shared_->ready) held_back = held_back || shared_->lanes[key].queued->not_before > now;
    if (held_back) shared_->wake.notify_all();
  }
  // The caller would only wait: tasks no slicing thread has started yet run here,
  // which saves waking a thread and posting back (the slice is the same either way).
  const auto deadline = Clock::now() + timeout;
  while (!idle() && Clock::now() < deadline && RunOneQueuedTaskHere()) {
  }
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  const bool done = loop_.RunUntil([this] { return idle(); }, std::max(left, std::chrono::milliseconds(0)));
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    shared_->flush = false;
  }
  if (done) return Status::Ok();
  return DeadlineExceededError("slicing did not finish within " + std::to_string(timeout.count()) +
                               " ms; pending: " + DescribePending());
}

}  // namespace stackshot
