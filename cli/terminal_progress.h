// TerminalProgress: one progress line on stderr for a long step.
//
// On a terminal the line is redrawn in place at most 10 times a second; elsewhere
// (CI logs) it prints a start line, at most one line every 5 seconds, and an end
// line, without escape codes. Quiet mode prints nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace stackshot {

class TerminalProgress {
 public:
  enum class Mode { kAuto, kQuiet };
  explicit TerminalProgress(Mode mode = Mode::kAuto);

  void Start(std::string description, int64_t total);
  void Update(int64_t done);
  // Ends the line with `summary` ("wrote cells.h5 (24 MiB)").
  void Finish(const std::string& summary);

 private:
  void Draw(int64_t done);

  bool quiet_;
  bool tty_;
  std::string description_;
  int64_t total_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// "12.3 MiB"
std::string FormatBytes(uint64_t bytes);
// "85 ms", "2.4 s"
std::string FormatSeconds(double seconds);

}  // namespace stackshot
