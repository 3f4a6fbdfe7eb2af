// Parallel chunk decoding (hdf5_chunk_reader.h) against H5Dread of the same box.
#include "io/hdf5_chunk_reader.h"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "io/hdf5_file.h"
#include "io/hdf5_source.h"
#include "io/ramp_arrays.h"

namespace stackshot {
namespace {

using testing::ExpectArraysEqual;
using testing::MakeRamp;
using testing::NaiveBox;
using testing::ScratchDir;

struct Pipeline {
  bool shuffle = false;
  int gzip_level = 4;      // -1: none
  bool fletcher32 = false;
  bool fletcher32_first = false;  // fletcher32 before the others, not after
  bool scaleoffset = false;
  bool nbit = false;
};

struct DatasetSpec {
  DType dtype = DType::kUInt16;
  Shape shape = {5, 37, 41};
  Shape chunks = {2, 16, 16};  // partial edge chunks on every axis
  hid_t file_type = -1;        // -1: the native type
  int precision = 0;           // > 0: that many bits (for nbit)
  Pipeline pipeline;
  std::vector<std::byte> fill;  // empty: the default (zero)
  std::vector<Box> written;     // empty: the whole dataset
};

// Writes `data` (of spec.shape) as `name` into a new file at `path`, through the C
// API so that every filter and type of the test is available.
void WriteDataset(const std::string& path, const std::string& name, const DatasetSpec& spec, const Array& data) {
  Hdf5Lock lock;
  Hdf5Id file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
  ASSERT_TRUE(file.valid());
  const std::vector<hsize_t> dims(spec.shape.begin(), spec.shape.end());
  const std::vector<hsize_t> chunks(spec.chunks.begin(), spec.chunks.end());
  Hdf5Id space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
  Hdf5Id dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  ASSERT_GE(H5Pset_chunk(dcpl.get(), static_cast<int>(chunks.size()), chunks.data()), 0);
  const Pipeline& p = spec.pipeline;
  if (p.fletcher32 && p.fletcher32_first) {
    ASSERT_GE(H5Pset_fletcher32(dcpl.get()), 0);
  }
  if (p.scaleoffset) {
    ASSERT_GE(H5Pset_scaleoffset(dcpl.get(), H5Z_SO_INT, H5Z_SO_INT_MINBITS_DEFAULT), 0);
  }
  if (p.nbit) {
    ASSERT_GE(H5Pset_nbit(dcpl.get()), 0);
  }
  if (p.shuffle) {
    ASSERT_GE(H5Pset_shuffle(dcpl.get()), 0);
  }
  if (p.gzip_level >= 0) {
    ASSERT_GE(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(p.gzip_level)), 0);
  }
  if (p.fletcher32 && !p.fletcher32_first) {
    ASSERT_GE(H5Pset_fletcher32(dcpl.get()), 0);
  }
  const hid_t memory_type = NativeHdf5Type(spec.dtype);
  if (!spec.fill.empty()) {
    ASSERT_GE(H5Pset_fill_value(dcpl.get(), memory_type, spec.fill.data()), 0);
  }
  Hdf5Id type(H5Tcopy(spec.file_type >= 0 ? spec.file_type : memory_type), H5Tclose);
  if (spec.precision > 0) {
    ASSERT_GE(H5Tset_precision(type.get(), static_cast<size_t>(spec.precision)), 0);
  }
  Hdf5Id dataset(H5Dcreate2(file.get(), name.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                 H5Dclose);
  ASSERT_TRUE(dataset.valid()) << Hdf5ErrorText();
  const std::vector<Box> boxes = spec.written.empty() ? std::vector<Box>{FullBox(spec.shape)} : spec.written;
  for (const Box& box : boxes) {
    const Array part = NaiveBox(data, box);
    const std::vector<hsize_t> start(box.start.begin(), box.start.end());
    const std::vector<hsize_t> count(box.count.begin(), box.count.end());
    Hdf5Id file_space(H5Dget_space(dataset.get()), H5Sclose);
    Hdf5Id memory_space(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose);
    ASSERT_GE(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), 0);
    ASSERT_GE(H5Dwrite(dataset.get(), memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, part.bytes()),
              0)
        << Hdf5ErrorText();
  }
}

// The box read by plain H5Dread, the reference for every comparison.
Array H5DreadBox(const std::string& path, const std::string& name, DType dtype, const Box& box) {
  Hdf5Lock lock;
  Array out = Array::Zeros(dtype, box.count);
  Hdf5Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  Hdf5Id dataset(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT), H5Dclose);
  EXPECT_TRUE(dataset.valid());
  const std::vector<hsize_t> start(box.start.begin(), box.start.end());
  const std::vector<hsize_t> count(box.count.begin(), box.count.end());
  Hdf5Id file_space(H5Dget_space(dataset.get()), H5Sclose);
  Hdf5Id memory_space(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose);
  EXPECT_GE(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), 0);
  EXPECT_GE(H5Dread(dataset.get(), NativeHdf5Type(dtype), memory_space.get(), file_space.get(), H5P_DEFAULT,
                    out.mutable_bytes()),
            0);
  return out;
}

