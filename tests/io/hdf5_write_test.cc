#include <hdf5.h>

#include <gtest/gtest.h>

#include "io/hdf5_source.h"
#include "io/ramp_arrays.h"

namespace stackshot {
namespace {

using testing::ExpectArraysEqual;
using testing::MakeRamp;
using testing::NaiveBox;
using testing::ScratchDir;

TEST(WriteHdf5DatasetTest, TruncatesOrAddsToAFile) {
  const std::string path = ScratchDir("hdf5_write") + "/w.h5";
  ASSERT_TRUE(WriteHdf5Dataset(path, "/one", MakeRamp<uint8_t>({2}), {}, true).ok());
  ASSERT_TRUE(WriteHdf5Dataset(path, "/two", MakeRamp<uint8_t>({2}), {}, false).ok());
  Result<std::vector<Hdf5DatasetInfo>> infos = ListHdf5Datasets(path);
  ASSERT_TRUE(infos.ok());
  EXPECT_EQ(infos->size(), 2u);

  ASSERT_TRUE(WriteHdf5Dataset(path, "/three", MakeRamp<uint8_t>({2}), {}, true).ok());
  infos = ListHdf5Datasets(path);
  ASSERT_TRUE(infos.ok());
  ASSERT_EQ(infos->size(), 1u);
  EXPECT_EQ((*infos)[0].path, "/three");
}

TEST(WriteHdf5DatasetTest, ObjectsCarryNoTimestamps) {
  // Timestamps would make two runs' files differ byte for byte.
  const std::string path = ScratchDir("hdf5_write_times") + "/t.h5";
  ASSERT_TRUE(WriteHdf5Dataset(path, "/top", MakeRamp<uint8_t>({4}), {}, true).ok());
  ASSERT_TRUE(WriteHdf5Dataset(path, "/group/nested", MakeRamp<uint8_t>({4}), {}, false).ok());
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  for (const char* object : {"/", "/top", "/group", "/group/nested"}) {
    H5O_info_t info;
    ASSERT_GE(H5Oget_info_by_name2(file, object, &info, H5O_INFO_TIME, H5P_DEFAULT), 0) << object;
    EXPECT_EQ(info.ctime, 0) << object;
    EXPECT_EQ(info.mtime, 0) << object;
  }
  H5Fclose(file);
}

TEST(WriteHdf5DatasetTest, ReportsBadOptionsWithContext) {
  const std::string path = ScratchDir("hdf5_write_bad") + "/w.h5";
  const Array array = MakeRamp<uint16_t>({4, 6});
  Status gzip = WriteHdf5Dataset(path, "/a", array, {{}, 4}, true);
  EXPECT_EQ(gzip.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(gzip.message(), path + ":/a: gzip compression needs chunks");
  EXPECT_EQ(WriteHdf5Dataset(path, "/a", array, {{2}, -1}, true).message(),
            path + ":/a: chunks 2 do not match the rank of shape 4×6");
  EXPECT_EQ(WriteHdf5Dataset(path, "/a", array, {{2, 7}, -1}, true).message(),
            path + ":/a: chunks 2×7 must be within 1 and shape 4×6 (axis 1)");
  EXPECT_EQ(WriteHdf5Dataset(path, "/a", array, {{2, 2}, 10}, true).message(),
            path + ":/a: gzip level 10 is not within 0..9");

  ASSERT_TRUE(WriteHdf5Dataset(path, "/a", array, {}, true).ok());
  EXPECT_EQ(WriteHdf5Dataset(path, "a", array, {}, false).message(), path + ": dataset '/a' already exists");

  const std::string nowhere = ScratchDir("hdf5_write_bad") + "/no/such/dir/w.h5";
  Status create = WriteHdf5Dataset(nowhere, "/a", array, {}, true);
  EXPECT_EQ(create.code(), StatusCode::kIoError);
  EXPECT_EQ(create.message().rfind(nowhere + ": cannot create: ", 0), 0u) << create.message();
}

TEST(WriteHdf5BoxTest, FillsACreatedDatasetPieceByPiece) {
  const std::string path = ScratchDir("hdf5_write_box") + "/w.h5";
  const Shape shape = {5, 6, 7};
  const Array array = MakeRamp<int16_t>(shape);
  ASSERT_TRUE(CreateHdf5Dataset(path, "/v", DType::kInt16, shape, {{2, 6, 7}, 1}, true).ok());
  for (int64_t z = 0; z < 5; z += 2) {
    const Box box{{z, 0, 0}, {std::min<int64_t>(2, 5 - z), 6, 7}};
    Status written = WriteHdf5Box(path, "/v", box, NaiveBox(array, box));
    ASSERT_TRUE(written.ok()) << written.message();
  }
  Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path, "/v");
  ASSERT_TRUE(source.ok()) << source.status().message();
  Result<Array> read = (*source)->Read(FullBox(shape));
  ASSERT_TRUE(read.ok());
  ExpectArraysEqual(*read, array);
}

TEST(WriteHdf5BoxTest, RejectsMismatchedArrays) {
  const std::string path = ScratchDir("hdf5_write_box_bad") + "/w.h5";
  ASSERT_TRUE(CreateHdf5Dataset(path, "/v", DType::kUInt16, {4, 4}, {}, true).ok());
  const Box box{{0, 0}, {2, 2}};
  EXPECT_EQ(WriteHdf5Box(path, "/v", box, MakeRamp<float>({2, 2})).message(),
            path + ":/v: array dtype float32 does not match the dataset's uint16");
  EXPECT_EQ(WriteHdf5Box(path, "/v", box, MakeRamp<uint16_t>({2, 3})).message(),
            path + ":/v: array shape 2×3 does not match box count 2×2");
  EXPECT_EQ(WriteHdf5Box(path, "/v", Box{{3, 0}, {2, 2}}, MakeRamp<uint16_t>({2, 2})).message(),
            path + ":/v: box axis 0: start 3 + count 2 exceeds size 4");
  EXPECT_EQ(WriteHdf5Box(path, "/w", box, MakeRamp<uint16_t>({2, 2})).message(),
            path + ": dataset '/w' not found (have: /v)");
}

}  // namespace
}  // namespace stackshot
