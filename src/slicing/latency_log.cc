#include "slicing/latency_log.h"

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

namespace stackshot {

Result<std::unique_ptr<LatencyLog>> LatencyLog::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (!file) return IoError(path + ": cannot write the latency log: " + std::strerror(errno));
  return std::unique_ptr<LatencyLog>(new LatencyLog(file));
}

LatencyLog::~LatencyLog() { std::fclose(file_); }

std::string LatencyLog::Format(const LatencyRecord& r) {
  // nlohmann::ordered_json keeps the documented key order.
  nlohmann::ordered_json line;
  line["layer"] = r.layer;
  line["task"] = r.task_id;
  line["request"] = r.request_id;
  line["prefetch"] = r.prefetch;
  line["submitted_ms"] = r.submitted_ms;
  line["started_ms"] = r.started_ms;
  line["finished_ms"] = r.finished_ms;
  line["cancelled"] = r.cancelled;
  line["cache_hit"] = r.cache_hit;
  line["bytes_read"] = r.bytes_read;
  line["level"] = r.level;
  line["error"] = r.error.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.error);
  // A layer name or error that is not UTF-8 is written with U+FFFD, not thrown.
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void LatencyLog::Write(const LatencyRecord& record) {
  const std::string line = Format(record) + "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace stackshot
