// OpenImageSequence's Source over the files a glob pattern matched; part of the
// OpenImageIO plugin (oiio_plugin.h).
#include <utility>

#include "io/oiio_common.h"
#include "io/oiio_impl.h"

namespace stackshot {
namespace {

class ImageSequenceSource final : public Source {
 public:
  ImageSequenceSource(std::string pattern, std::vector<std::string> files, OiioPage page)
      : pattern_(std::move(pattern)), files_(std::move(files)), page_(std::move(page)) {
    shape_.push_back(static_cast<int64_t>(files_.size()));
    shape_.push_back(page_.height);
    shape_.push_back(page_.width);
    if (page_.channels != 1) shape_.push_back(page_.channels);
  }

  const Shape& shape() const override { return shape_; }
  DType dtype() const override { return page_.dtype; }
  std::string Describe() const override { return pattern_; }

 protected:
  Result<Array> ReadChecked(const Box& box, const CancelToken& cancel) const override {
    Array out = Array::Zeros(page_.dtype, box.count);
    if (out.size() == 0) return out;
    const bool has_channels = page_.channels != 1;
    const int64_t channel = has_channels ? box.start[3] : 0;
    const int64_t channels = has_channels ? box.count[3] : 1;
    const size_t file_bytes = static_cast<size_t>(box.count[1] * box.count[2] * channels) * DTypeSize(page_.dtype);
    for (int64_t i = 0; i < box.count[0]; ++i) {
      if (i > 0 && cancel.cancelled()) return CancelledError(pattern_ + ": read cancelled");
      const std::string& file = files_[static_cast<size_t>(box.start[0] + i)];
      ASSIGN_OR_RETURN(std::unique_ptr<OIIO::ImageInput> input, OpenOiioInput(file));
      // The file may have changed since the sequence was opened.
      ASSIGN_OR_RETURN(OiioPage header, ReadOiioPage(*input, 0, file));
      if (header.width != page_.width || header.height != page_.height || header.channels != page_.channels ||
          header.dtype != page_.dtype) {
        return InvalidArgumentError(file + ": " + DescribePage(header) + " differs from the sequence's " +
                                    DescribePage(page_) + " (the file changed after it was opened)");
      }
      RETURN_IF_ERROR(ReadOiioRegion(*input, 0, header, box.start[1], box.count[1], box.start[2], box.count[2],
                                     channel, channels, out.mutable_bytes() + static_cast<size_t>(i) * file_bytes,
                                     file));
      input->close();
    }
    return out;
  }

 private:
  std::string pattern_;
  std::vector<std::string> files_;
  OiioPage page_;
  Shape shape_;
};

}  // namespace

namespace oiio_impl {

Result<std::shared_ptr<Source>> OpenImageSequence(const std::string& pattern, std::vector<std::string> files) {
  OiioPage first;
  for (size_t i = 0; i < files.size(); ++i) {
    ASSIGN_OR_RETURN(std::unique_ptr<OIIO::ImageInput> input, OpenOiioInput(files[i]));
    ASSIGN_OR_RETURN(OiioPage header, ReadOiioPage(*input, 0, files[i]));
    if (input->seek_subimage(1, 0)) {
      return InvalidArgumentError(files[i] + ": has several pages; a sequence takes single images (use the file "
                                  "alone for a stack)");
    }
    (void)input->geterror();
    input->close();
    if (i == 0) {
      first = header;
    } else if (header.width != first.width || header.height != first.height || header.channels != first.channels ||
               header.dtype != first.dtype) {
      return InvalidArgumentError(files[i] + ": " + DescribePage(header) + " differs from " + files[0] + ": " +
                                  DescribePage(first) + " (every image of a sequence must match)");
    }
  }
  std::shared_ptr<Source> source = std::make_shared<ImageSequenceSource>(pattern, std::move(files), first);
  return source;
}

}  // namespace oiio_impl
}  // namespace stackshot
