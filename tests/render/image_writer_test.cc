#include "render/image_writer.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

namespace fs = std::filesystem;

// A fresh, empty scratch folder per test.
std::string Scratch(const std::string& name) {
  const fs::path folder = fs::path(STACKSHOT_TEST_TMP) / "image_writer" / name;
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder.string();
}

RgbaImage Pattern(int width, int height, bool opaque) {
  RgbaImage image;
  image.width = width;
  image.height = height;
  image.pixels.resize(static_cast<size_t>(width) * height * 4);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      uint8_t* px = &image.pixels[(static_cast<size_t>(y) * width + x) * 4];
      px[0] = static_cast<uint8_t>(x * 7 + y * 3);
      px[1] = static_cast<uint8_t>(x * y);
      px[2] = static_cast<uint8_t>(255 - x - y * 11);
      px[3] = opaque ? 255 : static_cast<uint8_t>((x * 29 + y * 13) % 256);
    }
  }
  return image;
}

std::vector<std::string> Entries(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<uint8_t> FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void ExpectRoundTrip(const RgbaImage& image, const std::string& path) {
  ASSERT_TRUE(WriteImageFile(image, path).ok()) << WriteImageFile(image, path).message();
  auto read = ReadImageFile(path);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->width, image.width);
  EXPECT_EQ(read->height, image.height);
  EXPECT_TRUE(read->pixels == image.pixels) << path;
}

TEST(ImageWriterTest, PngRoundTripRgba) {
  const std::string folder = Scratch("png_rgba");
  const RgbaImage image = Pattern(37, 23, false);
  ExpectRoundTrip(image, folder + "/out.png");
  const std::vector<uint8_t> bytes = FileBytes(folder + "/out.png");
  ASSERT_GT(bytes.size(), 33u);
  EXPECT_EQ(bytes[25], 6);  // IHDR colour type: RGBA
  EXPECT_EQ(Entries(folder), std::vector<std::string>{"out.png"});
}

TEST(ImageWriterTest, PngRoundTripRgbWhenOpaque) {
  const std::string folder = Scratch("png_rgb");
  const RgbaImage image = Pattern(64, 9, true);
  ExpectRoundTrip(image, folder + "/out.PNG");
  const std::vector<uint8_t> bytes = FileBytes(folder + "/out.PNG");
  EXPECT_EQ(bytes[24], 8);  // bit depth
  EXPECT_EQ(bytes[25], 2);  // RGB
}

TEST(ImageWriterTest, EncodePngLevelsDecodeAlike) {
  const std::string folder = Scratch("png_levels");
  const RgbaImage image = Pattern(50, 40, false);
  for (int level : {0, 1, 6, 12}) {
    const std::vector<uint8_t> png = EncodePng(image, level);
    const std::string path = folder + "/level" + std::to_string(level) + ".png";
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(png.data()), png.size());
    auto read = ReadImageFile(path);
    ASSERT_TRUE(read.ok()) << read.status().message();
    EXPECT_TRUE(read->pixels == image.pixels) << "level " << level;
  }
  // The same input gives the same bytes.
  EXPECT_EQ(EncodePng(image, 1), EncodePng(image, 1));
}

TEST(ImageWriterTest, OpenImageIoPngRoundTrip) {
  const std::string folder = Scratch("oiio_png");
  for (bool opaque : {true, false}) {
    const RgbaImage image = Pattern(33, 17, opaque);
    for (int level : {1, 6}) {
      const std::string path = folder + "/oiio" + std::to_string(level) + ".png";
      ASSERT_TRUE(WritePngWithOpenImageIO(image, path, level).ok());
      auto read = ReadImageFile(path);
      ASSERT_TRUE(read.ok()) << read.status().message();
      EXPECT_TRUE(read->pixels == image.pixels) << "opaque " << opaque << " level " << level;
    }
  }
}

TEST(ImageWriterTest, TiffRoundTrip) {
  const std::string folder = Scratch("tiff");
  ExpectRoundTrip(Pattern(31, 19, false), folder + "/rgba.tif");
  ExpectRoundTrip(Pattern(31, 19, true), folder + "/rgb.TIFF");
  EXPECT_EQ(Entries(folder), (std::vector<std::string>{"rgb.TIFF", "rgba.tif"}));
}

TEST(ImageWriterTest, ExrRoundTrip) {
  const std::string folder = Scratch("exr");
  // Every byte value survives the half float of byte / 255.
  RgbaImage all = Pattern(256, 4, false);
  for (int x = 0; x < 256; ++x) {
    for (int c = 0; c < 4; ++c) all.pixels[static_cast<size_t>(x) * 4 + c] = static_cast<uint8_t>(x);
  }
  ExpectRoundTrip(all, folder + "/rgba.exr");
  ExpectRoundTrip(Pattern(20, 20, true), folder + "/rgb.exr");
}

TEST(ImageWriterTest, UnknownExtensionFailsBeforeWriting) {
  const std::string folder = Scratch("extension");
  const Status status = WriteImageFile(Pattern(2, 2, true), folder + "/out.jpg");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), folder + "/out.jpg: unknown image extension '.jpg' (known: .png, .tif, .tiff, .exr)");
  EXPECT_EQ(CheckOutputPath(folder + "/out").message(),
            folder + "/out: no image extension (known: .png, .tif, .tiff, .exr)");
  EXPECT_TRUE(CheckOutputPath(folder + "/out.Exr").ok());
  EXPECT_TRUE(Entries(folder).empty());
}

TEST(ImageWriterTest, MissingFolderFailsAndLeavesNothing) {
  const std::string folder = Scratch("missing");
  const std::string path = folder + "/x/out.png";
  const Status status = WriteImageFile(Pattern(2, 2, true), path);
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), path + ": folder '" + folder + "/x' does not exist");
  EXPECT_EQ(CheckOutputPath(path), status);
  EXPECT_TRUE(Entries(folder).empty());
}

TEST(ImageWriterTest, FailedRenameRemovesTheTemporaryFile) {
  const std::string folder = Scratch("rename");
  // The target is a folder, so the rename fails after the file was written.
  fs::create_directory(folder + "/taken.png");
  const Status status = WriteImageFile(Pattern(4, 4, true), folder + "/taken.png");
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(Entries(folder), std::vector<std::string>{"taken.png"});
  EXPECT_TRUE(fs::is_directory(folder + "/taken.png"));
}

TEST(ImageWriterTest, OverwritesAnExistingFile) {
  const std::string folder = Scratch("overwrite");
  ExpectRoundTrip(Pattern(5, 5, true), folder + "/out.png");
  ExpectRoundTrip(Pattern(7, 3, false), folder + "/out.png");
  EXPECT_EQ(Entries(folder), std::vector<std::string>{"out.png"});
}

TEST(ImageWriterTest, ReadMissingFile) {
  const std::string folder = Scratch("read");
  auto read = ReadImageFile(folder + "/none.png");
  EXPECT_EQ(read.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(read.status().message(), folder + "/none.png: no such file");
  std::ofstream(folder + "/bad.png") << "not an image";
  auto bad = ReadImageFile(folder + "/bad.png");
  EXPECT_EQ(bad.status().code(), StatusCode::kIoError);
  EXPECT_EQ(bad.status().message().rfind(folder + "/bad.png: ", 0), 0u) << bad.status().message();
  EXPECT_EQ(bad.status().message().find('\n'), std::string::npos);
}

}  // namespace
}  // namespace stackshot
