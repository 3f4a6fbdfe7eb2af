// WriteImagePages; part of the OpenImageIO plugin (oiio_plugin.h).
#include <memory>

#include "io/oiio_common.h"
#include "io/oiio_impl.h"

namespace stackshot::oiio_impl {

Status WriteImagePages(const std::string& path, const std::vector<Array>& pages) {
  if (pages.empty()) return InvalidArgumentError(path + ": no pages to write");
  std::vector<OIIO::ImageSpec> specs;
  for (size_t i = 0; i < pages.size(); ++i) {
    const Array& page = pages[i];
    if (page.ndim() != 2 && page.ndim() != 3) {
      return InvalidArgumentError(path + ": page " + std::to_string(i) + " has shape " +
                                  ShapeToString(page.shape()) + "; need (rows, cols) or (rows, cols, channels)");
    }
    const int channels = page.ndim() == 3 ? static_cast<int>(page.shape()[2]) : 1;
    specs.emplace_back(static_cast<int>(page.shape()[1]), static_cast<int>(page.shape()[0]), channels,
                       OiioFromDType(page.dtype()));
    // Small files: TIFF and EXR compress losslessly with zip.
    specs.back().attribute("compression", "zip");
    // The values are written as they are: no un-premultiplying by alpha.
    specs.back().attribute("oiio:UnassociatedAlpha", 1);
  }
  std::unique_ptr<OIIO::ImageOutput> out = OIIO::ImageOutput::create(path);
  if (!out) return InvalidArgumentError(path + ": cannot write this format (" + OIIO::geterror() + ")");
  if (pages.size() > 1 && !out->supports("multiimage")) {
    return InvalidArgumentError(path + ": the " + std::string(out->format_name()) + " format holds one page only");
  }
  if (!out->open(path, static_cast<int>(specs.size()), specs.data())) {
    return IoError(path + ": cannot open for writing (" + out->geterror() + ")");
  }
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i > 0 && !out->open(path, specs[i], OIIO::ImageOutput::AppendSubimage)) {
      return IoError(path + ": cannot append page " + std::to_string(i) + " (" + out->geterror() + ")");
    }
    if (!out->write_image(OiioFromDType(pages[i].dtype()), pages[i].bytes())) {
      return IoError(path + ": write failed (" + out->geterror() + ")");
    }
  }
  if (!out->close()) return IoError(path + ": close failed (" + out->geterror() + ")");
  return Status::Ok();
}

}  // namespace stackshot::oiio_impl