// Whether the direct chunk path takes the dataset (rather than H5Dread).
bool ChunkPathApplies(const std::string& path, const std::string& name, DType dtype, size_t rank) {
  Hdf5Lock lock;
  Hdf5Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  Hdf5Id dataset(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT), H5Dclose);
  EXPECT_TRUE(dataset.valid());
  return InspectHdf5Chunks(dataset.get(), dtype, rank).has_value();
}

// Reads `box` with ReadHdf5Chunks itself, expecting every chunk to decode (no
// fallback to H5Dread).
Array DirectRead(const std::string& path, const std::string& name, DType dtype, const Box& box, int threads) {
  Array out = Array::Zeros(dtype, box.count);
  Hdf5Id file;
  Hdf5Id dataset;
  std::optional<Hdf5ChunkLayout> layout;
  {
    Hdf5Lock lock;
    file = Hdf5Id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    dataset = Hdf5Id(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT), H5Dclose);
    layout = InspectHdf5Chunks(dataset.get(), dtype, box.count.size());
  }
  EXPECT_TRUE(layout.has_value());
  if (layout) {
    Result<bool> decoded =
        ReadHdf5Chunks(dataset.get(), path + ":" + name, *layout, box, out.mutable_bytes(), CancelToken::Never(),
                       threads);
    EXPECT_TRUE(decoded.ok()) << decoded.status().message();
    EXPECT_TRUE(decoded.ok() && *decoded) << "some chunk did not decode";
  }
  Hdf5Lock lock;
  dataset.Close();
  file.Close();
  return out;
}

// Boxes of spec.shape {5, 37, 41} with chunks {2, 16, 16}.
std::vector<Box> TestBoxes() {
  return {
      Box{{0, 0, 0}, {5, 37, 41}},   // everything, edge chunks included
      Box{{3, 0, 0}, {1, 37, 41}},   // one plane
      Box{{4, 0, 0}, {1, 37, 41}},   // the last plane, in a half-full edge chunk
      Box{{1, 10, 12}, {3, 20, 25}}, // across chunk borders on every axis
      Box{{2, 15, 16}, {1, 2, 2}},   // the four corners of four chunks
      Box{{4, 36, 40}, {1, 1, 1}},   // the last pixel
      Box{{0, 17, 3}, {1, 1, 1}},    // one interior pixel
      Box{{2, 20, 0}, {1, 1, 41}},   // one row across three chunks
  };
}

