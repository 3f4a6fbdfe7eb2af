// Where an animation's frames go: a folder of numbered images, an animated GIF, or
// a video through ffmpeg. Chosen by the output path (ParseOutput).
//
// Nothing lost, nothing partial: a folder gets each frame under a temporary name
// renamed into place (render/image_writer.h), so an interrupted run leaves only
// complete frames; a GIF or video is written to "<out>.tmp-<pid>" and renamed by
// Finish(), and Abandon() removes it. Frames reach Write() in order.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "nd/status.h"
#include "render/canvas.h"

namespace stackshot {

enum class OutputKind { kFolder, kGif, kVideo };

struct OutputSpec {
  std::string path;             // as given, without a trailing slash
  OutputKind kind = OutputKind::kFolder;
  std::string format = "png";   // folder: png, tif or exr; video: mp4, webm or mov
  std::string stem;             // folder: frame names are <stem>_000000.<format>; default the folder's name
  int encode_threads = 1;       // PNG frames: threads of the encoder (the bytes never depend on it)
};

// A path ending in .gif, .mp4, .webm or .mov is a file; one without an extension (or
// ending in "/") is a folder of frames in `format` (png, tif, exr). Any other
// extension is an error naming the writers there are. `format` applies to folders.
Result<OutputSpec> ParseOutput(const std::string& path, const std::string& format);

// "<folder>/<stem>_000042.png".
std::string FramePath(const OutputSpec& output, int64_t frame);

// The temporary file a GIF or video is written to before the rename.
std::string TemporaryOutputPath(const OutputSpec& output);

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  virtual Status Write(int64_t frame, const RgbaImage& image) = 0;
  // After the last frame: completes and renames a GIF or video.
  virtual Status Finish() = 0;
  // After a stop or an error: removes what is incomplete (complete frames stay).
  virtual void Abandon() = 0;
};

// Opens the sink: creates the folder, or starts the GIF writer or ffmpeg (failing
// with a clear message when ffmpeg is not on PATH).
Result<std::unique_ptr<FrameSink>> OpenFrameSink(const OutputSpec& output, int width, int height, double fps);

// ffmpeg on PATH, or empty.
std::string FindFfmpeg();

}  // namespace stackshot
