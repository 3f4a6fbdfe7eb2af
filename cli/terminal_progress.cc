#include "terminal_progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

namespace stackshot {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kRedrawEvery{100};     // bar: at most 10 redraws a second
constexpr milliseconds kJsonEvery{100};       // json: at most 10 events a second per bar
constexpr milliseconds kPlainEvery{5000};     // plain: one line every 5 s per bar
constexpr milliseconds kPlainStartAfter{1000}; // plain: a start line only if it runs this long
constexpr const char* kSpinner = "|/-\\";

// One JSON line; bytes that are not UTF-8 (a folder's name, a --set value) become
// U+FFFD instead of throwing from dump().
std::string DumpJsonLine(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

double Seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

int TerminalWidth(FILE* out) {
  winsize size{};
  if (ioctl(fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

ProgressMode Resolve(ProgressMode mode, FILE* out) {
  if (mode != ProgressMode::kAuto) return mode;
  const char* term = std::getenv("TERM");
  const bool dumb = term != nullptr && std::strcmp(term, "dumb") == 0;
  return isatty(fileno(out)) != 0 && !dumb ? ProgressMode::kBar : ProgressMode::kPlain;
}

std::string Count(const ProgressState& bar) {
  if (bar.indeterminate()) return std::to_string(bar.n);
  return std::to_string(bar.n) + "/" + std::to_string(bar.total);
}

std::string Rate(int64_t n, double elapsed) {
  if (n <= 0 || elapsed <= 0) return "?/s";
  char text[32];
  const double rate = static_cast<double>(n) / elapsed;
  std::snprintf(text, sizeof text, rate >= 100 ? "%.0f/s" : "%.1f/s", rate);
  return text;
}

}  // namespace

std::optional<ProgressMode> ParseProgressMode(const std::string& text) {
  if (text == "auto") return ProgressMode::kAuto;
  if (text == "bar") return ProgressMode::kBar;
  if (text == "plain") return ProgressMode::kPlain;
  if (text == "json") return ProgressMode::kJson;
  if (text == "none") return ProgressMode::kNone;
  return std::nullopt;
}

TerminalProgress::TerminalProgress(Options options)
    : mode_(Resolve(options.mode, options.out)),
      out_(options.out),
      width_(options.width > 0 ? options.width : TerminalWidth(options.out)),
      now_(std::move(options.now)) {}

TerminalProgress::Clock::time_point TerminalProgress::Now() const { return now_ ? now_() : Clock::now(); }

void TerminalProgress::ClearLocked() {
  if (drawn_lines_ > 0) std::fprintf(out_, "\033[%dA\033[J", drawn_lines_);
  drawn_lines_ = 0;
}

void TerminalProgress::DrawLocked() {
  for (const auto& [id, bar] : bars_) std::fprintf(out_, "%s\n", BarLine(bar, width_).c_str());
  drawn_lines_ = static_cast<int>(bars_.size());
  last_draw_ = Now();
  spinner_ = (spinner_ + 1) % 4;
}

void TerminalProgress::EmitLineLocked(const std::string& line) {
  if (mode_ == ProgressMode::kBar) {
    ClearLocked();
    std::fprintf(out_, "%s\n", line.c_str());
    DrawLocked();
  } else {
    std::fprintf(out_, "%s\n", line.c_str());
  }
  std::fflush(out_);
}

std::string TerminalProgress::BarLine(const Bar& bar, int width) const {
  const ProgressState& s = bar.state;
  const double elapsed = Seconds(Now() - bar.shown);
  const std::string rate = Rate(s.n, elapsed);
  std::string line;
  if (s.indeterminate()) {
    line = s.desc + " " + kSpinner[spinner_] + " " + std::to_string(s.n) + " [" + FormatClock(elapsed) + ", " +
           rate + "]";
  } else {
    const int64_t n = std::min(s.n, s.total);
    const int percent = static_cast<int>(100 * n / s.total);
    std::string eta = "?";
    if (s.n > 0 && elapsed > 0) eta = FormatClock(elapsed * static_cast<double>(s.total - n) / static_cast<double>(s.n));
    char head[16];
    std::snprintf(head, sizeof head, " %3d%% |", percent);
    const std::string left = s.desc + head;
    const std::string right = "| " + Count(s) + " [" + FormatClock(elapsed) + "<" + eta + ", " + rate + "]";
    const int room = std::min(40, width - 1 - static_cast<int>(left.size() + right.size()));
    if (room >= 5) {
      const int filled = static_cast<int>(room * n / s.total);
      line = left + std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(room - filled), '.') +
             right;
    } else {
      line = s.desc + " " + Count(s) + " [" + FormatClock(elapsed) + "<" + eta + "]";
    }
  }
  // Never wrap: a wrapped line would break the count of lines to erase.
  if (static_cast<int>(line.size()) > width - 1) line.resize(static_cast<size_t>(std::max(0, width - 1)));
  return line;
}

std::string TerminalProgress::PlainLine(const Bar& bar) const {
  const ProgressState& s = bar.state;
  std::string line = s.desc + ": " + Count(s);
  if (!s.indeterminate()) line += " (" + std::to_string(100 * std::min(s.n, s.total) / s.total) + "%)";
  return line + " after " + FormatSeconds(Seconds(Now() - bar.shown));
}

void TerminalProgress::PlainTickLocked(Bar& bar) {
  const auto now = Now();
  if (!bar.announced) {
    if (now - bar.shown < kPlainStartAfter) return;
    bar.announced = true;
    bar.last_line = now;
    const ProgressState& s = bar.state;
    EmitLineLocked(s.desc + ": started" + (s.indeterminate() ? std::string() : " (" + std::to_string(s.total) + " steps)"));
    return;
  }
  if (now - bar.last_line < kPlainEvery) return;
  bar.last_line = now;
  EmitLineLocked(PlainLine(bar));
}

void TerminalProgress::JsonLocked(const std::string& event, const Bar& bar, const char* outcome) {
  const ProgressState& s = bar.state;
  nlohmann::ordered_json j;
  j["event"] = event;
  j["desc"] = s.desc;
  j["n"] = s.n;
  j["total"] = s.total;
  j["elapsed_s"] = std::round(Seconds(Now() - bar.shown) * 1000) / 1000;
  j["id"] = s.id;
  if (outcome != nullptr) j["outcome"] = outcome;
  std::fprintf(out_, "%s\n", DumpJsonLine(j).c_str());
  std::fflush(out_);
}

void TerminalProgress::OnProgressStart(const ProgressState& bar) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto now = Now();
  Bar& added = bars_[bar.id] = Bar{bar, now, now, false};
  switch (mode_) {
    case ProgressMode::kBar:
      ClearLocked();
      DrawLocked();
      std::fflush(out_);
      break;
    case ProgressMode::kPlain:
      break;  // announced by PlainTickLocked once it has run a while
    case ProgressMode::kJson:
      JsonLocked("start", added, nullptr);
      break;
    case ProgressMode::kAuto:
    case ProgressMode::kNone:
      break;
  }
}

void TerminalProgress::OnProgressUpdate(const ProgressState& state) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = bars_.find(state.id);
  if (it == bars_.end()) return;
  Bar& bar = it->second;
  bar.state = state;
  const auto now = Now();
  switch (mode_) {
    case ProgressMode::kBar:
      // Otherwise the next Tick draws it.
      if (now - last_draw_ >= kRedrawEvery) {
        ClearLocked();
        DrawLocked();
        std::fflush(out_);
      }
      break;
    case ProgressMode::kPlain:
      PlainTickLocked(bar);
      break;
    case ProgressMode::kJson:
      if (now - bar.last_line >= kJsonEvery) {
        bar.last_line = now;
        JsonLocked("progress", bar, nullptr);
      }
      break;
    case ProgressMode::kAuto:
    case ProgressMode::kNone:
      break;
  }
}

void TerminalProgress::OnProgressEnd(const ProgressState& state, ProgressOutcome outcome) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = bars_.find(state.id);
  if (it == bars_.end()) return;
  Bar bar = it->second;
  bar.state = state;
  bars_.erase(it);
  const double elapsed = Seconds(Now() - bar.shown);
  std::string line = state.desc + ": ";
  if (outcome == ProgressOutcome::kDone) {
    line += "done, " + Count(state) + " in " + FormatSeconds(elapsed);
  } else {
    line += std::string(ProgressOutcomeName(outcome)) + " at " + Count(state) + " after " + FormatSeconds(elapsed);
  }
  switch (mode_) {
    case ProgressMode::kBar:
      ClearLocked();
      if (outcome != ProgressOutcome::kFailed) std::fprintf(out_, "%s\n", line.c_str());
      DrawLocked();
      std::fflush(out_);
      break;
    case ProgressMode::kPlain:
      if (outcome != ProgressOutcome::kFailed) EmitLineLocked(line);
      break;
    case ProgressMode::kJson:
      JsonLocked("end", bar, ProgressOutcomeName(outcome));
      break;
    case ProgressMode::kAuto:
    case ProgressMode::kNone:
      break;
  }
}

