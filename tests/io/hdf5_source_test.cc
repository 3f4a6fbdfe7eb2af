#include "io/hdf5_source.h"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>

#include "io/ramp_arrays.h"

namespace stackshot {
namespace {

using testing::ExpectArraysEqual;
using testing::MakeRamp;
using testing::NaiveBox;
using testing::ScratchDir;

const DType kAllDTypes[] = {DType::kUInt8, DType::kUInt16, DType::kUInt32, DType::kUInt64, DType::kInt8,
                            DType::kInt16, DType::kInt32,  DType::kInt64,  DType::kFloat32, DType::kFloat64};

std::shared_ptr<Source> OpenOrDie(const std::string& path, const std::string& dataset) {
  Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path, dataset);
  EXPECT_TRUE(source.ok()) << source.status().message();
  return source.ok() ? *source : nullptr;
}

TEST(Hdf5SourceTest, ReadsBoxesOfEveryDType) {
  const std::string path = ScratchDir("hdf5_dtypes") + "/all.h5";
  const Shape shape = {3, 4, 5};
  for (DType dtype : kAllDTypes) {
    ASSERT_TRUE(WriteHdf5Dataset(path, std::string("/") + DTypeName(dtype), testing::MakeRamp(dtype, shape),
                                 {}, /*truncate=*/dtype == DType::kUInt8).ok());
  }
  const std::vector<Box> boxes = {
      FullBox(shape),                  // everything
      Box{{0, 0, 0}, {1, 1, 1}},       // first corner
      Box{{2, 3, 4}, {1, 1, 1}},       // last corner
      Box{{1, 0, 0}, {1, 4, 5}},       // one plane
      Box{{0, 1, 2}, {3, 2, 3}},       // interior, across planes
  };
  for (DType dtype : kAllDTypes) {
    SCOPED_TRACE(DTypeName(dtype));
    auto source = OpenOrDie(path, DTypeName(dtype));  // without the leading slash
    ASSERT_NE(source, nullptr);
    EXPECT_EQ(source->dtype(), dtype);
    EXPECT_EQ(source->shape(), shape);
    EXPECT_EQ(source->Describe(), path + ":/" + DTypeName(dtype));
    const Array expected = testing::MakeRamp(dtype, shape);
    for (const Box& box : boxes) {
      Result<Array> read = source->Read(box);
      ASSERT_TRUE(read.ok()) << read.status().message();
      ExpectArraysEqual(*read, NaiveBox(expected, box));
    }
  }
}

TEST(Hdf5SourceTest, ZeroSizeBoxIsShapedAndEmpty) {
  const std::string path = ScratchDir("hdf5_empty") + "/a.h5";
  ASSERT_TRUE(WriteHdf5Dataset(path, "/a", MakeRamp<uint16_t>({2, 3}), {}, true).ok());
  auto source = OpenOrDie(path, "/a");
  ASSERT_NE(source, nullptr);
  Result<Array> read = source->Read(Box{{2, 1}, {0, 2}});
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->shape(), (Shape{0, 2}));
  EXPECT_EQ(read->dtype(), DType::kUInt16);
  EXPECT_EQ(source->bytes_read(), 0u);
}

TEST(Hdf5SourceTest, ReadsScalarDatasets) {
  const std::string path = ScratchDir("hdf5_scalar") + "/s.h5";
  Array scalar = Array::Zeros(DType::kInt64, {});
  scalar.mutable_data<int64_t>()[0] = -42;
  ASSERT_TRUE(WriteHdf5Dataset(path, "/s", scalar, {}, true).ok());
  auto source = OpenOrDie(path, "/s");
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->shape(), Shape{});
  Result<Array> read = source->Read(Box{});
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->data<int64_t>()[0], -42);
}

