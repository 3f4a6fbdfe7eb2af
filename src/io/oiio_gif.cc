// Animated GIF through OpenImageIO's GIF writer, one frame at a time (memory stays
// one frame): part of the OpenImageIO plugin (oiio_plugin.h).
#include <OpenImageIO/imageio.h>

#include "io/oiio_impl.h"

namespace stackshot::oiio_impl {
namespace {

struct GifFile {
  std::unique_ptr<OIIO::ImageOutput> output;
  OIIO::ImageSpec spec;
  std::string path;
  bool opened = false;
};

std::string OneLine(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& ch : text) {
    if (ch == '\n') ch = ';';
  }
  return text;
}

}  // namespace

Status GifOpen(const std::string& path, int width, int height, int fps_num, int fps_den, void** handle) {
  auto gif = std::make_unique<GifFile>();
  // The format is named by ".gif"; `path` may be a temporary name without it.
  gif->output = OIIO::ImageOutput::create("gif");
  if (!gif->output) return IoError(path + ": " + OneLine(OIIO::geterror()));
  gif->spec = OIIO::ImageSpec(width, height, 3, OIIO::TypeDesc::UINT8);
  const int rate[2] = {fps_num, fps_den};
  gif->spec.attribute("FramesPerSecond", OIIO::TypeRational, rate);
  gif->spec.attribute("oiio:Movie", 1);
  gif->spec.attribute("oiio:LoopCount", 0);  // loop forever
  gif->path = path;
  *handle = gif.release();
  return Status::Ok();
}

Status GifAppend(void* handle, const uint8_t* rgba) {
  auto* gif = static_cast<GifFile*>(handle);
  const auto mode = gif->opened ? OIIO::ImageOutput::AppendSubimage : OIIO::ImageOutput::Create;
  if (!gif->output->open(gif->path, gif->spec, mode)) {
    return IoError(gif->path + ": " + OneLine(gif->output->geterror()));
  }
  gif->opened = true;
  // A stride of 4 bytes per pixel drops the alpha byte.
  if (!gif->output->write_image(OIIO::TypeDesc::UINT8, rgba, 4, static_cast<OIIO::stride_t>(gif->spec.width) * 4)) {
    return IoError(gif->path + ": " + OneLine(gif->output->geterror()));
  }
  return Status::Ok();
}

Status GifClose(void* handle) {
  std::unique_ptr<GifFile> gif(static_cast<GifFile*>(handle));
  if (gif->opened && !gif->output->close()) return IoError(gif->path + ": " + OneLine(gif->output->geterror()));
  return Status::Ok();
}

}  // namespace stackshot::oiio_impl
