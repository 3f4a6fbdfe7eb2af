// OpenHdf5Dataset: a Source reading boxes of one HDF5 dataset by hyperslab, or,
// when asked for threads and the chunks are gzip ones we can decode ourselves, by
// direct chunk reads decoded in parallel (hdf5_chunk_reader.h).
#include "io/hdf5_source.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "io/hdf5_chunk_reader.h"
#include "io/hdf5_file.h"

namespace stackshot {
namespace {

class Hdf5Source final : public Source {
 public:
  Hdf5Source(Hdf5Id file, Hdf5Id dataset, std::string name, Shape shape, Shape chunks, DType dtype,
             std::optional<Hdf5ChunkLayout> chunk_layout)
      : file_(std::move(file)), dataset_(std::move(dataset)), name_(std::move(name)),
        shape_(std::move(shape)), chunks_(std::move(chunks)), dtype_(dtype),
        chunk_layout_(std::move(chunk_layout)) {}

  ~Hdf5Source() override {
    Hdf5Lock lock;
    dataset_.Close();
    file_.Close();
  }

  const Shape& shape() const override { return shape_; }
  DType dtype() const override { return dtype_; }
  std::string Describe() const override { return name_; }

 protected:
  Result<Array> ReadCheckedThreaded(const Box& box, const CancelToken& cancel, int threads) const override {
    if (!chunk_layout_) return ReadChecked(box, cancel);
    Array out = Array::Uninitialized(dtype_, box.count);
    if (out.size() == 0) return out;
    ASSIGN_OR_RETURN(bool decoded,
                     ReadHdf5Chunks(dataset_.get(), name_, *chunk_layout_, box, out.mutable_bytes(), cancel, threads));
    if (decoded) return out;
    // A chunk we could not decode: H5Dread either manages or names the problem.
    return ReadChecked(box, cancel);
  }

  Result<Array> ReadChecked(const Box& box, const CancelToken& cancel) const override {
    Array out = Array::Uninitialized(dtype_, box.count);
    if (out.size() == 0) return out;  // nothing to read; HDF5 rejects empty selections

    // Read in bands of whole chunks along the first axis the box spans (every axis
    // before it has count 1, so each band is contiguous in `out`), checking for
    // cancellation between bands and letting other readers in.
    size_t axis = 0;
    while (axis < box.count.size() && box.count[axis] == 1) ++axis;
    if (chunks_.empty() || axis == box.count.size()) {
      RETURN_IF_ERROR(ReadBox(box, out.mutable_bytes()).status());
      return out;
    }
    const int64_t chunk = chunks_[axis];
    const int64_t end = box.start[axis] + box.count[axis];
    size_t band_elements = 1;
    for (size_t a = axis + 1; a < box.count.size(); ++a) band_elements *= static_cast<size_t>(box.count[a]);
    Box band = box;
    for (int64_t start = box.start[axis]; start < end;) {
      if (start != box.start[axis] && cancel.cancelled()) return CancelledError(name_ + ": read cancelled");
      const int64_t stop = std::min(end, (start / chunk + 1) * chunk);
      band.start[axis] = start;
      band.count[axis] = stop - start;
      std::byte* target = out.mutable_bytes() + static_cast<size_t>(start - box.start[axis]) * band_elements *
                                                   DTypeSize(dtype_);
      RETURN_IF_ERROR(ReadBox(band, target).status());
      start = stop;
    }
    return out;
  }

 private:
  // One H5Dread of `box` into `target`; returns nothing useful but its status.
  Result<bool> ReadBox(const Box& box, std::byte* target) const {
    Hdf5Lock lock;
    Hdf5Id file_space(H5Dget_space(dataset_.get()), H5Sclose);
    if (!file_space.valid()) return IoError(name_ + ": read failed: " + Hdf5ErrorText());
    Hdf5Id memory_space;
    if (shape_.empty()) {
      memory_space = Hdf5Id(H5Screate(H5S_SCALAR), H5Sclose);
    } else {
      const std::vector<hsize_t> start(box.start.begin(), box.start.end());
      const std::vector<hsize_t> count(box.count.begin(), box.count.end());
      if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                              nullptr) < 0) {
        return IoError(name_ + ": read failed: " + Hdf5ErrorText());
      }
      memory_space = Hdf5Id(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose);
    }
    if (!memory_space.valid() ||
        H5Dread(dataset_.get(), NativeHdf5Type(dtype_), memory_space.get(), file_space.get(), H5P_DEFAULT,
                target) < 0) {
      return IoError(name_ + ": read failed: " + Hdf5ErrorText());
    }
    return true;
  }

  Hdf5Id file_;
  Hdf5Id dataset_;
  std::string name_;
  Shape shape_;
  Shape chunks_;  // empty when the layout is not chunked
  DType dtype_;
  std::optional<Hdf5ChunkLayout> chunk_layout_;  // set when ReadHdf5Chunks can decode the chunks
};

}  // namespace

Result<std::shared_ptr<Source>> OpenHdf5Dataset(const std::string& path, const std::string& dataset) {
  Hdf5Lock lock;
  ASSIGN_OR_RETURN(Hdf5Id file, OpenHdf5File(path, /*writable=*/false));
  ASSIGN_OR_RETURN(Hdf5Id id, OpenHdf5DatasetIn(file.get(), path, dataset));
  const std::string name = path + ":" + NormalizeHdf5Path(dataset);

  Hdf5Id type(H5Dget_type(id.get()), H5Tclose);
  if (!type.valid()) return IoError(name + ": cannot read the element type: " + Hdf5ErrorText());
  const Hdf5TypeInfo type_info = DescribeHdf5Type(type.get());
  if (!type_info.dtype) {
    return InvalidArgumentError(name + ": unsupported element type " + type_info.name +
                                " (need an integer or float type)");
  }
  Hdf5Id space(H5Dget_space(id.get()), H5Sclose);
  if (!space.valid()) return IoError(name + ": cannot read the shape: " + Hdf5ErrorText());
  ASSIGN_OR_RETURN(Shape shape, Hdf5SpaceShape(space.get()).WithContext(name));
  Shape chunks;
  Hdf5Id dcpl(H5Dget_create_plist(id.get()), H5Pclose);
  if (dcpl.valid() && H5Pget_layout(dcpl.get()) == H5D_CHUNKED && !shape.empty()) {
    std::vector<hsize_t> dims(shape.size());
    if (H5Pget_chunk(dcpl.get(), static_cast<int>(dims.size()), dims.data()) == static_cast<int>(dims.size())) {
      chunks.assign(dims.begin(), dims.end());
    }
  }

  std::optional<Hdf5ChunkLayout> chunk_layout = InspectHdf5Chunks(id.get(), *type_info.dtype, shape.size());
  std::shared_ptr<Source> source =
      std::make_shared<Hdf5Source>(std::move(file), std::move(id), name, std::move(shape), std::move(chunks),
                                   *type_info.dtype, std::move(chunk_layout));
  return source;
}

}  // namespace stackshot
