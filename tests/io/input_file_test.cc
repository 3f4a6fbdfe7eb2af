#include "io/input_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace stackshot {
namespace {

namespace fs = std::filesystem;

fs::path TestDir() {
  const fs::path dir = fs::path(STACKSHOT_TEST_TMP) / ("input_file-" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir;
}

TEST(CheckInputFileTest, RegularFilePasses) {
  const fs::path file = TestDir() / "scene.json";
  std::ofstream(file) << "{}";
  EXPECT_TRUE(CheckInputFile(file.string(), "a scene file").ok());
}

TEST(CheckInputFileTest, MissingIsNotFound) {
  const std::string path = (TestDir() / "nope.h5").string();
  const Status status = CheckInputFile(path, "an hdf5 file");
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), path + ": no such file");
}

TEST(CheckInputFileTest, FolderFifoAndDeviceAreRefusedBeforeReading) {
  const fs::path dir = TestDir();
  EXPECT_EQ(CheckInputFile(dir.string(), "a points csv").message(), dir.string() + ": is a folder, not a points csv");
  // A FIFO with no writer would block an open() for ever; the check never opens it.
  const fs::path fifo = dir / "spots.csv";
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(CheckInputFile(fifo.string(), "a points csv").message(),
            fifo.string() + ": is a FIFO, not a points csv (only regular files are read)");
  EXPECT_EQ(CheckInputFile("/dev/zero", "an image file").message(),
            "/dev/zero: is a device, not an image file (only regular files are read)");
  EXPECT_EQ(CheckInputFile("/dev/null", "a JSON file").code(), StatusCode::kInvalidArgument);
}

TEST(CheckInputFileTest, SymlinkLoopSaysSo) {
  const fs::path dir = TestDir();
  fs::remove(dir / "a");
  fs::remove(dir / "b");
  fs::create_symlink(dir / "b", dir / "a");
  fs::create_symlink(dir / "a", dir / "b");
  const Status status = CheckInputFile((dir / "a").string(), "a scene file");
  EXPECT_EQ(status.message(), (dir / "a").string() + ": cannot open: Too many levels of symbolic links");
}

TEST(CheckInputFileTest, UnreadableFileSaysPermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  const fs::path file = TestDir() / "locked.h5";
  std::ofstream(file) << "x";
  fs::permissions(file, fs::perms::none);
  EXPECT_EQ(CheckInputFile(file.string(), "an hdf5 file").message(), file.string() + ": cannot open: Permission denied");
}

}  // namespace
}  // namespace stackshot
