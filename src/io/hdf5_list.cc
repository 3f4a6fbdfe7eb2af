// ListHdf5Datasets: every dataset in a file with its shape, dtype and storage.
#include <algorithm>

#include "io/hdf5_file.h"

namespace stackshot {
namespace {

// "shuffle+gzip(4)" from the filter pipeline, or "none".
std::string CompressionName(hid_t dcpl) {
  const int nfilters = H5Pget_nfilters(dcpl);
  std::string out;
  for (int i = 0; i < nfilters; ++i) {
    unsigned flags = 0;
    size_t nvalues = 8;
    unsigned values[8] = {};
    char name[64] = {};
    unsigned config = 0;
    const H5Z_filter_t filter = H5Pget_filter2(dcpl, static_cast<unsigned>(i), &flags, &nvalues, values,
                                               sizeof(name), name, &config);
    std::string part;
    switch (filter) {
      case H5Z_FILTER_DEFLATE: part = std::string("gzip(") + std::to_string(nvalues > 0 ? values[0] : 0) + ")"; break;
      case H5Z_FILTER_SHUFFLE: part = "shuffle"; break;
      case H5Z_FILTER_FLETCHER32: part = "fletcher32"; break;
      case H5Z_FILTER_SZIP: part = "szip"; break;
      case H5Z_FILTER_NBIT: part = "nbit"; break;
      case H5Z_FILTER_SCALEOFFSET: part = "scaleoffset"; break;
      default: part = name[0] != '\0' ? std::string(name) : std::string("filter") + std::to_string(filter); break;
    }
    if (!out.empty()) out += "+";
    out += part;
  }
  H5Eclear2(H5E_DEFAULT);
  return out.empty() ? "none" : out;
}

Result<Hdf5DatasetInfo> DescribeDataset(hid_t dataset, const std::string& path) {
  Hdf5DatasetInfo info;
  info.path = path;
  Hdf5Id type(H5Dget_type(dataset), H5Tclose);
  Hdf5Id space(H5Dget_space(dataset), H5Sclose);
  Hdf5Id dcpl(H5Dget_create_plist(dataset), H5Pclose);
  if (!type.valid() || !space.valid() || !dcpl.valid()) return IoError(path + ": " + Hdf5ErrorText());
  info.dtype = DescribeHdf5Type(type.get()).name;
  ASSIGN_OR_RETURN(info.shape, Hdf5SpaceShape(space.get()));
  if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED) {
    std::vector<hsize_t> chunks(info.shape.size());
    const int rank = H5Pget_chunk(dcpl.get(), static_cast<int>(chunks.size()), chunks.data());
    if (rank < 0) return IoError(path + ": " + Hdf5ErrorText());
    info.chunks.assign(chunks.begin(), chunks.begin() + std::min<size_t>(rank, chunks.size()));
  }
  info.compression = CompressionName(dcpl.get());
  return info;
}

struct VisitState {
  std::vector<Hdf5DatasetInfo> infos;
  Status status;
};

herr_t VisitObject(hid_t location, const char* name, const H5O_info_t* info, void* data) {
  auto* state = static_cast<VisitState*>(data);
  if (info->type != H5O_TYPE_DATASET) return 0;
  const std::string path = "/" + std::string(name);
  Hdf5Id dataset(H5Dopen2(location, name, H5P_DEFAULT), H5Dclose);
  if (!dataset.valid()) {
    state->status = IoError(path + ": cannot open dataset: " + Hdf5ErrorText());
    return -1;
  }
  Result<Hdf5DatasetInfo> described = DescribeDataset(dataset.get(), path);
  if (!described.ok()) {
    state->status = described.status();
    return -1;
  }
  state->infos.push_back(std::move(described).value());
  return 0;
}

}  // namespace

Result<std::vector<Hdf5DatasetInfo>> ListDatasetsIn(hid_t file) {
  VisitState state;
  if (H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, VisitObject, &state, H5O_INFO_BASIC) < 0) {
    if (!state.status.ok()) return state.status;
    return IoError("cannot list datasets: " + Hdf5ErrorText());
  }
  std::sort(state.infos.begin(), state.infos.end(),
            [](const Hdf5DatasetInfo& a, const Hdf5DatasetInfo& b) { return a.path < b.path; });
  return std::move(state.infos);
}

Result<std::vector<Hdf5DatasetInfo>> ListHdf5Datasets(const std::string& path) {
  Hdf5Lock lock;
  ASSIGN_OR_RETURN(Hdf5Id file, OpenHdf5File(path, /*writable=*/false));
  return ListDatasetsIn(file.get()).WithContext(path);
}

}  // namespace stackshot
