// Shared steps of the HDF5 sources, listing and writing (private to io/).
// Every function here expects Hdf5Lock to be held by the caller.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/hdf5_lock.h"
#include "io/hdf5_source.h"

namespace stackshot {

// Opens an existing file. Errors, prefixed with `path`: no such file, a directory,
// not HDF5, truncated or corrupt.
Result<Hdf5Id> OpenHdf5File(const std::string& path, bool writable);

// "/nuclei" for "nuclei" or "/nuclei".
std::string NormalizeHdf5Path(const std::string& dataset);

// Opens `dataset` (normalised), telling a missing one (listing those that exist)
// from a group or another kind of object. Errors are prefixed with `path`.
Result<Hdf5Id> OpenHdf5DatasetIn(hid_t file, const std::string& path, const std::string& dataset);

// Our dtype for an HDF5 type, and its name: "uint16", or a description of the
// unsupported type ("compound", "string", "float16").
struct Hdf5TypeInfo {
  std::optional<DType> dtype;
  std::string name;
};
Hdf5TypeInfo DescribeHdf5Type(hid_t type);

// The native memory type for `dtype` (HDF5 converts the byte order on read/write).
hid_t NativeHdf5Type(DType dtype);

// The dataspace dimensions as a Shape (a scalar dataspace gives {}).
Result<Shape> Hdf5SpaceShape(hid_t space);

// Every dataset under the file's root, sorted by path.
Result<std::vector<Hdf5DatasetInfo>> ListDatasetsIn(hid_t file);

}  // namespace stackshot
