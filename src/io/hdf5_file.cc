#include "io/hdf5_file.h"

#include <filesystem>
#include <system_error>

#include "io/input_file.h"

namespace stackshot {
namespace {

// A list of dataset paths for messages, shortened when the file holds many.
std::string HaveList(hid_t file) {
  Result<std::vector<Hdf5DatasetInfo>> infos = ListDatasetsIn(file);
  if (!infos.ok()) return "";
  if (infos->empty()) return " (the file has no datasets)";
  constexpr size_t kMaxNamed = 12;
  std::string out = " (have: ";
  for (size_t i = 0; i < infos->size() && i < kMaxNamed; ++i) {
    if (i) out += ", ";
    out += (*infos)[i].path;
  }
  if (infos->size() > kMaxNamed) out += ", … " + std::to_string(infos->size() - kMaxNamed) + " more";
  return out + ")";
}

// True when the link `name` resolves, checking each component so that a missing
// group on the way is "not found" rather than an HDF5 error.
bool LinkExists(hid_t file, const std::string& name) {
  size_t pos = name.find('/', 1);
  while (true) {
    const std::string prefix = name.substr(0, pos);
    if (H5Lexists(file, prefix.c_str(), H5P_DEFAULT) <= 0) {
      H5Eclear2(H5E_DEFAULT);
      return false;
    }
    if (pos == std::string::npos) return true;
    pos = name.find('/', pos + 1);
  }
}

}  // namespace

Result<Hdf5Id> OpenHdf5File(const std::string& path, bool writable) {
  RETURN_IF_ERROR(CheckInputFile(path, "an hdf5 file"));
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 < 0) return IoError(path + ": cannot read: " + Hdf5ErrorText());
  if (is_hdf5 == 0) return InvalidArgumentError(path + ": not an hdf5 file");
  const hid_t file = H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) return IoError(path + ": truncated or corrupt hdf5 file (" + Hdf5ErrorText() + ")");
  return Hdf5Id(file, H5Fclose);
}

std::string NormalizeHdf5Path(const std::string& dataset) {
  if (!dataset.empty() && dataset[0] == '/') return dataset;
  return "/" + dataset;
}

Result<Hdf5Id> OpenHdf5DatasetIn(hid_t file, const std::string& path, const std::string& dataset) {
  const std::string name = NormalizeHdf5Path(dataset);
  if (name != "/" && !LinkExists(file, name)) {
    return NotFoundError(path + ": dataset '" + name + "' not found" + HaveList(file));
  }
  H5O_info_t info;
  if (H5Oget_info_by_name2(file, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
    return IoError(path + ": '" + name + "' cannot be opened: " + Hdf5ErrorText());
  }
  if (info.type == H5O_TYPE_GROUP) {
    return InvalidArgumentError(path + ": '" + name + "' is a group, not a dataset" + HaveList(file));
  }
  if (info.type != H5O_TYPE_DATASET) {
    return InvalidArgumentError(path + ": '" + name + "' is not a dataset" + HaveList(file));
  }
  const hid_t id = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
  if (id < 0) return IoError(path + ":" + name + ": cannot open dataset: " + Hdf5ErrorText());
  return Hdf5Id(id, H5Dclose);
}

Hdf5TypeInfo DescribeHdf5Type(hid_t type) {
  const H5T_class_t type_class = H5Tget_class(type);
  const size_t size = H5Tget_size(type);
  const std::string bits = std::to_string(size * 8);
  switch (type_class) {
    case H5T_INTEGER: {
      const bool is_signed = H5Tget_sign(type) == H5T_SGN_2;
      std::optional<DType> dtype;
      switch (size) {
        case 1: dtype = is_signed ? DType::kInt8 : DType::kUInt8; break;
        case 2: dtype = is_signed ? DType::kInt16 : DType::kUInt16; break;
        case 4: dtype = is_signed ? DType::kInt32 : DType::kUInt32; break;
        case 8: dtype = is_signed ? DType::kInt64 : DType::kUInt64; break;
        default: break;
      }
      if (dtype) return {dtype, DTypeName(*dtype)};
      return {std::nullopt, (is_signed ? "int" : "uint") + bits};
    }
    case H5T_FLOAT:
      if (size == 4) return {DType::kFloat32, DTypeName(DType::kFloat32)};
      if (size == 8) return {DType::kFloat64, DTypeName(DType::kFloat64)};
      return {std::nullopt, "float" + bits};
    case H5T_TIME: return {std::nullopt, "time"};
    case H5T_STRING: return {std::nullopt, "string"};
    case H5T_BITFIELD: return {std::nullopt, "bitfield"};
    case H5T_OPAQUE: return {std::nullopt, "opaque"};
    case H5T_COMPOUND: return {std::nullopt, "compound"};
    case H5T_REFERENCE: return {std::nullopt, "reference"};
    case H5T_ENUM: return {std::nullopt, "enum"};
    case H5T_VLEN: return {std::nullopt, "vlen"};
    case H5T_ARRAY: return {std::nullopt, "array"};
    default: break;
  }
  H5Eclear2(H5E_DEFAULT);
  return {std::nullopt, "unknown type"};
}

hid_t NativeHdf5Type(DType dtype) {
  switch (dtype) {
    case DType::kUInt8: return H5T_NATIVE_UINT8;
    case DType::kUInt16: return H5T_NATIVE_UINT16;
    case DType::kUInt32: return H5T_NATIVE_UINT32;
    case DType::kUInt64: return H5T_NATIVE_UINT64;
    case DType::kInt8: return H5T_NATIVE_INT8;
    case DType::kInt16: return H5T_NATIVE_INT16;
    case DType::kInt32: return H5T_NATIVE_INT32;
    case DType::kInt64: return H5T_NATIVE_INT64;
    case DType::kFloat32: return H5T_NATIVE_FLOAT;
    case DType::kFloat64: break;
  }
  return H5T_NATIVE_DOUBLE;
}

Result<Shape> Hdf5SpaceShape(hid_t space) {
  const H5S_class_t space_class = H5Sget_simple_extent_type(space);
  if (space_class == H5S_SCALAR) return Shape{};
  if (space_class != H5S_SIMPLE) return InvalidArgumentError("dataset has no data (null dataspace)");
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) return IoError("cannot read the dataspace: " + Hdf5ErrorText());
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (H5Sget_simple_extent_dims(space, dims.data(), nullptr) < 0) {
    return IoError("cannot read the dataspace: " + Hdf5ErrorText());
  }
  return Shape(dims.begin(), dims.end());
}

}  // namespace stackshot
