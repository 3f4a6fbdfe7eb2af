#include <gtest/gtest.h>
#include <hdf5.h>

#include "io/hdf5_source.h"
#include "io/ramp_arrays.h"

namespace stackshot {
namespace {

using testing::MakeRamp;
using testing::ScratchDir;

TEST(ListHdf5DatasetsTest, DescribesEveryDatasetSortedByPath) {
  const std::string path = ScratchDir("hdf5_list") + "/list.h5";
  ASSERT_TRUE(WriteHdf5Dataset(path, "/zeta", MakeRamp<float>({4, 5}), {}, true).ok());
  ASSERT_TRUE(WriteHdf5Dataset(path, "/alpha/volume", MakeRamp<uint16_t>({6, 8, 10}), {{1, 8, 5}, 4}, false).ok());
  ASSERT_TRUE(WriteHdf5Dataset(path, "/alpha/chunked", MakeRamp<int8_t>({9}), {{3}, -1}, false).ok());
  {
    // shuffle + gzip, as h5py writes with shuffle=True.
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    const hsize_t dims[2] = {4, 4};
    const hsize_t chunks[2] = {2, 4};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunks);
    H5Pset_shuffle(dcpl);
    H5Pset_deflate(dcpl, 1);
    const hid_t dataset = H5Dcreate2(file, "middle", H5T_NATIVE_INT32, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    ASSERT_GE(dataset, 0);
    H5Dclose(dataset);
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Fclose(file);
  }

  Result<std::vector<Hdf5DatasetInfo>> infos = ListHdf5Datasets(path);
  ASSERT_TRUE(infos.ok()) << infos.status().message();
  ASSERT_EQ(infos->size(), 4u);
  const Hdf5DatasetInfo& chunked = (*infos)[0];
  EXPECT_EQ(chunked.path, "/alpha/chunked");
  EXPECT_EQ(chunked.shape, (Shape{9}));
  EXPECT_EQ(chunked.dtype, "int8");
  EXPECT_EQ(chunked.chunks, (Shape{3}));
  EXPECT_EQ(chunked.compression, "none");
  const Hdf5DatasetInfo& volume = (*infos)[1];
  EXPECT_EQ(volume.path, "/alpha/volume");
  EXPECT_EQ(volume.shape, (Shape{6, 8, 10}));
  EXPECT_EQ(volume.dtype, "uint16");
  EXPECT_EQ(volume.chunks, (Shape{1, 8, 5}));
  EXPECT_EQ(volume.compression, "gzip(4)");
  const Hdf5DatasetInfo& middle = (*infos)[2];
  EXPECT_EQ(middle.path, "/middle");
  EXPECT_EQ(middle.dtype, "int32");
  EXPECT_EQ(middle.chunks, (Shape{2, 4}));
  EXPECT_EQ(middle.compression, "shuffle+gzip(1)");
  const Hdf5DatasetInfo& zeta = (*infos)[3];
  EXPECT_EQ(zeta.path, "/zeta");
  EXPECT_EQ(zeta.shape, (Shape{4, 5}));
  EXPECT_EQ(zeta.dtype, "float32");
  EXPECT_TRUE(zeta.chunks.empty());
  EXPECT_EQ(zeta.compression, "none");
}

TEST(ListHdf5DatasetsTest, EmptyFileHasNoDatasets) {
  const std::string path = ScratchDir("hdf5_list_empty") + "/empty.h5";
  H5Fclose(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  Result<std::vector<Hdf5DatasetInfo>> infos = ListHdf5Datasets(path);
  ASSERT_TRUE(infos.ok()) << infos.status().message();
  EXPECT_TRUE(infos->empty());
  Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path, "/x");
  EXPECT_EQ(source.status().message(), path + ": dataset '/x' not found (the file has no datasets)");
}

}  // namespace
}  // namespace stackshot