// Reads every test box through the source with 1 and 2 threads and plainly, and
// compares each with H5Dread.
void ExpectReadsMatchH5Dread(const std::string& path, const std::string& name, DType dtype) {
  Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(path, name);
  ASSERT_TRUE(source.ok()) << source.status().message();
  const bool direct = ChunkPathApplies(path, name, dtype, (*source)->shape().size());
  for (const Box& box : TestBoxes()) {
    SCOPED_TRACE("box at " + ShapeToString(box.start) + " of " + ShapeToString(box.count));
    const Array expected = H5DreadBox(path, name, dtype, box);
    if (direct) {
      ExpectArraysEqual(DirectRead(path, name, dtype, box, 1), expected);
      ExpectArraysEqual(DirectRead(path, name, dtype, box, 2), expected);
    }
    for (int threads : {Source::kPlainRead, 1, 2}) {
      SCOPED_TRACE("threads " + std::to_string(threads));
      Result<Array> read = (*source)->Read(box, CancelToken::Never(), threads);
      ASSERT_TRUE(read.ok()) << read.status().message();
      ExpectArraysEqual(*read, expected);
    }
  }
}

const DType kTestDTypes[] = {DType::kUInt8, DType::kUInt16, DType::kInt32, DType::kFloat32, DType::kFloat64};

TEST(Hdf5ChunkReaderTest, GzipAndShuffleMatchH5DreadForEveryDType) {
  const std::string dir = ScratchDir("chunks_gzip");
  const Pipeline pipelines[] = {
      {.gzip_level = 4},
      {.shuffle = true, .gzip_level = 1},
      {.shuffle = true, .gzip_level = 6, .fletcher32 = true},
      {.gzip_level = 9, .fletcher32 = true},
      {.gzip_level = 4, .fletcher32 = true, .fletcher32_first = true},
  };
  int n = 0;
  for (const Pipeline& pipeline : pipelines) {
    for (DType dtype : kTestDTypes) {
      SCOPED_TRACE(std::string(DTypeName(dtype)) + " pipeline " + std::to_string(n));
      DatasetSpec spec;
      spec.dtype = dtype;
      spec.pipeline = pipeline;
      const std::string path = dir + "/" + std::to_string(n++) + ".h5";
      const Array data = MakeRamp(dtype, spec.shape);
      WriteDataset(path, "/data", spec, data);
      ASSERT_TRUE(ChunkPathApplies(path, "/data", dtype, spec.shape.size()));
      ExpectReadsMatchH5Dread(path, "/data", dtype);
      // And the values are the ones written.
      auto source = OpenHdf5Dataset(path, "/data");
      ASSERT_TRUE(source.ok());
      Result<Array> all = (*source)->Read(FullBox(spec.shape), CancelToken::Never(), 2);
      ASSERT_TRUE(all.ok());
      ExpectArraysEqual(*all, data);
    }
  }
}

TEST(Hdf5ChunkReaderTest, BigEndianFileTypesMatchH5Dread) {
  const std::string dir = ScratchDir("chunks_be");
  const std::pair<DType, hid_t> types[] = {{DType::kUInt16, H5T_STD_U16BE},
                                           {DType::kInt32, H5T_STD_I32BE},
                                           {DType::kFloat32, H5T_IEEE_F32BE},
                                           {DType::kFloat64, H5T_IEEE_F64BE}};
  for (const auto& [dtype, file_type] : types) {
    SCOPED_TRACE(DTypeName(dtype));
    DatasetSpec spec;
    spec.dtype = dtype;
    spec.file_type = file_type;
    spec.pipeline = {.shuffle = true, .gzip_level = 4, .fletcher32 = true};
    const std::string path = dir + "/" + DTypeName(dtype) + ".h5";
    WriteDataset(path, "/data", spec, MakeRamp(dtype, spec.shape));
    ASSERT_TRUE(ChunkPathApplies(path, "/data", dtype, spec.shape.size()));
    ExpectReadsMatchH5Dread(path, "/data", dtype);
  }
}

