// Writing HDF5 datasets: whole arrays, or created first and filled box by box.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "io/hdf5_file.h"

namespace stackshot {
namespace {

Status CheckWriteOptions(const Shape& shape, const Hdf5WriteOptions& options) {
  if (!options.chunks.empty()) {
    if (options.chunks.size() != shape.size()) {
      return InvalidArgumentError("chunks " + ShapeToString(options.chunks) + " do not match the rank of shape " +
                                  ShapeToString(shape));
    }
    for (size_t axis = 0; axis < shape.size(); ++axis) {
      if (options.chunks[axis] < 1 || options.chunks[axis] > std::max<int64_t>(shape[axis], 1)) {
        return InvalidArgumentError("chunks " + ShapeToString(options.chunks) + " must be within 1 and shape " +
                                    ShapeToString(shape) + " (axis " + std::to_string(axis) + ")");
      }
    }
  }
  if (options.gzip_level < -1 || options.gzip_level > 9) {
    return InvalidArgumentError("gzip level " + std::to_string(options.gzip_level) + " is not within 0..9");
  }
  if (options.gzip_level >= 0 && options.chunks.empty()) {
    return InvalidArgumentError("gzip compression needs chunks");
  }
  return Status::Ok();
}

// The file for writing: created (or truncated), or the existing one opened.
Result<Hdf5Id> CreateOrOpenFile(const std::string& path, bool truncate) {
  std::error_code ec;
  if (!truncate && std::filesystem::exists(path, ec)) return OpenHdf5File(path, /*writable=*/true);
  // No creation or modification times in object headers: the same data gives the
  // same bytes on every run.
  Hdf5Id fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose);
  if (!fcpl.valid() || H5Pset_obj_track_times(fcpl.get(), false) < 0) {
    return IoError(path + ": cannot prepare the file: " + Hdf5ErrorText());
  }
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), H5P_DEFAULT);
  if (file < 0) return IoError(path + ": cannot create: " + Hdf5ErrorText());
  return Hdf5Id(file, H5Fclose);
}

Result<Hdf5Id> CreateDatasetIn(hid_t file, const std::string& name, DType dtype, const Shape& shape,
                               const Hdf5WriteOptions& options) {
  if (H5Lexists(file, name.c_str(), H5P_DEFAULT) > 0) {
    return InvalidArgumentError("dataset '" + name + "' already exists");
  }
  H5Eclear2(H5E_DEFAULT);
  const std::vector<hsize_t> dims(shape.begin(), shape.end());
  Hdf5Id space(shape.empty() ? H5Screate(H5S_SCALAR)
                             : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
               H5Sclose);
  Hdf5Id lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
  Hdf5Id dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  if (!space.valid() || !lcpl.valid() || !dcpl.valid() || H5Pset_create_intermediate_group(lcpl.get(), 1) < 0 ||
      H5Pset_obj_track_times(dcpl.get(), false) < 0) {
    return IoError("'" + name + "': cannot prepare the dataset: " + Hdf5ErrorText());
  }
  if (!options.chunks.empty()) {
    const std::vector<hsize_t> chunks(options.chunks.begin(), options.chunks.end());
    if (H5Pset_chunk(dcpl.get(), static_cast<int>(chunks.size()), chunks.data()) < 0) {
      return IoError("'" + name + "': cannot set chunks: " + Hdf5ErrorText());
    }
  }
  if (options.gzip_level >= 0 && H5Pset_deflate(dcpl.get(), static_cast<unsigned>(options.gzip_level)) < 0) {
    return IoError("'" + name + "': cannot set gzip: " + Hdf5ErrorText());
  }
  const hid_t dataset =
      H5Dcreate2(file, name.c_str(), NativeHdf5Type(dtype), space.get(), lcpl.get(), dcpl.get(), H5P_DEFAULT);
  if (dataset < 0) return IoError("'" + name + "': cannot create the dataset: " + Hdf5ErrorText());
  return Hdf5Id(dataset, H5Dclose);
}

