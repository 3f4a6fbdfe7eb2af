// Labels read from a gzip-chunked HDF5 dataset: a slice decodes the chunks in
// parallel when the layer is given threads, with exactly the ids a plain read
// gives, for integers of 1, 2, 4 and 8 bytes (edge chunks cut by the shape included).
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "io/hdf5_source.h"
#include "layer_test_util.h"
#include "layers/labels/labels_layer.h"

namespace stackshot {
namespace {

using testing::DimsAt;
namespace fs = std::filesystem;

constexpr int64_t kDepth = 3, kRows = 50, kCols = 70;  // not multiples of the 16 × 16 chunks

template <typename T>
Array MakeIds(DType dtype) {
  Array ids = Array::Zeros(dtype, {kDepth, kRows, kCols});
  for (int64_t i = 0; i < ids.size(); ++i) ids.mutable_data<T>()[i] = static_cast<T>((i * 2654435761u) % 1000);
  return ids;
}

Array Slice(const LabelsLayer& layer, const Dims& dims) {
  auto request = layer.MakeSliceRequest(dims, {}, 1);
  EXPECT_TRUE(request.ok()) << request.status().message();
  const auto& labels_request = static_cast<const LabelsSliceRequest&>(**request);
  EXPECT_EQ(labels_request.threads, layer.slice_threads());  // the request carries the layer's threads
  auto response = GetLabelsSlice(labels_request);
  EXPECT_TRUE(response.ok()) << response.status().message();
  return response.ok() ? (*response)->plane : Array();
}

template <typename T>
void ExpectThreadedReadsMatch(DType dtype, const std::string& name) {
  const fs::path dir = fs::path(STACKSHOT_TEST_TMP) / "labels_hdf5";
  fs::create_directories(dir);
  const std::string path = (dir / (name + ".h5")).string();
  const Array ids = MakeIds<T>(dtype);
  ASSERT_TRUE(WriteHdf5Dataset(path, "/seg", ids, {{1, 16, 16}, 4}, true).ok());
  auto source = OpenHdf5Dataset(path, "/seg");
  ASSERT_TRUE(source.ok()) << source.status().message();
  auto layer = LabelsLayer::Create(name, *source, Affine::Identity(3));
  ASSERT_TRUE(layer.ok()) << layer.status().message();
  for (int z = 0; z < kDepth; ++z) {
    const Dims dims = DimsAt({static_cast<double>(z), 0, 0});
    (*layer)->set_slice_threads(Source::kPlainRead);
    const Array plain = Slice(**layer, dims);
    ASSERT_EQ(plain.shape(), (Shape{kRows, kCols}));
    // The plain read is the data itself.
    ASSERT_EQ(std::memcmp(plain.bytes(), ids.bytes() + z * plain.nbytes(), plain.nbytes()), 0);
    for (int threads : {1, 2}) {
      (*layer)->set_slice_threads(threads);
      const Array threaded = Slice(**layer, dims);
      ASSERT_EQ(threaded.dtype(), dtype);
      ASSERT_EQ(threaded.shape(), plain.shape());
      EXPECT_EQ(std::memcmp(threaded.bytes(), plain.bytes(), plain.nbytes()), 0)
          << name << " z " << z << " threads " << threads;
    }
  }
}

TEST(LabelsHdf5Test, Uint8ChunksDecodedInParallelMatchPlainRead) { ExpectThreadedReadsMatch<uint8_t>(DType::kUInt8, "u8"); }
TEST(LabelsHdf5Test, Uint16ChunksDecodedInParallelMatchPlainRead) {
  ExpectThreadedReadsMatch<uint16_t>(DType::kUInt16, "u16");
}
TEST(LabelsHdf5Test, Uint32ChunksDecodedInParallelMatchPlainRead) {
  ExpectThreadedReadsMatch<uint32_t>(DType::kUInt32, "u32");
}
TEST(LabelsHdf5Test, Int64ChunksDecodedInParallelMatchPlainRead) {
  ExpectThreadedReadsMatch<int64_t>(DType::kInt64, "i64");
}

}  // namespace
}  // namespace stackshot
