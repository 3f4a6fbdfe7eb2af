// The golden scenes' data files are what golden_data.cc makes. With
// STACKSHOT_UPDATE_GOLDEN=1 the files are rewritten first (then commit them).
// Reading them back also exercises the image-file, sequence and pyramid sources.
#include "golden_data.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "io/hdf5_source.h"
#include "io/image_sequence_source.h"
#include "io/oiio_source.h"

namespace stackshot::testing {
namespace {

const std::string kDir = std::string(STACKSHOT_SOURCE_DIR) + "/tests/golden/data";

// True when `source` opens and holds exactly `expected`.
bool Matches(const Result<std::shared_ptr<Source>>& source, const Array& expected) {
  if (!source.ok() || (*source)->shape() != expected.shape() || (*source)->dtype() != expected.dtype()) return false;
  auto read = (*source)->Read(FullBox(expected.shape()));
  return read.ok() && std::memcmp(read->bytes(), expected.bytes(), expected.nbytes()) == 0;
}

Array Stack(const std::vector<Array>& arrays);

// Whether every committed file already holds what the generator makes (the writers
// embed dates, so files are rewritten only when their contents change).
bool AllFilesMatch() {
  bool match = Matches(OpenImageFile(kDir + "/stack_u16.tif"), Stack(GoldenStackPages())) &&
               Matches(OpenImageSequence(kDir + "/frames/*.png"), Stack(GoldenFrames())) &&
               Matches(OpenImageFile(kDir + "/rgb.png"), GoldenRgb()) &&
               Matches(OpenImageFile(kDir + "/rgba_float.exr"), GoldenRgbaFloat()) &&
               Matches(OpenHdf5Dataset(kDir + "/labels.h5", "/cells"), GoldenCellLabels()) &&
               Matches(OpenHdf5Dataset(kDir + "/labels.h5", "/huge"), GoldenHugeLabels()) &&
               Matches(OpenHdf5Dataset(kDir + "/labels.h5", "/signed"), GoldenSignedLabels());
  for (const auto& [group, levels] : {std::pair{"/pyramid", GoldenPyramid()}, std::pair{"/tiles", GoldenTiledRgbPyramid()}}) {
    auto opened = OpenHdf5Levels(kDir + "/pyramid.h5", group);
    match = match && opened.ok() && opened->size() == levels.size();
    for (size_t i = 0; match && i < levels.size(); ++i) match = Matches((*opened)[i], levels[i]);
  }
  return match;
}

class GoldenDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* update = std::getenv("STACKSHOT_UPDATE_GOLDEN");
    if (update && std::string(update) == "1" && !AllFilesMatch()) {
      const Status written = WriteGoldenData(kDir);
      ASSERT_TRUE(written.ok()) << written.message();
    }
  }
};

// Reads the whole source and compares it with `expected` byte for byte.
void ExpectSourceEquals(const Source& source, const Array& expected) {
  ASSERT_EQ(source.shape(), expected.shape()) << source.Describe();
  ASSERT_EQ(source.dtype(), expected.dtype()) << source.Describe();
  auto read = source.Read(FullBox(source.shape()));
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(std::memcmp(read->bytes(), expected.bytes(), expected.nbytes()), 0) << source.Describe();
}

// Stacks equally shaped arrays along a new first axis.
Array Stack(const std::vector<Array>& arrays) {
  Shape shape = arrays[0].shape();
  shape.insert(shape.begin(), static_cast<int64_t>(arrays.size()));
  Array out = Array::Zeros(arrays[0].dtype(), shape);
  for (size_t i = 0; i < arrays.size(); ++i) {
    std::memcpy(out.mutable_bytes() + i * arrays[0].nbytes(), arrays[i].bytes(), arrays[i].nbytes());
  }
  return out;
}

TEST_F(GoldenDataTest, TiffStack) {
  auto source = OpenImageFile(kDir + "/stack_u16.tif");
  ASSERT_TRUE(source.ok()) << source.status().message();
  ExpectSourceEquals(**source, Stack(GoldenStackPages()));
}

TEST_F(GoldenDataTest, ImageSequence) {
  auto source = OpenImageSequence(kDir + "/frames/*.png");
  ASSERT_TRUE(source.ok()) << source.status().message();
  ExpectSourceEquals(**source, Stack(GoldenFrames()));
}

TEST_F(GoldenDataTest, RgbPngAndRgbaExr) {
  auto png = OpenImageFile(kDir + "/rgb.png");
  ASSERT_TRUE(png.ok()) << png.status().message();
  ExpectSourceEquals(**png, GoldenRgb());
  auto exr = OpenImageFile(kDir + "/rgba_float.exr");
  ASSERT_TRUE(exr.ok()) << exr.status().message();
  ExpectSourceEquals(**exr, GoldenRgbaFloat());
}

TEST_F(GoldenDataTest, Pyramids) {
  auto levels = OpenHdf5Levels(kDir + "/pyramid.h5", "/pyramid");
  ASSERT_TRUE(levels.ok()) << levels.status().message();
  const std::vector<Array> expected = GoldenPyramid();
  ASSERT_EQ(levels->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) ExpectSourceEquals(*(*levels)[i], expected[i]);
  auto tiles = OpenHdf5Levels(kDir + "/pyramid.h5", "/tiles");
  ASSERT_TRUE(tiles.ok()) << tiles.status().message();
  const std::vector<Array> expected_tiles = GoldenTiledRgbPyramid();
  ASSERT_EQ(tiles->size(), expected_tiles.size());
  for (size_t i = 0; i < expected_tiles.size(); ++i) ExpectSourceEquals(*(*tiles)[i], expected_tiles[i]);
}

TEST_F(GoldenDataTest, Labels) {
  for (const auto& [name, expected] : {std::pair{"/cells", GoldenCellLabels()}, std::pair{"/huge", GoldenHugeLabels()},
                                       std::pair{"/signed", GoldenSignedLabels()}}) {
    auto source = OpenHdf5Dataset(kDir + "/labels.h5", name);
    ASSERT_TRUE(source.ok()) << source.status().message();
    ExpectSourceEquals(**source, expected);
  }
}

}  // namespace
}  // namespace stackshot::testing
