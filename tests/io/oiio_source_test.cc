#include "io/oiio_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io/oiio_write.h"
#include "ramp_arrays.h"

namespace stackshot {
namespace {

using testing::ExpectArraysEqual;
using testing::MakeRamp;
using testing::NaiveBox;
using testing::ScratchDir;

// Every integer and float width a TIFF holds comes back as it was written.
TEST(OiioSourceTest, TiffKeepsEveryDtype) {
  const std::string dir = ScratchDir("oiio_dtypes");
  for (DType dtype : {DType::kUInt8, DType::kInt8, DType::kUInt16, DType::kInt16, DType::kUInt32, DType::kInt32,
                      DType::kFloat32, DType::kFloat64}) {
    const std::string path = dir + "/" + DTypeName(dtype) + ".tif";
    const Array array = MakeRamp(dtype, {5, 7});
    ASSERT_TRUE(WriteImagePages(path, {array}).ok()) << DTypeName(dtype);
    auto source = OpenImageFile(path);
    ASSERT_TRUE(source.ok()) << source.status().message();
    EXPECT_EQ((*source)->shape(), (Shape{5, 7}));
    EXPECT_EQ((*source)->dtype(), dtype);
    auto read = (*source)->Read(FullBox({5, 7}));
    ASSERT_TRUE(read.ok()) << read.status().message();
    ExpectArraysEqual(*read, array);
  }
}

TEST(OiioSourceTest, ChannelsAreTheLastAxis) {
  const std::string dir = ScratchDir("oiio_channels");
  const Array rgb = MakeRamp<uint8_t>({6, 9, 3});
  ASSERT_TRUE(WriteImagePages(dir + "/rgb.png", {rgb}).ok());
  auto source = OpenImageFile(dir + "/rgb.png");
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ((*source)->shape(), (Shape{6, 9, 3}));
  const Box box{{1, 2, 1}, {3, 4, 2}};
  auto read = (*source)->Read(box);
  ASSERT_TRUE(read.ok()) << read.status().message();
  ExpectArraysEqual(*read, NaiveBox(rgb, box));
  EXPECT_EQ((*source)->bytes_read(), 3u * 4u * 2u);
}

TEST(OiioSourceTest, AlphaDoesNotPremultiplyTheColours) {
  const std::string dir = ScratchDir("oiio_alpha");
  Array rgba = Array::Zeros(DType::kUInt8, {2, 2, 4});
  for (int i = 0; i < 4; ++i) {
    uint8_t* px = rgba.mutable_data<uint8_t>() + i * 4;
    px[0] = 200;
    px[1] = 100;
    px[2] = 50;
    px[3] = static_cast<uint8_t>(64 * i);
  }
  for (const char* name : {"/rgba.png", "/rgba.tif"}) {
    ASSERT_TRUE(WriteImagePages(dir + name, {rgba}).ok()) << name;
    auto source = OpenImageFile(dir + name);
    ASSERT_TRUE(source.ok()) << source.status().message();
    auto read = (*source)->Read(FullBox({2, 2, 4}));
    ASSERT_TRUE(read.ok());
    ExpectArraysEqual(*read, rgba);
  }
}

TEST(OiioSourceTest, SixteenBitPngAndHalfExr) {
  const std::string dir = ScratchDir("oiio_formats");
  const Array deep = MakeRamp<uint16_t>({4, 5});
  ASSERT_TRUE(WriteImagePages(dir + "/deep.png", {deep}).ok());
  auto png = OpenImageFile(dir + "/deep.png");
  ASSERT_TRUE(png.ok()) << png.status().message();
  EXPECT_EQ((*png)->dtype(), DType::kUInt16);
  ExpectArraysEqual(*(*png)->Read(FullBox({4, 5})), deep);

  // Small integers are exact in half floats; they come back as float32.
  Array values = Array::Zeros(DType::kFloat32, {3, 4});
  for (int i = 0; i < 12; ++i) values.mutable_data<float>()[i] = static_cast<float>(i) - 4.0f;
  ASSERT_TRUE(WriteImagePages(dir + "/plain.exr", {values}).ok());
  auto exr = OpenImageFile(dir + "/plain.exr");
  ASSERT_TRUE(exr.ok()) << exr.status().message();
  EXPECT_EQ((*exr)->dtype(), DType::kFloat32);
  ExpectArraysEqual(*(*exr)->Read(FullBox({3, 4})), values);
}

TEST(OiioSourceTest, JpegIsEightBitRgb) {
  const std::string dir = ScratchDir("oiio_jpeg");
  Array flat = Array::Zeros(DType::kUInt8, {16, 16, 3});
  for (int64_t i = 0; i < flat.size(); ++i) flat.mutable_data<uint8_t>()[i] = 128;
  ASSERT_TRUE(WriteImagePages(dir + "/flat.jpg", {flat}).ok());
  auto source = OpenImageFile(dir + "/flat.jpg");
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ((*source)->shape(), (Shape{16, 16, 3}));
  EXPECT_EQ((*source)->dtype(), DType::kUInt8);
  auto read = (*source)->Read(FullBox({16, 16, 3}));
  ASSERT_TRUE(read.ok());
  // A flat image survives JPEG's DCT within a step or two.
  for (int64_t i = 0; i < read->size(); ++i) EXPECT_NEAR(read->data<uint8_t>()[i], 128, 2);
}

TEST(OiioSourceTest, MultiPageTiffIsAStackWithPagesFirst) {
  const std::string dir = ScratchDir("oiio_stack");
  const Array stack = MakeRamp<uint16_t>({4, 6, 8});
  // Each page as its own 6×8 array.
  std::vector<Array> flat;
  for (int p = 0; p < 4; ++p) {
    Array page = Array::Zeros(DType::kUInt16, {6, 8});
    std::copy(stack.data<uint16_t>() + p * 48, stack.data<uint16_t>() + (p + 1) * 48, page.mutable_data<uint16_t>());
    flat.push_back(page);
  }
  ASSERT_TRUE(WriteImagePages(dir + "/stack.tif", flat).ok());
  auto source = OpenImageFile(dir + "/stack.tif");
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ((*source)->shape(), (Shape{4, 6, 8}));
  const Box box{{1, 2, 3}, {2, 3, 4}};
  auto read = (*source)->Read(box);
  ASSERT_TRUE(read.ok()) << read.status().message();
  ExpectArraysEqual(*read, NaiveBox(stack, box));
  EXPECT_EQ((*source)->bytes_read(), 2u * 3u * 4u * 2u);

  auto info = DescribeImageFile(dir + "/stack.tif");
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->format, "tiff");
  EXPECT_EQ(info->pages, 4);
  EXPECT_EQ(info->shape, (Shape{4, 6, 8}));
  EXPECT_EQ(info->dtype, "uint16");
}

TEST(OiioSourceTest, PageOfAnotherDtypeOrSizeIsAnError) {
  const std::string dir = ScratchDir("oiio_bad_pages");
  const std::string mixed = dir + "/mixed.tif";
  ASSERT_TRUE(WriteImagePages(mixed, {MakeRamp<uint16_t>({6, 8}), MakeRamp<uint16_t>({6, 8}),
                                      MakeRamp<uint8_t>({6, 8})})
                  .ok());
  auto source = OpenImageFile(mixed);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().message(),
            mixed + ": page 2 is 6×8 uint8, page 0 is 6×8 uint16 (every page of a stack must match)");

