// Video through ffmpeg: raw RGBA frames on its stdin, the encoded file under a
// temporary name renamed by Finish(). ffmpeg's own messages go to a log beside the
// output, whose last line becomes the error when ffmpeg fails.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "anim/frame_sink.h"
#include "nd/status.h"

extern char** environ;

namespace stackshot {
namespace {

namespace fs = std::filesystem;

std::string LastLine(const std::string& path) {
  std::ifstream stream(path);
  std::string line;
  std::string last;
  while (std::getline(stream, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

// A write to a pipe whose reader has gone raises SIGPIPE at the writing thread;
// blocked, write() fails with EPIPE instead and the error is reported.
void BlockSigpipeOnThisThread() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

class FfmpegSink final : public FrameSink {
 public:
  FfmpegSink(OutputSpec output, pid_t pid, int fd, std::string log)
      : output_(std::move(output)), pid_(pid), fd_(fd), log_(std::move(log)) {}
  ~FfmpegSink() override { Abandon(); }

  Status Write(int64_t frame, const RgbaImage& image) override {
    BlockSigpipeOnThisThread();
    const uint8_t* data = image.pixels.data();
    size_t left = image.pixels.size();
    while (left > 0) {
      const ssize_t written = ::write(fd_, data, left);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        Wait();
        return IoError(output_.path + ": ffmpeg stopped at frame " + std::to_string(frame) + ": " + Reason());
      }
      data += written;
      left -= static_cast<size_t>(written);
    }
    return Status::Ok();
  }

  Status Finish() override {
    const int status = Wait();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return IoError(output_.path + ": ffmpeg failed: " + Reason());
    std::error_code error;
    fs::remove(log_, error);
    fs::rename(TemporaryOutputPath(output_), output_.path, error);
    if (error) return IoError(output_.path + ": cannot rename the finished file: " + error.message());
    return Status::Ok();
  }

  // Stops feeding and kills ffmpeg at once: asked to stop politely (SIGTERM, or
  // the end of its input) it would first encode the frames it holds and finish a
  // file that is then deleted, seconds for a long H.264 look-ahead.
  void Abandon() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
    std::error_code error;
    fs::remove(TemporaryOutputPath(output_), error);
    fs::remove(log_, error);
  }

 private:
  // Closes ffmpeg's input (end of stream) and waits for it; the exit status.
  int Wait() {
    if (fd_ >= 0) ::close(std::exchange(fd_, -1));
    int status = 0;
    if (pid_ > 0) {
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      pid_ = -1;
      exit_status_ = status;
    }
    return exit_status_;
  }
  std::string Reason() const {
    std::string line = LastLine(log_);
    return line.empty() ? "no message (see ffmpeg -encoders)" : line;
  }

  OutputSpec output_;
  pid_t pid_;
  int fd_;
  std::string log_;
  int exit_status_ = 0;
};

std::vector<std::string> EncoderArguments(const std::string& format) {
  // Even sides for 4:2:0; fixed settings and bit-exact muxing so that the same
  // frames give the same file.
  const std::vector<std::string> even = {"-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"};
  std::vector<std::string> args;
  if (format == "webm") {
    args = {"-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p", "-b:v", "0", "-crf", "30", "-row-mt", "0"};
  } else {
    args = {"-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "18", "-preset", "medium"};
  }
  args.insert(args.end(), even.begin(), even.end());
  args.insert(args.end(), {"-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1"});
  return args;
}

}  // namespace

std::unique_ptr<FrameSink> MakeFfmpegSink(const OutputSpec& output, const std::string& ffmpeg, int width, int height,
                                          double fps, Status& status) {
  const std::string temporary = TemporaryOutputPath(output);
  const std::string log = temporary + ".log";
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.6g", fps);
  std::vector<std::string> args = {ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                                   "-f", "rawvideo", "-pix_fmt", "rgba",
                                   "-s", std::to_string(width) + "x" + std::to_string(height),
                                   "-framerate", rate, "-i", "pipe:0"};
  const std::vector<std::string> encoder = EncoderArguments(output.format);
  args.insert(args.end(), encoder.begin(), encoder.end());
  args.insert(args.end(), {"-f", output.format == "webm" ? "webm" : (output.format == "mov" ? "mov" : "mp4"),
                           temporary});

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    status = IoError(output.path + ": cannot create a pipe for ffmpeg: " + std::strerror(errno));
    return nullptr;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  // ffmpeg must not inherit the blocked SIGINT / SIGTERM mask.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  // Its own process group: a Ctrl-C at the terminal reaches stackshot, which stops
  // ffmpeg itself (Abandon) instead of leaving a half-written file.
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, ffmpeg.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(fds[0]);
  if (spawned != 0) {
    ::close(fds[1]);
    status = IoError(output.path + ": cannot start " + ffmpeg + ": " + std::strerror(spawned));
    return nullptr;
  }
  status = Status::Ok();
  return std::make_unique<FfmpegSink>(output, pid, fds[1], log);
}

}  // namespace stackshot
