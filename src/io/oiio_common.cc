#include "io/oiio_common.h"

#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include "io/input_file.h"

namespace stackshot {

std::optional<DType> DTypeFromOiio(OIIO::TypeDesc format) {
  switch (format.basetype) {
    case OIIO::TypeDesc::UINT8: return DType::kUInt8;
    case OIIO::TypeDesc::INT8: return DType::kInt8;
    case OIIO::TypeDesc::UINT16: return DType::kUInt16;
    case OIIO::TypeDesc::INT16: return DType::kInt16;
    case OIIO::TypeDesc::UINT32: return DType::kUInt32;
    case OIIO::TypeDesc::INT32: return DType::kInt32;
    case OIIO::TypeDesc::UINT64: return DType::kUInt64;
    case OIIO::TypeDesc::INT64: return DType::kInt64;
    // Half floats widen exactly to float32.
    case OIIO::TypeDesc::HALF:
    case OIIO::TypeDesc::FLOAT: return DType::kFloat32;
    case OIIO::TypeDesc::DOUBLE: return DType::kFloat64;
    default: return std::nullopt;
  }
}

OIIO::TypeDesc OiioFromDType(DType dtype) {
  switch (dtype) {
    case DType::kUInt8: return OIIO::TypeDesc::UINT8;
    case DType::kInt8: return OIIO::TypeDesc::INT8;
    case DType::kUInt16: return OIIO::TypeDesc::UINT16;
    case DType::kInt16: return OIIO::TypeDesc::INT16;
    case DType::kUInt32: return OIIO::TypeDesc::UINT32;
    case DType::kInt32: return OIIO::TypeDesc::INT32;
    case DType::kUInt64: return OIIO::TypeDesc::UINT64;
    case DType::kInt64: return OIIO::TypeDesc::INT64;
    case DType::kFloat32: return OIIO::TypeDesc::FLOAT;
    case DType::kFloat64: break;
  }
  return OIIO::TypeDesc::DOUBLE;
}

std::string OiioFormatName(OIIO::TypeDesc format) {
  if (format.basetype == OIIO::TypeDesc::HALF) return "float16";
  if (auto dtype = DTypeFromOiio(format)) return DTypeName(*dtype);
  return format.c_str();
}

Result<std::unique_ptr<OIIO::ImageInput>> OpenOiioInput(const std::string& path) {
  RETURN_IF_ERROR(CheckInputFile(path, "an image file"));
  // Keep the stored values: OpenImageIO would otherwise premultiply the colour of
  // files with unassociated alpha (PNG, most TIFFs) by their alpha.
  OIIO::ImageSpec config;
  config.attribute("oiio:UnassociatedAlpha", 1);
  std::unique_ptr<OIIO::ImageInput> input = OIIO::ImageInput::open(path, &config);
  if (!input) {
    std::string reason = OIIO::geterror();
    if (reason.empty()) reason = "unknown error";
    // OpenImageIO's messages can span lines; ours are one line.
    for (char& c : reason) {
      if (c == '\n') c = ' ';
    }
    return InvalidArgumentError(path + ": not an image OpenImageIO can read (" + reason + ")");
  }
  return input;
}

Result<OiioPage> ReadOiioPage(OIIO::ImageInput& input, int page, const std::string& where) {
  const OIIO::ImageSpec spec = input.spec(page, 0);
  if (spec.format == OIIO::TypeUnknown) return IoError(where + ": cannot read the header of page " + std::to_string(page));
  if (spec.deep) return InvalidArgumentError(where + ": deep images are not supported");
  if (spec.depth > 1) return InvalidArgumentError(where + ": volume images (depth > 1) are not supported");
  const std::optional<DType> dtype = DTypeFromOiio(spec.format);
  if (!dtype) {
    return InvalidArgumentError(where + ": unsupported pixel format " + OiioFormatName(spec.format) +
                                " (need 8, 16, 32 or 64-bit integers or floats)");
  }
  OiioPage header;
  header.width = spec.width;
  header.height = spec.height;
  header.channels = spec.nchannels;
  header.y_origin = spec.y;
  header.dtype = *dtype;
  header.format_name = OiioFormatName(spec.format);
  return header;
}

std::string DescribePage(const OiioPage& page) {
  // numpy order, as shapes are shown everywhere else: rows × cols (× channels).
  std::string out = std::to_string(page.height) + "×" + std::to_string(page.width);
  if (page.channels != 1) out += "×" + std::to_string(page.channels);
  return out + " " + page.format_name;
}

Status ReadOiioRegion(OIIO::ImageInput& input, int page, const OiioPage& header, int64_t row, int64_t rows,
                      int64_t col, int64_t cols, int64_t channel, int64_t channels, std::byte* out,
                      const std::string& where) {
  if (rows == 0 || cols == 0 || channels == 0) return Status::Ok();
  const OIIO::TypeDesc format = OiioFromDType(header.dtype);
  const size_t item = DTypeSize(header.dtype);
  const int y0 = header.y_origin + static_cast<int>(row);
  const int y1 = y0 + static_cast<int>(rows);
  const int ch0 = static_cast<int>(channel);
  const int ch1 = ch0 + static_cast<int>(channels);
  auto failed = [&]() {
    std::string reason = input.geterror();
    for (char& c : reason) {
      if (c == '\n') c = ' ';
    }
    return IoError(where + ": read failed: " + (reason.empty() ? std::string("unknown error") : reason));
  };
  if (col == 0 && cols == header.width) {
    if (!input.read_scanlines(page, 0, y0, y1, 0, ch0, ch1, format, out)) return failed();
    return Status::Ok();
  }
  // Whole rows come in; only the columns asked for go out.
  const size_t pixel = item * static_cast<size_t>(channels);
  std::vector<std::byte> band(static_cast<size_t>(rows) * static_cast<size_t>(header.width) * pixel);
  if (!input.read_scanlines(page, 0, y0, y1, 0, ch0, ch1, format, band.data())) return failed();
  const size_t row_bytes = static_cast<size_t>(header.width) * pixel;
  const size_t run = static_cast<size_t>(cols) * pixel;
  for (int64_t r = 0; r < rows; ++r) {
    std::memcpy(out + static_cast<size_t>(r) * run, band.data() + static_cast<size_t>(r) * row_bytes +
                                                        static_cast<size_t>(col) * pixel,
                run);
  }
  return Status::Ok();
}

}  // namespace stackshot