void TerminalProgress::Log(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (mode_ == ProgressMode::kJson) {
    nlohmann::ordered_json j;
    j["event"] = "log";
    j["message"] = line;
    std::fprintf(out_, "%s\n", DumpJsonLine(j).c_str());
    std::fflush(out_);
    return;
  }
  EmitLineLocked(line);
}

void TerminalProgress::Error(const std::string& message) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (mode_ == ProgressMode::kJson) {
    nlohmann::ordered_json j;
    j["event"] = "error";
    j["message"] = message;
    std::fprintf(out_, "%s\n", DumpJsonLine(j).c_str());
    std::fflush(out_);
    return;
  }
  EmitLineLocked("stackshot: error: " + message);
}

void TerminalProgress::Tick() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (mode_ == ProgressMode::kPlain) {
    for (auto& [id, bar] : bars_) PlainTickLocked(bar);
    return;
  }
  if (mode_ != ProgressMode::kBar || bars_.empty()) return;
  if (Now() - last_draw_ < kRedrawEvery) return;
  ClearLocked();
  DrawLocked();  // also when not dirty: the spinner, elapsed time and rate move
  std::fflush(out_);
}

namespace {

std::shared_ptr<TerminalProgress>& Installed() {
  static std::shared_ptr<TerminalProgress> installed;
  return installed;
}

}  // namespace