TEST(Hdf5ChunkReaderTest, UnwrittenChunksReadAsTheFillValue) {
  const std::string dir = ScratchDir("chunks_fill");
  // Only part of the dataset is written: chunks outside it were never stored.
  const std::vector<Box> written = {Box{{0, 0, 0}, {2, 16, 16}}, Box{{2, 20, 30}, {3, 10, 11}}};
  {
    DatasetSpec spec;
    spec.dtype = DType::kUInt16;
    const uint16_t fill = 777;
    spec.fill.resize(sizeof(fill));
    std::memcpy(spec.fill.data(), &fill, sizeof(fill));
    spec.written = written;
    WriteDataset(dir + "/u16.h5", "/data", spec, MakeRamp(spec.dtype, spec.shape));
    ASSERT_TRUE(ChunkPathApplies(dir + "/u16.h5", "/data", spec.dtype, 3));
    ExpectReadsMatchH5Dread(dir + "/u16.h5", "/data", spec.dtype);
    auto source = OpenHdf5Dataset(dir + "/u16.h5", "/data");
    ASSERT_TRUE(source.ok());
    Result<Array> pixel = (*source)->Read(Box{{4, 36, 0}, {1, 1, 1}}, CancelToken::Never(), 2);
    ASSERT_TRUE(pixel.ok());
    EXPECT_EQ(pixel->data<uint16_t>()[0], 777);
  }
  {
    DatasetSpec spec;
    spec.dtype = DType::kFloat32;
    spec.file_type = H5T_IEEE_F32BE;
    spec.pipeline.shuffle = true;
    const float fill = -1.5f;
    spec.fill.resize(sizeof(fill));
    std::memcpy(spec.fill.data(), &fill, sizeof(fill));
    spec.written = written;
    WriteDataset(dir + "/f32.h5", "/data", spec, MakeRamp(spec.dtype, spec.shape));
    ExpectReadsMatchH5Dread(dir + "/f32.h5", "/data", spec.dtype);
  }
  {
    // No fill value set: zeros.
    DatasetSpec spec;
    spec.dtype = DType::kInt32;
    spec.written = written;
    WriteDataset(dir + "/i32.h5", "/data", spec, MakeRamp(spec.dtype, spec.shape));
    ASSERT_TRUE(ChunkPathApplies(dir + "/i32.h5", "/data", spec.dtype, 3));
    ExpectReadsMatchH5Dread(dir + "/i32.h5", "/data", spec.dtype);
    auto source = OpenHdf5Dataset(dir + "/i32.h5", "/data");
    Result<Array> pixel = (*source)->Read(Box{{4, 0, 0}, {1, 1, 1}}, CancelToken::Never(), 2);
    ASSERT_TRUE(pixel.ok());
    EXPECT_EQ(pixel->data<int32_t>()[0], 0);
  }
}

