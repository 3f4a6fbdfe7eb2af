// TerminalProgress: progress bars and log lines on stderr, the CLI's one door to
// the terminal. It listens to the workers' progress model (workers/progress.h).
//
// Modes (--progress):
// - auto: bar when stderr is a terminal (and TERM is not "dumb"), else plain.
// - bar: one live line per running worker with progress: description, percent,
//   a bar, n/total, elapsed < ETA and rate; a spinner, n and rate when the total is
//   unknown. Redrawn at most 10 times a second. A log line first erases the bars,
//   prints, then draws them again below it, so lines are never garbled.
// - plain (CI logs): no escape codes. "desc: started (3 steps)" once the bar has
//   run for a second (a quick run prints only its end line), then at most one
//   "desc: 1/3 (33%) after 5.0 s" every 5 seconds, and an end line
//   "desc: done, 3/3 in 6.1 s" or "desc: aborted at 1/3 after 2.0 s".
// - A failed bar ends without a line in bar and plain mode: the error that made
//   it fail is printed by whoever handles it.
// - json (scripts): one object per line. {"event":"start",…},
//   {"event":"progress","desc":…,"n":…,"total":…,"elapsed_s":…} at most 10 a second
//   per bar, {"event":"end",…,"outcome":"done|aborted|failed"}, and log lines and
//   errors as {"event":"log","message":…} / {"event":"error","message":…}.
// - none: no progress; log lines and errors still print.
//
// Thread-safe (one mutex); every write is flushed.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "workers/progress.h"

namespace stackshot {

enum class ProgressMode { kAuto, kBar, kPlain, kJson, kNone };

// "auto", "bar", "plain", "json", "none".
std::optional<ProgressMode> ParseProgressMode(const std::string& text);

class TerminalProgress final : public ProgressListener {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    ProgressMode mode = ProgressMode::kAuto;
    FILE* out = stderr;
    int width = 0;                           // bar mode; 0: the terminal's, else 80
    std::function<Clock::time_point()> now;  // tests set a fake clock
  };

  explicit TerminalProgress(Options options);

  // kAuto resolved.
  ProgressMode mode() const { return mode_; }

  void OnProgressStart(const ProgressState& bar) override;
  void OnProgressUpdate(const ProgressState& bar) override;
  void OnProgressEnd(const ProgressState& bar, ProgressOutcome outcome) override;

  void Log(const std::string& line);
  // "stackshot: error: <message>", or a JSON error event.
  void Error(const std::string& message);
  // From the main loop, several times a second: redraws bars when due (spinner,
  // elapsed time, rate).
  void Tick();

 private:
  struct Bar {
    ProgressState state;
    Clock::time_point shown;      // when it started, by this display's clock
    Clock::time_point last_line;  // plain and json: when it last printed
    bool announced = false;       // plain: its start line was printed
  };

  Clock::time_point Now() const;
  void EmitLineLocked(const std::string& line);
  void ClearLocked();
  void DrawLocked();
  std::string BarLine(const Bar& bar, int width) const;
  std::string PlainLine(const Bar& bar) const;
  // Plain: the start line of a bar that has run long enough, then progress lines.
  void PlainTickLocked(Bar& bar);
  void JsonLocked(const std::string& event, const Bar& bar, const char* outcome);

  ProgressMode mode_;
  FILE* out_;
  int width_;
  std::function<Clock::time_point()> now_;
  std::mutex mutex_;
  std::map<uint64_t, Bar> bars_;  // running workers with progress, in start order
  int drawn_lines_ = 0;           // bar lines on screen, the cursor below them
  Clock::time_point last_draw_{};
  int spinner_ = 0;
};

// The program's display, made by main() from --progress and registered as a
// progress listener. Before Install, lines go to stderr plainly.
void InstallTerminalProgress(ProgressMode mode);
TerminalProgress* InstalledTerminalProgress();
void LogLine(const std::string& line);
void LogError(const std::string& message);
void TickProgress();

// "12.3 MiB"
std::string FormatBytes(uint64_t bytes);
// "85 ms", "2.4 s"
std::string FormatSeconds(double seconds);
// "0:07", "1:02:03"
std::string FormatClock(double seconds);

}  // namespace stackshot