  const std::string sizes = dir + "/sizes.tif";
  ASSERT_TRUE(WriteImagePages(sizes, {MakeRamp<uint8_t>({6, 8}), MakeRamp<uint8_t>({6, 9})}).ok());
  source = OpenImageFile(sizes);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().message(),
            sizes + ": page 1 is 6×9 uint8, page 0 is 6×8 uint8 (every page of a stack must match)");
}

TEST(OiioSourceTest, MissingOrForeignFilesAreClearErrors) {
  const std::string dir = ScratchDir("oiio_missing");
  auto missing = OpenImageFile(dir + "/nope.png");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), dir + "/nope.png: no such file");

  std::ofstream(dir + "/text.png") << "not a png\n";
  auto foreign = OpenImageFile(dir + "/text.png");
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().message().rfind(dir + "/text.png: not an image OpenImageIO can read (", 0), 0u)
      << foreign.status().message();
  EXPECT_EQ(foreign.status().message().find('\n'), std::string::npos);
}

TEST(OiioSourceTest, ACancelledReadStops) {
  const std::string dir = ScratchDir("oiio_cancel");
  ASSERT_TRUE(WriteImagePages(dir + "/a.tif", {MakeRamp<uint8_t>({4, 4}), MakeRamp<uint8_t>({4, 4})}).ok());
  auto source = OpenImageFile(dir + "/a.tif");
  ASSERT_TRUE(source.ok());
  CancelToken token;
  token.Cancel();
  auto read = (*source)->Read(FullBox({2, 4, 4}), token);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kCancelled);
}

}  // namespace
}  // namespace stackshot
