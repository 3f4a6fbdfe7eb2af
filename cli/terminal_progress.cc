#include "terminal_progress.h"

#include <unistd.h>

#include <cstdio>

namespace stackshot {

using Clock = std::chrono::steady_clock;

TerminalProgress::TerminalProgress(Mode mode)
    : quiet_(mode == Mode::kQuiet), tty_(isatty(fileno(stderr)) != 0) {}

void TerminalProgress::Start(std::string description, int64_t total) {
  description_ = std::move(description);
  total_ = total;
  start_ = Clock::now();
  last_draw_ = start_;
  if (quiet_) return;
  if (tty_) {
    Draw(0);
  } else {
    std::fprintf(stderr, "%s: started (%lld steps)\n", description_.c_str(), static_cast<long long>(total_));
  }
}

void TerminalProgress::Update(int64_t done) {
  if (quiet_) return;
  const auto now = Clock::now();
  const auto every = tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (now - last_draw_ < every) return;
  last_draw_ = now;
  Draw(done);
}

void TerminalProgress::Draw(int64_t done) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const int percent = total_ > 0 ? static_cast<int>(100 * done / total_) : 0;
  if (tty_) {
    const int width = 24;
    const int filled = total_ > 0 ? static_cast<int>(width * done / total_) : 0;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r\033[K%s [%s] %lld/%lld %3d%% %s", description_.c_str(), bar.c_str(),
                 static_cast<long long>(done), static_cast<long long>(total_), percent,
                 FormatSeconds(elapsed).c_str());
  } else {
    std::fprintf(stderr, "%s: %lld/%lld (%d%%) after %s\n", description_.c_str(), static_cast<long long>(done),
                 static_cast<long long>(total_), percent, FormatSeconds(elapsed).c_str());
  }
  std::fflush(stderr);
}

void TerminalProgress::Finish(const std::string& summary) {
  if (quiet_) return;
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  if (tty_) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "%s in %s\n", summary.c_str(), FormatSeconds(elapsed).c_str());
  std::fflush(stderr);
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

}  // namespace stackshot
