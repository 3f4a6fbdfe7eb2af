// RGBA8 frames to and from image files (render/image_writer.h's .tif/.exr output,
// ReadImageFile, WritePngWithOpenImageIO); part of the OpenImageIO plugin
// (oiio_plugin.h).
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <OpenImageIO/imageio.h>

#include "io/input_file.h"
#include "io/oiio_impl.h"

namespace stackshot::oiio_impl {
namespace {

// OpenImageIO's messages may span lines; ours are one line.
std::string OneLine(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& ch : text) {
    if (ch == '\n') ch = ';';
  }
  return text;
}

// Our frames hold straight alpha; OpenImageIO assumes associated alpha unless told.
void MarkUnassociated(OIIO::ImageSpec& spec) { spec.attribute("oiio:UnassociatedAlpha", 1); }

// A fixed timestamp: writers otherwise stamp the current time and the same frame
// would give different bytes on every run.
void MarkDeterministic(OIIO::ImageSpec& spec) {
  spec.attribute("DateTime", "1970:01:01 00:00:00");
  spec.attribute("Software", "stackshot");
}

}  // namespace

Status WriteRgba(const uint8_t* pixels, int width, int height, bool opaque, bool half_float,
                 const std::string& format_path, const std::string& out_path, int png_level) {
  const int channels = opaque ? 3 : 4;
  auto output = OIIO::ImageOutput::create(OIIO::string_view(format_path));
  if (!output) return IoError(format_path + ": " + OneLine(OIIO::geterror()));
  const OIIO::stride_t xstride = 4;
  const OIIO::stride_t ystride = static_cast<OIIO::stride_t>(width) * 4;
  bool ok = false;
  if (half_float) {
    // Half floats equal to byte / 255 (OpenImageIO rounds each float to the nearest
    // half; every byte value reads back as itself).
    std::vector<float> values(static_cast<size_t>(width) * height * channels);
    for (size_t p = 0, n = static_cast<size_t>(width) * height; p < n; ++p) {
      for (int c = 0; c < channels; ++c) values[p * channels + c] = pixels[p * 4 + c] / 255.0f;
    }
    OIIO::ImageSpec spec(width, height, channels, OIIO::TypeDesc::HALF);
    MarkDeterministic(spec);
    if (!output->open(out_path, spec)) return IoError(out_path + ": " + OneLine(output->geterror()));
    ok = output->write_image(OIIO::TypeDesc::FLOAT, values.data());
  } else {
    OIIO::ImageSpec spec(width, height, channels, OIIO::TypeDesc::UINT8);
    MarkDeterministic(spec);
    if (channels == 4) MarkUnassociated(spec);
    if (output->format_name() == std::string("png")) spec.attribute("png:compressionLevel", png_level);
    if (!output->open(out_path, spec)) return IoError(out_path + ": " + OneLine(output->geterror()));
    // A stride of 4 bytes per pixel drops the alpha byte of opaque frames.
    ok = output->write_image(OIIO::TypeDesc::UINT8, pixels, xstride, ystride);
  }
  if (!ok) {
    const std::string error = OneLine(output->geterror());
    output->close();
    return IoError(out_path + ": " + error);
  }
  if (!output->close()) return IoError(out_path + ": " + OneLine(output->geterror()));
  return Status::Ok();
}

Status ReadRgba(const std::string& path, int* width, int* height, std::vector<uint8_t>* pixels) {
  RETURN_IF_ERROR(CheckInputFile(path, "an image file"));
  OIIO::ImageSpec config;
  // Keep straight alpha as stored (PNG, TIFF) instead of premultiplying it.
  MarkUnassociated(config);
  auto input = OIIO::ImageInput::open(path, &config);
  if (!input) return IoError(path + ": " + OneLine(OIIO::geterror()));
  const OIIO::ImageSpec& spec = input->spec();
  const int channels = std::min(spec.nchannels, 4);
  if (spec.width <= 0 || spec.height <= 0 || channels <= 0 || spec.depth > 1) {
    return InvalidArgumentError(path + ": not a 2-d image");
  }
  const size_t count = static_cast<size_t>(spec.width) * spec.height;
  std::vector<uint8_t> raw(count * channels);
  if (!input->read_image(0, 0, 0, channels, OIIO::TypeDesc::UINT8, raw.data())) {
    return IoError(path + ": " + OneLine(input->geterror()));
  }
  input->close();
  *width = spec.width;
  *height = spec.height;
  pixels->resize(count * 4);
  for (size_t p = 0; p < count; ++p) {
    const uint8_t* in = &raw[p * channels];
    uint8_t* out = &(*pixels)[p * 4];
    switch (channels) {
      case 1: out[0] = out[1] = out[2] = in[0]; out[3] = 255; break;
      case 2: out[0] = out[1] = out[2] = in[0]; out[3] = in[1]; break;
      case 3: out[0] = in[0]; out[1] = in[1]; out[2] = in[2]; out[3] = 255; break;
      default: std::memcpy(out, in, 4); break;
    }
  }
  return Status::Ok();
}

}  // namespace stackshot::oiio_impl