// Stored chunks written by hand with H5Dwrite_chunk: a chunk whose deflate was
// skipped (filter mask bit 0), and a chunk with a wrong checksum.
TEST(Hdf5ChunkReaderTest, HonoursTheFilterMaskAndRejectsBadChecksums) {
  const std::string path = ScratchDir("chunks_mask") + "/mask.h5";
  DatasetSpec spec;
  spec.dtype = DType::kUInt16;
  spec.shape = {4, 8};
  spec.chunks = {2, 8};
  spec.pipeline = {.gzip_level = 4, .fletcher32 = true};
  const Array data = MakeRamp(spec.dtype, spec.shape);
  spec.written = {Box{{0, 0}, {2, 8}}};  // chunk 0 through the pipeline
  WriteDataset(path, "/data", spec, data);
  {
    // Chunk 1: deflate skipped, so stored = the raw bytes + their checksum.
    Hdf5Lock lock;
    Hdf5Id file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    Hdf5Id dataset(H5Dopen2(file.get(), "/data", H5P_DEFAULT), H5Dclose);
    std::vector<std::byte> stored(data.bytes() + 16 * 2, data.bytes() + 32 * 2);
    const uint32_t sum = Hdf5Fletcher32(stored.data(), stored.size());
    for (int b = 0; b < 4; ++b) stored.push_back(static_cast<std::byte>(sum >> (8 * b)));
    const hsize_t offset[2] = {2, 0};
    ASSERT_GE(H5Dwrite_chunk(dataset.get(), H5P_DEFAULT, /*filters=*/1, offset, stored.size(), stored.data()), 0);
  }
  ASSERT_TRUE(ChunkPathApplies(path, "/data", spec.dtype, 2));
  for (int threads : {1, 2}) {
    auto source = OpenHdf5Dataset(path, "/data");
    ASSERT_TRUE(source.ok());
    Result<Array> all = (*source)->Read(FullBox(spec.shape), CancelToken::Never(), threads);
    ASSERT_TRUE(all.ok()) << all.status().message();
    ExpectArraysEqual(*all, data);
    ExpectArraysEqual(*all, H5DreadBox(path, "/data", spec.dtype, FullBox(spec.shape)));
  }
  ExpectArraysEqual(DirectRead(path, "/data", spec.dtype, FullBox(spec.shape), 2), data);
  {
    // Corrupt the checksum of chunk 1: both paths fail, with HDF5's reason.
    Hdf5Lock lock;
    Hdf5Id file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    Hdf5Id dataset(H5Dopen2(file.get(), "/data", H5P_DEFAULT), H5Dclose);
    std::vector<std::byte> stored(data.bytes() + 16 * 2, data.bytes() + 32 * 2);
    for (int b = 0; b < 4; ++b) stored.push_back(std::byte{0x5a});
    const hsize_t offset[2] = {2, 0};
    ASSERT_GE(H5Dwrite_chunk(dataset.get(), H5P_DEFAULT, 1, offset, stored.size(), stored.data()), 0);
  }
  auto source = OpenHdf5Dataset(path, "/data");
  ASSERT_TRUE(source.ok());
  Result<Array> bad = (*source)->Read(FullBox(spec.shape), CancelToken::Never(), 2);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kIoError);
  EXPECT_EQ(bad.status().message().rfind(path + ":/data: read failed: ", 0), 0u) << bad.status().message();
  EXPECT_NE(bad.status().message().find("Fletcher32 checksum"), std::string::npos) << bad.status().message();
  // The untouched chunk still reads.
  Result<Array> good = (*source)->Read(Box{{0, 0}, {2, 8}}, CancelToken::Never(), 2);
  ASSERT_TRUE(good.ok()) << good.status().message();
  ExpectArraysEqual(*good, NaiveBox(data, Box{{0, 0}, {2, 8}}));
}

TEST(Hdf5ChunkReaderTest, Fletcher32MatchesTheChecksumsHdf5Stores) {
  const std::string path = ScratchDir("chunks_fletcher") + "/f.h5";
  DatasetSpec spec;
  spec.dtype = DType::kUInt8;
  spec.shape = {20};
  spec.chunks = {7};  // odd sizes: the checksum's last byte alone
  spec.pipeline = {.gzip_level = -1, .fletcher32 = true};
  const Array data = MakeRamp(spec.dtype, spec.shape);
  WriteDataset(path, "/data", spec, data);
  Hdf5Lock lock;
  Hdf5Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  Hdf5Id dataset(H5Dopen2(file.get(), "/data", H5P_DEFAULT), H5Dclose);
  for (hsize_t offset : {hsize_t{0}, hsize_t{7}, hsize_t{14}}) {
    std::vector<std::byte> stored(7 + 4);
    uint32_t mask = 0;
    ASSERT_GE(H5Dread_chunk(dataset.get(), H5P_DEFAULT, &offset, &mask, stored.data()), 0);
    SCOPED_TRACE(offset);
    // The last chunk holds 6 elements and the fill value (0).
    ASSERT_EQ(std::memcmp(stored.data(), data.bytes() + offset, std::min<size_t>(7, 20 - offset)), 0);
    uint32_t expected = 0;
    for (int b = 0; b < 4; ++b) expected |= std::to_integer<uint32_t>(stored[7 + b]) << (8 * b);
    EXPECT_EQ(Hdf5Fletcher32(stored.data(), 7), expected);
  }
}