// Writes `array` into `box` of the open dataset (checked against its shape and dtype).
Status WriteBoxIn(hid_t dataset, const Box& box, const Array& array) {
  Hdf5Id type(H5Dget_type(dataset), H5Tclose);
  Hdf5Id file_space(H5Dget_space(dataset), H5Sclose);
  if (!type.valid() || !file_space.valid()) return IoError("write failed: " + Hdf5ErrorText());
  const Hdf5TypeInfo type_info = DescribeHdf5Type(type.get());
  if (type_info.dtype != array.dtype()) {
    return InvalidArgumentError(std::string("array dtype ") + DTypeName(array.dtype()) +
                                " does not match the dataset's " + type_info.name);
  }
  ASSIGN_OR_RETURN(Shape shape, Hdf5SpaceShape(file_space.get()));
  RETURN_IF_ERROR(CheckBox(shape, box));
  if (array.shape() != box.count) {
    return InvalidArgumentError("array shape " + ShapeToString(array.shape()) + " does not match box count " +
                                ShapeToString(box.count));
  }
  if (array.size() == 0) return Status::Ok();
  Hdf5Id memory_space;
  if (shape.empty()) {
    memory_space = Hdf5Id(H5Screate(H5S_SCALAR), H5Sclose);
  } else {
    const std::vector<hsize_t> start(box.start.begin(), box.start.end());
    const std::vector<hsize_t> count(box.count.begin(), box.count.end());
    if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0) {
      return IoError("write failed: " + Hdf5ErrorText());
    }
    memory_space = Hdf5Id(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose);
  }
  if (!memory_space.valid() || H5Dwrite(dataset, NativeHdf5Type(array.dtype()), memory_space.get(),
                                        file_space.get(), H5P_DEFAULT, array.bytes()) < 0) {
    return IoError("write failed: " + Hdf5ErrorText());
  }
  return Status::Ok();
}

// Closes the dataset, then the file, reporting a failed flush (e.g. a full disk).
Status CloseAll(Hdf5Id& dataset, Hdf5Id& file) {
  const herr_t dataset_closed = dataset.Close();
  const herr_t file_closed = file.Close();
  if (dataset_closed < 0 || file_closed < 0) return IoError("cannot finish writing: " + Hdf5ErrorText());
  return Status::Ok();
}

}  // namespace

Status CreateHdf5Dataset(const std::string& path, const std::string& dataset, DType dtype, const Shape& shape,
                         const Hdf5WriteOptions& options, bool truncate) {
  const std::string name = NormalizeHdf5Path(dataset);
  RETURN_IF_ERROR(CheckWriteOptions(shape, options).WithContext(path + ":" + name));
  Hdf5Lock lock;
  ASSIGN_OR_RETURN(Hdf5Id file, CreateOrOpenFile(path, truncate));
  Result<Hdf5Id> created = CreateDatasetIn(file.get(), name, dtype, shape, options);
  if (!created.ok()) return created.status().WithContext(path);
  return CloseAll(created.value(), file).WithContext(path + ":" + name);
}

Status WriteHdf5Box(const std::string& path, const std::string& dataset, const Box& box, const Array& array) {
  const std::string name = NormalizeHdf5Path(dataset);
  Hdf5Lock lock;
  ASSIGN_OR_RETURN(Hdf5Id file, OpenHdf5File(path, /*writable=*/true));
  ASSIGN_OR_RETURN(Hdf5Id id, OpenHdf5DatasetIn(file.get(), path, name));
  RETURN_IF_ERROR(WriteBoxIn(id.get(), box, array).WithContext(path + ":" + name));
  return CloseAll(id, file).WithContext(path + ":" + name);
}

Status WriteHdf5Dataset(const std::string& path, const std::string& dataset, const Array& array,
                        const Hdf5WriteOptions& options, bool truncate) {
  const std::string name = NormalizeHdf5Path(dataset);
  const std::string context = path + ":" + name;
  RETURN_IF_ERROR(CheckWriteOptions(array.shape(), options).WithContext(context));
  Hdf5Lock lock;
  ASSIGN_OR_RETURN(Hdf5Id file, CreateOrOpenFile(path, truncate));
  Result<Hdf5Id> created = CreateDatasetIn(file.get(), name, array.dtype(), array.shape(), options);
  if (!created.ok()) return created.status().WithContext(path);
  RETURN_IF_ERROR(WriteBoxIn(created->get(), FullBox(array.shape()), array).WithContext(context));
  return CloseAll(created.value(), file).WithContext(context);
}

}  // namespace stackshot
