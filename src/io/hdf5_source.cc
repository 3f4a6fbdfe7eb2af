// OpenHdf5Dataset: a Source reading boxes of one HDF5 dataset by hyperslab.
#include "io/hdf5_source.h"

#include <utility>

#include "io/hdf5_file.h"

namespace stackshot {
namespace {

class Hdf5Source final : public Source {
 public:
  Hdf5Source(Hdf5Id file, Hdf5Id dataset, std::string name, Shape shape, DType dtype)
      : file_(std::move(file)), dataset_(std::move(dataset)), name_(std::move(name)),
        shape_(std::move(shape)), dtype_(dtype) {}

  ~Hdf5Source() override {
    Hdf5Lock lock;
    dataset_.Close();
    file_.Close();
  }

  const Shape& shape() const override { return shape_; }
  DType dtype() const override { return dtype_; }
  std::string Describe() const override { return name_; }

 protected:
  Result<Array> ReadChecked(const Box& box) const override {
    Array out = Array::Zeros(dtype_, box.count);
    if (out.size() == 0) return out;  // nothing to read; HDF5 rejects empty selections

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
                out.mutable_bytes()) < 0) {
      return IoError(name_ + ": read failed: " + Hdf5ErrorText());
    }
    return out;
  }

 private:
  Hdf5Id file_;
  Hdf5Id dataset_;
  std::string name_;
  Shape shape_;
  DType dtype_;
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

  std::shared_ptr<Source> source =
      std::make_shared<Hdf5Source>(std::move(file), std::move(id), name, std::move(shape), *type_info.dtype);
  return source;
}

}  // namespace stackshot
