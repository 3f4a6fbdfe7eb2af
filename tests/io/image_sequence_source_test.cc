#include "io/image_sequence_source.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "io/oiio_write.h"
#include "ramp_arrays.h"

namespace stackshot {
namespace {

using testing::ExpectArraysEqual;
using testing::MakeRamp;
using testing::NaiveBox;
using testing::ScratchDir;

Array Constant(uint8_t value, const Shape& shape) {
  Array a = Array::Zeros(DType::kUInt8, shape);
  for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<uint8_t>()[i] = value;
  return a;
}

TEST(ImageSequenceSourceTest, FilesStackInSortedOrder) {
  const std::string dir = ScratchDir("sequence_sorted");
  // Written out of order; bytewise sorting puts "B" before "a".
  ASSERT_TRUE(WriteImagePages(dir + "/b.png", {Constant(2, {3, 4})}).ok());
  ASSERT_TRUE(WriteImagePages(dir + "/a.png", {Constant(1, {3, 4})}).ok());
  ASSERT_TRUE(WriteImagePages(dir + "/B.png", {Constant(0, {3, 4})}).ok());
  ASSERT_TRUE(WriteImagePages(dir + "/c.tif", {Constant(9, {3, 4})}).ok());  // not matched
  auto files = ExpandGlob(dir + "/*.png");
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, (std::vector<std::string>{dir + "/B.png", dir + "/a.png", dir + "/b.png"}));

  auto source = OpenImageSequence(dir + "/*.png");
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ((*source)->shape(), (Shape{3, 3, 4}));
  EXPECT_EQ((*source)->Describe(), dir + "/*.png");
  auto read = (*source)->Read(Box{{1, 1, 0}, {2, 1, 4}});
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(testing::Values<uint8_t>(*read), (std::vector<uint8_t>{1, 1, 1, 1, 2, 2, 2, 2}));
  EXPECT_EQ((*source)->bytes_read(), 8u);
}

TEST(ImageSequenceSourceTest, RgbFramesKeepTheirChannels) {
  const std::string dir = ScratchDir("sequence_rgb");
  const Array first = MakeRamp<uint8_t>({5, 6, 3});
  const Array second = MakeRamp<uint8_t>({5, 6, 3});
  ASSERT_TRUE(WriteImagePages(dir + "/f0.png", {first}).ok());
  ASSERT_TRUE(WriteImagePages(dir + "/f1.png", {second}).ok());
  auto source = OpenImageSequence(dir + "/f?.png");
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ((*source)->shape(), (Shape{2, 5, 6, 3}));
  auto read = (*source)->Read(Box{{1, 1, 2, 0}, {1, 3, 2, 3}});
  ASSERT_TRUE(read.ok());
  Array expected = NaiveBox(second, Box{{1, 2, 0}, {3, 2, 3}});
  EXPECT_EQ(testing::Values<uint8_t>(*read), testing::Values<uint8_t>(expected));
}

TEST(ImageSequenceSourceTest, NothingMatchingIsAnError) {
  const std::string dir = ScratchDir("sequence_empty");
  auto source = OpenImageSequence(dir + "/*.png");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(source.status().message(), dir + "/*.png: no files match");
}

TEST(ImageSequenceSourceTest, ImagesOfAnotherSizeOrTypeAreErrors) {
  const std::string dir = ScratchDir("sequence_sizes");
  ASSERT_TRUE(WriteImagePages(dir + "/a.png", {Constant(1, {32, 32})}).ok());
  ASSERT_TRUE(WriteImagePages(dir + "/b.png", {Constant(1, {40, 32})}).ok());
  auto source = OpenImageSequence(dir + "/*.png");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().message(), dir + "/b.png: 40×32 uint8 differs from " + dir +
                                           "/a.png: 32×32 uint8 (every image of a sequence must match)");

  const std::string types = ScratchDir("sequence_types");
  ASSERT_TRUE(WriteImagePages(types + "/a.png", {Constant(1, {4, 4})}).ok());
  ASSERT_TRUE(WriteImagePages(types + "/b.png", {MakeRamp<uint16_t>({4, 4})}).ok());
  source = OpenImageSequence(types + "/*.png");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().message(), types + "/b.png: 4×4 uint16 differs from " + types +
                                           "/a.png: 4×4 uint8 (every image of a sequence must match)");
}

TEST(ImageSequenceSourceTest, MultiPageFilesAreRejected) {
  const std::string dir = ScratchDir("sequence_pages");
  ASSERT_TRUE(WriteImagePages(dir + "/a.tif", {Constant(1, {4, 4}), Constant(2, {4, 4})}).ok());
  auto source = OpenImageSequence(dir + "/*.tif");
  ASSERT_FALSE(source.ok());
  EXPECT_NE(source.status().message().find(dir + "/a.tif: has several pages"), std::string::npos)
      << source.status().message();
}

TEST(ImageSequenceSourceTest, GlobPatternsAreRecognised) {
  EXPECT_TRUE(IsGlobPattern("frames/*.png"));
  EXPECT_TRUE(IsGlobPattern("f?.png"));
  EXPECT_TRUE(IsGlobPattern("f[0-9].png"));
  EXPECT_FALSE(IsGlobPattern("frames/a.png"));
}

}  // namespace
}  // namespace stackshot
