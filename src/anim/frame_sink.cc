#include "anim/frame_sink.h"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "anim/gif_encoder.h"
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

// Our own GIF encoder (anim/gif_encoder.h), each frame's bytes written as it comes.
class GifSink final : public FrameSink {
 public:
  GifSink(OutputSpec output, std::FILE* file, int width, int height, double fps)
      : output_(std::move(output)), file_(file), encoder_(width, height, fps) {}
  ~GifSink() override { Abandon(); }
  Status Write(int64_t /*frame*/, const RgbaImage& image) override {
    bytes_.clear();
    encoder_.AddFrame(image.pixels.data(), bytes_);
    return Put();
  }
  Status Finish() override {
    bytes_.clear();
    encoder_.Finish(bytes_);
    RETURN_IF_ERROR(Put());
    const bool closed = std::fclose(std::exchange(file_, nullptr)) == 0;
    if (!closed) return IoError(output_.path + ": cannot write: " + std::strerror(errno));
    std::error_code error;
    fs::rename(TemporaryOutputPath(output_), output_.path, error);
    if (error) return IoError(output_.path + ": cannot rename the finished file: " + error.message());
    return Status::Ok();
  }
  void Abandon() override {
    if (file_) std::fclose(std::exchange(file_, nullptr));
    std::error_code error;
    fs::remove(TemporaryOutputPath(output_), error);
  }

 private:
  Status Put() {
    if (std::fwrite(bytes_.data(), 1, bytes_.size(), file_) != bytes_.size()) {
      return IoError(output_.path + ": cannot write: " + std::strerror(errno));
    }
    return Status::Ok();
  }
  OutputSpec output_;
  std::FILE* file_;
  GifEncoder encoder_;
  std::vector<uint8_t> bytes_;
};

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
      if (width > 65535 || height > 65535) {
        return InvalidArgumentError(output.path + ": a GIF is at most 65535 pixels wide and high");
      }
      std::FILE* file = std::fopen(TemporaryOutputPath(output).c_str(), "wb");
      if (!file) return IoError(output.path + ": cannot create " + TemporaryOutputPath(output) + ": " +
                                std::strerror(errno));
      return std::unique_ptr<FrameSink>(std::make_unique<GifSink>(output, file, width, height, fps));
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
