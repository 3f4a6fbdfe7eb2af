// The OpenImageIO plugin is loaded on first use; a missing plugin is an error value.
#include "io/oiio_plugin.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "io/image_sequence_source.h"
#include "io/oiio_source.h"
#include "io/oiio_write.h"

namespace stackshot {
namespace {

TEST(OiioPluginTest, LoadsFromTheBuildTree) {
  Result<const OiioPlugin*> plugin = LoadOiioPlugin("to test");
  ASSERT_TRUE(plugin.ok()) << plugin.status().ToString();
  EXPECT_EQ((*plugin)->version, kOiioPluginVersion);
  EXPECT_NE((*plugin)->open_image_file, nullptr);
  EXPECT_NE((*plugin)->read_rgba, nullptr);
}

// The outcome is kept per process, so the failure runs in a fresh one.
TEST(OiioPluginDeathTest, MissingPluginIsAnErrorNotACrash) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        ::setenv("STACKSHOT_OIIO_PLUGIN", "/nonexistent/libstackshot_oiio.so", 1);
        const Status status = OpenImageFile("a.tif").status();
        const std::string expected =
            "cannot load OpenImageIO support (/nonexistent/libstackshot_oiio.so: cannot open shared object file: "
            "No such file or directory): needed to read a.tif";
        const bool sequence_fails = OpenImageSequence("/nonexistent/*.png").status().code() == StatusCode::kNotFound;
        const bool write_fails = !WriteImagePages("a.tif", {Array::Zeros(DType::kUInt8, {2, 2})}).ok();
        std::exit(status.code() == StatusCode::kIoError && status.message() == expected && sequence_fails &&
                          write_fails
                      ? 0
                      : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace stackshot
