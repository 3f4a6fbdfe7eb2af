// LatencyLog: one JSON line per layer sliced in a task (NAP-4 P1), written to a
// local file only.
//
// Line: {"layer":"nuclei","task":3,"request":7,"prefetch":false,"submitted_ms":1.2,
// "started_ms":1.3,"finished_ms":14.8,"cancelled":false,"cache_hit":false,
// "bytes_read":2097152,"level":0,"error":null}. Times are milliseconds since the
// slicer started (a steady clock). Safe to write from several threads; each line is
// written whole.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "nd/status.h"

namespace stackshot {

struct LatencyRecord {
  std::string layer;
  uint64_t task_id = 0;
  uint64_t request_id = 0;
  bool prefetch = false;
  double submitted_ms = 0;
  double started_ms = 0;
  double finished_ms = 0;
  bool cancelled = false;
  bool cache_hit = false;
  uint64_t bytes_read = 0;
  int level = 0;
  std::string error;  // empty: none
};

class LatencyLog {
 public:
  // Creates or truncates the file.
  static Result<std::unique_ptr<LatencyLog>> Open(const std::string& path);
  ~LatencyLog();
  LatencyLog(const LatencyLog&) = delete;
  LatencyLog& operator=(const LatencyLog&) = delete;

  void Write(const LatencyRecord& record);

  // The JSON line for a record, without the newline.
  static std::string Format(const LatencyRecord& record);

 private:
  explicit LatencyLog(std::FILE* file) : file_(file) {}
  std::mutex mutex_;
  std::FILE* file_;
};

}  // namespace stackshot
