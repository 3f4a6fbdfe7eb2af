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
#include <span>

#include <libdeflate.h>

#include "io/oiio_plugin.h"
#include "nd/huge_pages.h"

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

// ---- PNG container ----

uint8_t* PutU32(uint8_t* out, uint32_t value) {
  out[0] = static_cast<uint8_t>(value >> 24);
  out[1] = static_cast<uint8_t>(value >> 16);
  out[2] = static_cast<uint8_t>(value >> 8);
  out[3] = static_cast<uint8_t>(value);
  return out + 4;
}

// Writes one chunk at `out` (12 + size bytes) and returns the end.
uint8_t* PutChunk(uint8_t* out, const char (&type)[5], const uint8_t* data, size_t size) {
  out = PutU32(out, static_cast<uint32_t>(size));
  uint8_t* type_at = out;
  std::memcpy(out, type, 4);
  out += 4;
  if (size > 0) std::memcpy(out, data, size);
  out += size;
  // The CRC covers the type and the data.
  return PutU32(out, libdeflate_crc32(0, type_at, 4 + size));
}

struct CompressorDeleter {
  void operator()(libdeflate_compressor* compressor) const { libdeflate_free_compressor(compressor); }
};

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

Status WriteImageFile(const RgbaImage& image, const std::string& path) {
  RETURN_IF_ERROR(CheckOutputPath(path));
  RETURN_IF_ERROR(CheckImage(image, path));
  ASSIGN_OR_RETURN(const Format format, FormatOf(path));
  // Write beside the target and rename into place: a failure never leaves a
  // partial file under the target name.
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  Status status;
  if (format == Format::kPng) {
    const std::vector<uint8_t> png = EncodePng(image);
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

std::vector<uint8_t> EncodePng(const RgbaImage& image, int level) {
  const bool opaque = image.IsOpaque();
  const size_t channels = opaque ? 3 : 4;
  const size_t width = static_cast<size_t>(std::max(image.width, 0));
  const size_t height = static_cast<size_t>(std::max(image.height, 0));
  const size_t row_bytes = width * channels;

  // Filter "sub" on every row: each byte minus the same channel of the pixel before.
  // Every byte of `filtered` is written below, and the compressor writes only what
  // it needs of its worst-case bound: neither buffer is zero-filled first.
  const size_t filtered_size = (row_bytes + 1) * height;
  std::unique_ptr<uint8_t[]> filtered(new uint8_t[std::max<size_t>(filtered_size, 1)]);
  AdviseHugePages(filtered.get(), filtered_size);
  for (size_t y = 0; y < height; ++y) {
    const uint8_t* in = &image.pixels[y * width * 4];
    uint8_t* out = &filtered[y * (row_bytes + 1)];
    *out++ = 1;
    if (opaque) {
      uint8_t prev[3] = {0, 0, 0};
      for (size_t x = 0; x < width; ++x, in += 4, out += 3) {
        for (int c = 0; c < 3; ++c) {
          out[c] = static_cast<uint8_t>(in[c] - prev[c]);
          prev[c] = in[c];
        }
      }
    } else {
      uint8_t prev[4] = {0, 0, 0, 0};
      for (size_t x = 0; x < width; ++x, in += 4, out += 4) {
        for (int c = 0; c < 4; ++c) {
          out[c] = static_cast<uint8_t>(in[c] - prev[c]);
          prev[c] = in[c];
        }
      }
    }
  }

  std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor(
      libdeflate_alloc_compressor(std::clamp(level, 0, 12)));
  if (!compressor) return {};
  const size_t bound = libdeflate_zlib_compress_bound(compressor.get(), filtered_size);
  std::unique_ptr<uint8_t[]> zlib_buffer(new uint8_t[bound]);
  const size_t zlib_size =
      libdeflate_zlib_compress(compressor.get(), filtered.get(), filtered_size, zlib_buffer.get(), bound);
  if (zlib_size == 0) return {};
  const std::span<const uint8_t> zlib(zlib_buffer.get(), zlib_size);

  // Chunks are limited to 2^31 - 1 bytes; split the stream well below that.
  constexpr size_t kMaxChunk = size_t{1} << 30;
  const size_t idat_chunks = (zlib.size() + kMaxChunk - 1) / kMaxChunk;
  constexpr uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  std::vector<uint8_t> png(8 + (12 + 13) + idat_chunks * 12 + zlib.size() + 12);
  uint8_t* out = png.data();
  std::memcpy(out, kSignature, 8);
  out += 8;
  uint8_t header[13];
  PutU32(header, static_cast<uint32_t>(width));
  PutU32(header + 4, static_cast<uint32_t>(height));
  header[8] = 8;                 // bit depth
  header[9] = opaque ? 2 : 6;    // colour type: RGB or RGBA
  header[10] = 0;                // deflate
  header[11] = 0;                // adaptive filtering
  header[12] = 0;                // no interlace
  out = PutChunk(out, "IHDR", header, sizeof(header));
  for (size_t at = 0; at < zlib.size(); at += kMaxChunk) {
    out = PutChunk(out, "IDAT", zlib.data() + at, std::min(kMaxChunk, zlib.size() - at));
  }
  PutChunk(out, "IEND", nullptr, 0);
  return png;
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
