#include "anim/frame_sink.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "io/oiio_plugin.h"
#include "render/image_writer.h"

namespace stackshot {

std::unique_ptr<FrameSink> MakeFfmpegSink(const OutputSpec& output, const std::string& ffmpeg, int width, int height,
                                          double fps, Status& status);

namespace {

namespace fs = std::filesystem;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class FolderSink final : public FrameSink {
 public:
  explicit FolderSink(OutputSpec output) : output_(std::move(output)) {}
  Status Write(int64_t frame, const RgbaImage& image) override {
    return WriteImageFile(image, FramePath(output_, frame), output_.encode_threads);
  }
  Status Finish() override { return Status::Ok(); }
  void Abandon() override {}

 private:
  OutputSpec output_;
};

class GifSink final : public FrameSink {
 public:
  GifSink(OutputSpec output, const OiioPlugin* plugin, void* handle)
      : output_(std::move(output)), plugin_(plugin), handle_(handle) {}
  ~GifSink() override { Abandon(); }
  Status Write(int64_t /*frame*/, const RgbaImage& image) override {
    return plugin_->gif_append(handle_, image.pixels.data());
  }
  Status Finish() override {
    void* handle = std::exchange(handle_, nullptr);
    RETURN_IF_ERROR(plugin_->gif_close(handle));
    std::error_code error;
    fs::rename(TemporaryOutputPath(output_), output_.path, error);
    if (error) return IoError(output_.path + ": cannot rename the finished file: " + error.message());
    return Status::Ok();
  }
  void Abandon() override {
    if (handle_) (void)plugin_->gif_close(std::exchange(handle_, nullptr));
    std::error_code error;
    fs::remove(TemporaryOutputPath(output_), error);
  }

 private:
  OutputSpec output_;
  const OiioPlugin* plugin_;
  void* handle_;
};

// fps as a fraction with a denominator of 1000 at most (20 → 20/1, 29.97 → 29970/1000).
std::pair<int, int> Rational(double fps) {
  const double rounded = std::round(fps);
  if (std::abs(fps - rounded) < 1e-9) return {static_cast<int>(rounded), 1};
  return {static_cast<int>(std::round(fps * 1000)), 1000};
}

}  // namespace

Result<OutputSpec> ParseOutput(const std::string& path, const std::string& format) {
  OutputSpec output;
  output.path = path;
  while (output.path.size() > 1 && output.path.back() == '/') output.path.pop_back();
  if (output.path.empty()) return InvalidArgumentError("the output path is empty");
  const std::string extension = Lower(fs::path(output.path).extension().string());
  const bool folder = path.back() == '/' || extension.empty();
  if (folder) {
    output.kind = OutputKind::kFolder;
    output.format = Lower(format.empty() ? "png" : format);
    if (output.format == "tiff") output.format = "tif";
    if (output.format != "png" && output.format != "tif" && output.format != "exr") {
      return InvalidArgumentError("--format " + format + ": frames can be png, tif or exr");
    }
    output.stem = fs::path(output.path).filename().string();
    if (output.stem.empty() || output.stem == "." || output.stem == "..") output.stem = "frame";
    return output;
  }
  if (!format.empty()) {
    return InvalidArgumentError("--format applies to a folder of frames, not to " + output.path);
  }
  if (extension == ".gif") {
    output.kind = OutputKind::kGif;
    output.format = "gif";
    return output;
  }
  if (extension == ".mp4" || extension == ".webm" || extension == ".mov") {
    output.kind = OutputKind::kVideo;
    output.format = extension.substr(1);
    return output;
  }
  return InvalidArgumentError(path + ": no animation writer for '" + extension +
                              "' (write a folder of frames, .gif, .mp4, .webm or .mov)");
}

std::string FramePath(const OutputSpec& output, int64_t frame) {
  char number[32];
  std::snprintf(number, sizeof number, "_%06lld.", static_cast<long long>(frame));
  return (fs::path(output.path) / (output.stem + number + output.format)).string();
}

std::string TemporaryOutputPath(const OutputSpec& output) {
  return output.path + ".tmp-" + std::to_string(::getpid());
}

std::string FindFfmpeg() {
  const char* path = std::getenv("PATH");
  if (!path) return {};
  std::string_view rest(path);
  while (!rest.empty()) {
    const size_t colon = rest.find(':');
    const std::string dir(rest.substr(0, colon));
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    if (dir.empty()) continue;
    const std::string candidate = dir + "/ffmpeg";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

Result<std::unique_ptr<FrameSink>> OpenFrameSink(const OutputSpec& output, int width, int height, double fps) {
  std::error_code error;
  switch (output.kind) {
    case OutputKind::kFolder: {
      fs::create_directories(output.path, error);
      if (error) return IoError(output.path + ": cannot create the folder: " + error.message());
      return std::unique_ptr<FrameSink>(std::make_unique<FolderSink>(output));
    }
    case OutputKind::kGif: {
      ASSIGN_OR_RETURN(const OiioPlugin* plugin, LoadOiioPlugin("to write " + output.path));
      const auto [num, den] = Rational(fps);
      void* handle = nullptr;
      RETURN_IF_ERROR(plugin->gif_open(TemporaryOutputPath(output), width, height, num, den, &handle));
      return std::unique_ptr<FrameSink>(std::make_unique<GifSink>(output, plugin, handle));
    }
    case OutputKind::kVideo: {
      const std::string ffmpeg = FindFfmpeg();
      if (ffmpeg.empty()) {
        return NotFoundError("ffmpeg not found on PATH: it is needed to write " + output.path +
                             " (install ffmpeg, or write a folder of frames or a .gif)");
      }
      Status status;
      auto sink = MakeFfmpegSink(output, ffmpeg, width, height, fps, status);
      if (!status.ok()) return status;
      return sink;
    }
  }
  return InternalError("unknown output kind");
}

}  // namespace stackshot
