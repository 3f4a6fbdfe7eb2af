#include "render/image_writer.h"

#include <fcntl.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>


#include "io/oiio_plugin.h"

namespace stackshot {
namespace {

namespace fs = std::filesystem;

enum class Format { kPng, kTiff, kExr };

constexpr char kKnownExtensions[] = ".png, .tif, .tiff, .exr";

std::string Lower(std::string text) {
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return text;
}

Result<Format> FormatOf(const std::string& path) {
  const std::string extension = Lower(fs::path(path).extension().string());
  if (extension == ".png") return Format::kPng;
  if (extension == ".tif" || extension == ".tiff") return Format::kTiff;
  if (extension == ".exr") return Format::kExr;
  if (extension.empty()) {
    return InvalidArgumentError(path + ": no image extension (known: " + kKnownExtensions + ")");
  }
  return InvalidArgumentError(path + ": unknown image extension '" + fs::path(path).extension().string() +
                              "' (known: " + kKnownExtensions + ")");
}

Status CheckImage(const RgbaImage& image, const std::string& path) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<size_t>(image.width) * image.height * 4) {
    return InternalError(path + ": frame of " + std::to_string(image.width) + "×" + std::to_string(image.height) +
                         " has " + std::to_string(image.pixels.size()) + " bytes");
  }
  return Status::Ok();
}

std::string ErrnoText(int error) { return std::strerror(error); }

// ---- OpenImageIO (loaded on first use, see io/oiio_plugin.h) ----

Status WriteWithOpenImageIO(const RgbaImage& image, const std::string& format_path, const std::string& out_path,
                            Format format, int png_level) {
  ASSIGN_OR_RETURN(const OiioPlugin* plugin, LoadOiioPlugin("to write " + format_path));
  return plugin->write_rgba(image.pixels.data(), image.width, image.height, image.IsOpaque(), format == Format::kExr,
                            format_path, out_path, png_level);
}

Status WriteBytes(const std::vector<uint8_t>& bytes, const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return IoError(path + ": cannot create: " + ErrnoText(errno));
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  const int write_error = errno;
  const bool closed = std::fclose(file) == 0;
  if (!written) return IoError(path + ": write failed: " + ErrnoText(write_error));
  if (!closed) return IoError(path + ": write failed: " + ErrnoText(errno));
  return Status::Ok();
}

}  // namespace

Status CheckOutputPath(const std::string& path) {
  ASSIGN_OR_RETURN(const Format format, FormatOf(path));
  // TIFF and EXR need the OpenImageIO plugin: fail before rendering, not after.
  if (format != Format::kPng) RETURN_IF_ERROR(LoadOiioPlugin("to write " + path).status());
  fs::path folder = fs::path(path).parent_path();
  const std::string folder_text = folder.empty() ? "." : folder.string();
  if (folder.empty()) folder = ".";
  std::error_code error;
  const fs::file_status status = fs::status(folder, error);
  if (!fs::exists(status)) return NotFoundError(path + ": folder '" + folder_text + "' does not exist");
  if (!fs::is_directory(status)) return InvalidArgumentError(path + ": '" + folder_text + "' is not a folder");
  if (::access(folder.c_str(), W_OK) != 0) return IoError(path + ": folder '" + folder_text + "' is not writable");
  // access() says yes to root everywhere; creating a file is the real test (a
  // read-only file system, /proc).
  const std::string probe = path + ".tmp-probe-" + std::to_string(::getpid());
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) {
    return IoError(path + ": folder '" + folder_text + "' is not writable: " + ErrnoText(errno));
  }
  ::close(fd);
  ::unlink(probe.c_str());
  return Status::Ok();
}

Status WriteImageFile(const RgbaImage& image, const std::string& path, int threads) {
  RETURN_IF_ERROR(CheckOutputPath(path));
  RETURN_IF_ERROR(CheckImage(image, path));
  ASSIGN_OR_RETURN(const Format format, FormatOf(path));
  // Write beside the target and rename into place: a failure never leaves a
  // partial file under the target name.
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  Status status;
  if (format == Format::kPng) {
    const std::vector<uint8_t> png = EncodePng(image, 1, threads);
    status = png.empty() ? IoError(path + ": png encoding failed") : WriteBytes(png, temp);
  } else {
    status = WriteWithOpenImageIO(image, path, temp, format, 0);
  }
  if (status.ok() && std::rename(temp.c_str(), path.c_str()) != 0) {
    status = IoError(path + ": cannot move the finished file into place: " + ErrnoText(errno));
  }
  if (!status.ok()) {
    std::error_code ignored;
    fs::remove(temp, ignored);
  }
  return status;
}

Status WritePngWithOpenImageIO(const RgbaImage& image, const std::string& path, int compression_level) {
  RETURN_IF_ERROR(CheckImage(image, path));
  return WriteWithOpenImageIO(image, path, path, Format::kPng, compression_level);
}

Result<RgbaImage> ReadImageFile(const std::string& path) {
  ASSIGN_OR_RETURN(const OiioPlugin* plugin, LoadOiioPlugin("to read " + path));
  RgbaImage image;
  RETURN_IF_ERROR(plugin->read_rgba(path, &image.width, &image.height, &image.pixels));
  return image;
}

}  // namespace stackshot