void InstallTerminalProgress(ProgressMode mode) {
  if (Installed()) RemoveProgressListener(Installed());
  Installed() = std::make_shared<TerminalProgress>(TerminalProgress::Options{mode, stderr, 0, nullptr});
  AddProgressListener(Installed());
}

TerminalProgress* InstalledTerminalProgress() { return Installed().get(); }

void LogLine(const std::string& line) {
  if (Installed()) {
    Installed()->Log(line);
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
  }
}

void LogError(const std::string& message) {
  if (Installed()) {
    Installed()->Error(message);
  } else {
    std::fprintf(stderr, "stackshot: error: %s\n", message.c_str());
    std::fflush(stderr);
  }
}

void TickProgress() {
  if (Installed()) Installed()->Tick();
}

std::string FormatBytes(uint64_t bytes) {
  char text[32];
  if (bytes < 1024) {
    std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1024ull * 1024) {
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024);
  } else if (bytes < 1024ull * 1024 * 1024) {
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024 * 1024));
  } else {
    std::snprintf(text, sizeof text, "%.2f GiB", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
  }
  return text;
}

std::string FormatSeconds(double seconds) {
  char text[32];
  if (seconds < 1) {
    std::snprintf(text, sizeof text, "%.0f ms", seconds * 1000);
  } else {
    std::snprintf(text, sizeof text, "%.1f s", seconds);
  }
  return text;
}

std::string FormatClock(double seconds) {
  const long long total = static_cast<long long>(std::max(0.0, seconds));
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  }
  return text;
}

}  // namespace stackshot