TEST(Hdf5ChunkReaderTest, OtherLayoutsAndFiltersFallBackToH5Dread) {
  const std::string dir = ScratchDir("chunks_fallback");
  struct Case {
    std::string name;
    DatasetSpec spec;
  };
  std::vector<Case> cases;
  {
    Case c{"scaleoffset", {}};
    c.spec.dtype = DType::kInt32;
    c.spec.pipeline = {.gzip_level = 4, .scaleoffset = true};
    cases.push_back(c);
  }
  {
    Case c{"nbit", {}};
    c.spec.dtype = DType::kUInt16;
    c.spec.precision = 12;  // MakeRamp's first value (65535) is clipped by the type, in both paths
    c.spec.pipeline = {.gzip_level = 4, .nbit = true};
    cases.push_back(c);
  }
  {
    Case c{"no_gzip", {}};
    c.spec.dtype = DType::kFloat32;
    c.spec.pipeline = {.shuffle = true, .gzip_level = -1};
    cases.push_back(c);
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = dir + "/" + c.name + ".h5";
    WriteDataset(path, "/data", c.spec, MakeRamp(c.spec.dtype, c.spec.shape));
    EXPECT_FALSE(ChunkPathApplies(path, "/data", c.spec.dtype, 3));
    ExpectReadsMatchH5Dread(path, "/data", c.spec.dtype);
  }
  // Contiguous: written by stackshot's own writer.
  const std::string path = dir + "/contiguous.h5";
  ASSERT_TRUE(WriteHdf5Dataset(path, "/data", MakeRamp(DType::kUInt16, {5, 37, 41}), {}, true).ok());
  EXPECT_FALSE(ChunkPathApplies(path, "/data", DType::kUInt16, 3));
  ExpectReadsMatchH5Dread(path, "/data", DType::kUInt16);
}

TEST(Hdf5ChunkReaderTest, ResultDoesNotDependOnThreadCount) {
  // Many chunks, so that work is really shared: every thread count gives the same bits.
  const std::string path = ScratchDir("chunks_threads") + "/t.h5";
  ASSERT_TRUE(WriteHdf5Dataset(path, "/data", MakeRamp(DType::kUInt16, {3, 300, 257}),
                               {.chunks = {1, 32, 32}, .gzip_level = 4}, true)
                  .ok());
  auto source = OpenHdf5Dataset(path, "/data");
  ASSERT_TRUE(source.ok());
  const Box box{{0, 5, 3}, {3, 290, 250}};
  const Array expected = H5DreadBox(path, "/data", DType::kUInt16, box);
  for (int threads : {0, 1, 2}) {
    SCOPED_TRACE(threads);
    Result<Array> read = (*source)->Read(box, CancelToken::Never(), threads);
    ASSERT_TRUE(read.ok());
    ExpectArraysEqual(*read, expected);
  }
}

TEST(Hdf5ChunkReaderTest, CancelledReadStops) {
  const std::string path = ScratchDir("chunks_cancel") + "/c.h5";
  ASSERT_TRUE(WriteHdf5Dataset(path, "/data", MakeRamp(DType::kUInt16, {4, 64, 64}),
                               {.chunks = {1, 32, 32}, .gzip_level = 4}, true)
                  .ok());
  auto source = OpenHdf5Dataset(path, "/data");
  ASSERT_TRUE(source.ok());
  CancelToken cancel;
  cancel.Cancel();
  Result<Array> read = (*source)->Read(FullBox((*source)->shape()), cancel, 2);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kCancelled);
}

}  // namespace
}  // namespace stackshot