TEST(Hdf5SourceTest, ReadsChunkedGzipAcrossChunks) {
  const std::string path = ScratchDir("hdf5_gzip") + "/c.h5";
  const Shape shape = {10, 33, 17};
  const Array array = MakeRamp<uint16_t>(shape);
  ASSERT_TRUE(WriteHdf5Dataset(path, "/group/deep/c", array, {{2, 8, 8}, 4}, true).ok());
  auto source = OpenOrDie(path, "/group/deep/c");
  ASSERT_NE(source, nullptr);
  for (const Box& box : {FullBox(shape), Box{{1, 7, 7}, {3, 10, 9}}, Box{{9, 32, 16}, {1, 1, 1}}}) {
    Result<Array> read = source->Read(box);
    ASSERT_TRUE(read.ok()) << read.status().message();
    ExpectArraysEqual(*read, NaiveBox(array, box));
  }
}

TEST(Hdf5SourceTest, ConvertsBigEndianData) {
  const std::string path = ScratchDir("hdf5_be") + "/be.h5";
  const Array array = MakeRamp<uint16_t>({4, 3});
  {
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dims[2] = {4, 3};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t dataset = H5Dcreate2(file, "be", H5T_STD_U16BE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(H5Dwrite(dataset, H5T_NATIVE_UINT16, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.bytes()), 0);
    H5Dclose(dataset);
    H5Sclose(space);
    H5Fclose(file);
  }
  auto source = OpenOrDie(path, "/be");
  ASSERT_NE(source, nullptr);
  Result<Array> read = source->Read(FullBox({4, 3}));
  ASSERT_TRUE(read.ok()) << read.status().message();
  ExpectArraysEqual(*read, array);
}

TEST(Hdf5SourceTest, CountsBytesRead) {
  const std::string path = ScratchDir("hdf5_bytes") + "/b.h5";
  ASSERT_TRUE(WriteHdf5Dataset(path, "/f", MakeRamp<float>({4, 5}), {}, true).ok());
  auto source = OpenOrDie(path, "/f");
  ASSERT_NE(source, nullptr);
  ASSERT_TRUE(source->Read(Box{{0, 0}, {2, 3}}).ok());
  EXPECT_EQ(source->bytes_read(), 24u);
  ASSERT_TRUE(source->Read(Box{{3, 0}, {1, 5}}).ok());
  EXPECT_EQ(source->bytes_read(), 44u);
  Result<Array> bad = source->Read(Box{{4, 0}, {1, 5}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), path + ":/f: box axis 0: start 4 + count 1 exceeds size 4");
  EXPECT_EQ(source->bytes_read(), 44u);
}

TEST(Hdf5SourceTest, MissingFile) {
  const std::string path = ScratchDir("hdf5_missing") + "/cells.h5";
  Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path, "/nuclei");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(source.status().message(), path + ": no such file");
  EXPECT_EQ(ListHdf5Datasets(path).status().message(), path + ": no such file");
}

TEST(Hdf5SourceTest, NotAnHdf5File) {
  const std::string path = ScratchDir("hdf5_text") + "/cells.h5";
  std::ofstream(path) << "just some text, not hdf5\n";
  Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path, "/nuclei");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(source.status().message(), path + ": not an hdf5 file");
}

TEST(Hdf5SourceTest, DirectoryIsNotAFile) {
  const std::string path = ScratchDir("hdf5_dir");
  Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path, "/nuclei");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().message(), path + ": is a folder, not an hdf5 file");
}

TEST(Hdf5SourceTest, TruncatedFileIsAClearError) {
  const std::string path = ScratchDir("hdf5_truncated") + "/cells.h5";
  ASSERT_TRUE(WriteHdf5Dataset(path, "/nuclei", MakeRamp<uint16_t>({8, 64, 64}), {}, true).ok());
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path, "/nuclei");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kIoError);
  const std::string prefix = path + ": truncated or corrupt hdf5 file (";
  EXPECT_EQ(source.status().message().substr(0, prefix.size()), prefix) << source.status().message();
  EXPECT_EQ(source.status().message().find('\n'), std::string::npos);
  EXPECT_FALSE(ListHdf5Datasets(path).ok());
}

