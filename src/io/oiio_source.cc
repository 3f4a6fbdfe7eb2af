// OpenImageFile: a Source over one image file (one page or a stack of pages).
// Part of the OpenImageIO plugin (oiio_plugin.h).
#include <mutex>
#include <utility>

#include "io/oiio_common.h"
#include "io/oiio_impl.h"

namespace stackshot {
namespace {

// The shape of `pages` pages of `page`: see the conventions in oiio_source.h.
Shape PagesShape(int pages, const OiioPage& page) {
  Shape shape;
  if (pages > 1) shape.push_back(pages);
  shape.push_back(page.height);
  shape.push_back(page.width);
  if (page.channels != 1) shape.push_back(page.channels);
  return shape;
}

// Counts the pages and checks that they all match the first.
Result<int> CountPages(OIIO::ImageInput& input, const OiioPage& first, const std::string& path) {
  int pages = 1;
  while (input.seek_subimage(pages, 0)) ++pages;
  (void)input.geterror();  // seeking past the last page may leave a message
  for (int page = 1; page < pages; ++page) {
    ASSIGN_OR_RETURN(OiioPage header, ReadOiioPage(input, page, path + ": page " + std::to_string(page)));
    if (header.width != first.width || header.height != first.height || header.channels != first.channels ||
        header.dtype != first.dtype) {
      return InvalidArgumentError(path + ": page " + std::to_string(page) + " is " + DescribePage(header) +
                                  ", page 0 is " + DescribePage(first) + " (every page of a stack must match)");
    }
  }
  return pages;
}

class ImageFileSource final : public Source {
 public:
  ImageFileSource(std::string path, std::unique_ptr<OIIO::ImageInput> input, OiioPage page, int pages)
      : path_(std::move(path)), input_(std::move(input)), page_(std::move(page)), pages_(pages),
        shape_(PagesShape(pages, page_)) {}

  ~ImageFileSource() override { input_->close(); }

  const Shape& shape() const override { return shape_; }
  DType dtype() const override { return page_.dtype; }
  std::string Describe() const override { return path_; }

 protected:
  Result<Array> ReadChecked(const Box& box, const CancelToken& cancel) const override {
    Array out = Array::Zeros(page_.dtype, box.count);
    if (out.size() == 0) return out;
    const size_t axis0 = pages_ > 1 ? 1 : 0;  // the rows axis
    const bool has_channels = page_.channels != 1;
    const int64_t first_page = pages_ > 1 ? box.start[0] : 0;
    const int64_t page_count = pages_ > 1 ? box.count[0] : 1;
    const int64_t channel = has_channels ? box.start[axis0 + 2] : 0;
    const int64_t channels = has_channels ? box.count[axis0 + 2] : 1;
    const size_t page_bytes =
        static_cast<size_t>(box.count[axis0] * box.count[axis0 + 1] * channels) * DTypeSize(page_.dtype);
    std::lock_guard<std::mutex> lock(mutex_);
    for (int64_t i = 0; i < page_count; ++i) {
      if (i > 0 && cancel.cancelled()) return CancelledError(path_ + ": read cancelled");
      const int page = static_cast<int>(first_page + i);
      RETURN_IF_ERROR(ReadOiioRegion(*input_, page, page_, box.start[axis0], box.count[axis0], box.start[axis0 + 1],
                                     box.count[axis0 + 1], channel, channels,
                                     out.mutable_bytes() + static_cast<size_t>(i) * page_bytes,
                                     pages_ > 1 ? path_ + ": page " + std::to_string(page) : path_));
    }
    return out;
  }

 private:
  std::string path_;
  std::unique_ptr<OIIO::ImageInput> input_;
  OiioPage page_;
  int pages_;
  Shape shape_;
  mutable std::mutex mutex_;  // an ImageInput reads one thing at a time
};

}  // namespace

namespace oiio_impl {

Result<std::shared_ptr<Source>> OpenImageFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<OIIO::ImageInput> input, OpenOiioInput(path));
  ASSIGN_OR_RETURN(OiioPage first, ReadOiioPage(*input, 0, path));
  ASSIGN_OR_RETURN(int pages, CountPages(*input, first, path));
  std::shared_ptr<Source> source = std::make_shared<ImageFileSource>(path, std::move(input), std::move(first), pages);
  return source;
}

Result<ImageFileInfo> DescribeImageFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<OIIO::ImageInput> input, OpenOiioInput(path));
  ASSIGN_OR_RETURN(OiioPage first, ReadOiioPage(*input, 0, path));
  ImageFileInfo info;
  info.path = path;
  info.format = input->format_name();
  const OIIO::ImageSpec spec = input->spec(0, 0);
  info.compression = spec.get_string_attribute("compression");
  info.tiled = spec.tile_width > 0;
  ASSIGN_OR_RETURN(info.pages, CountPages(*input, first, path));
  info.shape = PagesShape(info.pages, first);
  info.dtype = DTypeName(first.dtype);
  if (first.format_name != info.dtype) info.dtype += " (stored as " + first.format_name + ")";
  input->close();
  return info;
}

}  // namespace oiio_impl
}  // namespace stackshot