class Hdf5LookupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A folder per test: ctest may run them in parallel.
    path_ = ScratchDir(std::string("hdf5_lookup_") + ::testing::UnitTest::GetInstance()->current_test_info()->name()) +
            "/cells.h5";
    ASSERT_TRUE(WriteHdf5Dataset(path_, "/b", MakeRamp<uint8_t>({2}), {}, true).ok());
    ASSERT_TRUE(WriteHdf5Dataset(path_, "/a/c", MakeRamp<uint8_t>({2}), {}, false).ok());
  }
  std::string path_;
};

TEST_F(Hdf5LookupTest, MissingDatasetListsTheOthers) {
  for (const std::string dataset : {"/raw", "raw", "/nope/deeper", "/b/under_a_dataset"}) {
    Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path_, dataset);
    ASSERT_FALSE(source.ok());
    EXPECT_EQ(source.status().code(), StatusCode::kNotFound);
    const std::string name = dataset[0] == '/' ? dataset : "/" + dataset;
    EXPECT_EQ(source.status().message(), path_ + ": dataset '" + name + "' not found (have: /a/c, /b)");
  }
}

TEST_F(Hdf5LookupTest, GroupIsNotADataset) {
  for (const std::string dataset : {"/a", "/"}) {
    Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path_, dataset);
    ASSERT_FALSE(source.ok());
    EXPECT_EQ(source.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(source.status().message(), path_ + ": '" + dataset + "' is a group, not a dataset (have: /a/c, /b)");
  }
}

TEST(Hdf5SourceTest, RejectsCompoundAndStringTypes) {
  const std::string path = ScratchDir("hdf5_types") + "/odd.h5";
  {
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dims[1] = {3};
    const hid_t space = H5Screate_simple(1, dims, nullptr);
    const hid_t compound = H5Tcreate(H5T_COMPOUND, 8);
    H5Tinsert(compound, "x", 0, H5T_NATIVE_FLOAT);
    H5Tinsert(compound, "y", 4, H5T_NATIVE_FLOAT);
    const hid_t string = H5Tcopy(H5T_C_S1);
    H5Tset_size(string, 8);
    const hid_t half = H5Tcopy(H5T_IEEE_F32LE);
    H5Tset_fields(half, 15, 10, 5, 0, 10);
    H5Tset_size(half, 2);
    H5Tset_ebias(half, 15);
    for (auto [name, type] : {std::pair{"points", compound}, std::pair{"labels", string}, std::pair{"half", half}}) {
      const hid_t dataset = H5Dcreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      ASSERT_GE(dataset, 0) << name;
      H5Dclose(dataset);
    }
    H5Tclose(half);
    H5Tclose(string);
    H5Tclose(compound);
    H5Sclose(space);
    H5Fclose(file);
  }
  const std::pair<const char*, const char*> cases[] = {{"/points", "compound"}, {"/labels", "string"},
                                                       {"/half", "float16"}};
  for (auto [dataset, type] : cases) {
    Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path, dataset);
    ASSERT_FALSE(source.ok());
    EXPECT_EQ(source.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(source.status().message(), path + ":" + dataset + ": unsupported element type " + type +
                                             " (need an integer or float type)");
  }
  Result<std::vector<Hdf5DatasetInfo>> infos = ListHdf5Datasets(path);
  ASSERT_TRUE(infos.ok()) << infos.status().message();
  ASSERT_EQ(infos->size(), 3u);
  EXPECT_EQ((*infos)[0].path, "/half");
  EXPECT_EQ((*infos)[0].dtype, "float16");
  EXPECT_EQ((*infos)[1].dtype, "string");
  EXPECT_EQ((*infos)[2].dtype, "compound");
}

}  // namespace
}  // namespace stackshot
