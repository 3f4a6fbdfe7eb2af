// End-to-end tests of the stackshot program: every subcommand, and every bad input
// giving one clear line, a non-zero exit and no output file.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "render/image_writer.h"
#include "run_command.h"

namespace stackshot {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::ReadText;
using testing::RunStackshot;
using testing::WriteText;

class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: ctest runs the tests of this file in parallel.
    dir_ = fs::path(STACKSHOT_TEST_TMP) / ("cli-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const CommandResult made = RunStackshot("example cells -o " + dir_.string() + " --shape 6,48,64 --chunks 1,24,32");
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }

  static std::string Path(const std::string& name) { return (dir_ / name).string(); }

  // A scene in the test folder: the example's scene with `replace` applied.
  static std::string Scene(const std::string& name, const std::string& from = "", const std::string& to = "") {
    std::string text = ReadText(Path("cells.json"));
    if (!from.empty()) {
      const size_t at = text.find(from);
      EXPECT_NE(at, std::string::npos) << from;
      if (at != std::string::npos) text.replace(at, from.size(), to);
    }
    WriteText(Path(name), text);
    return Path(name);
  }

  // The error contract: exit 1, one line "stackshot: error: …" naming `mentions`,
  // and neither the output nor any temporary file beside it.
  static void ExpectCleanError(const CommandResult& r, const std::vector<std::string>& mentions,
                               const std::string& output = "") {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err.rfind("stackshot: error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    for (const auto& m : mentions) EXPECT_NE(r.err.find(m), std::string::npos) << "missing '" << m << "' in " << r.err;
    if (!output.empty()) {
      EXPECT_FALSE(fs::exists(output)) << output;
      const fs::path folder = fs::path(output).parent_path();
      if (fs::is_directory(folder)) {
        for (const auto& entry : fs::directory_iterator(folder)) {
          EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
        }
      }
    }
  }

  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static inline fs::path dir_;
};

TEST_F(CliTest, RendersPngTiffAndExr) {
  for (const std::string ext : {".png", ".tif", ".exr"}) {
    const std::string out = Path("shot" + ext);
    const CommandResult r = RunStackshot("render " + Path("cells.json") + " -o " + out + " --size 96x64");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto image = ReadImageFile(out);
    ASSERT_TRUE(image.ok()) << image.status().message();
    EXPECT_EQ(image->width, 96);
    EXPECT_EQ(image->height, 64);
  }
}

TEST_F(CliTest, RenderIsIdenticalWithOneAndTwoThreads) {
  const std::string a = Path("t1.png"), b = Path("t2.png");
  ASSERT_EQ(RunStackshot("render " + Path("cells.json") + " -o " + a + " --threads 1 --size 120x80").exit_code, 0);
  ASSERT_EQ(RunStackshot("render " + Path("cells.json") + " -o " + b + " --threads 2 --size 120x80").exit_code, 0);
  EXPECT_EQ(ReadText(a), ReadText(b));
}

TEST_F(CliTest, SetOverridesSceneFields) {
  const std::string a = Path("z0.png"), b = Path("z5.png"), c = Path("z5b.png");
  ASSERT_EQ(RunStackshot("render " + Path("cells.json") + " -o " + a + " --set dims.point=[0,0,0]").exit_code, 0);
  ASSERT_EQ(RunStackshot("render " + Path("cells.json") + " -o " + b + " --set 'dims.point=[5,0,0]'").exit_code, 0);
  EXPECT_NE(ReadText(a), ReadText(b));
  // Several --set, and a plain-string value.
  const CommandResult r = RunStackshot("render " + Path("cells.json") + " -o " + c +
                                       " --set dims.point=[5,0,0] --set canvas.background=white --set canvas.size=[40,30]");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto image = ReadImageFile(c);
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image->width, 40);
  EXPECT_EQ(image->pixels[0], 255);  // white background at the corner, outside the data
}

TEST_F(CliTest, VerboseReportsStages) {
  const CommandResult r = RunStackshot("render " + Path("cells.json") + " -o " + Path("v.png") + " -v");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("slice"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rasterize"), std::string::npos);
  EXPECT_NE(r.err.find("encode"), std::string::npos);
  EXPECT_NE(r.err.find("wrote"), std::string::npos);
}

TEST_F(CliTest, ValidateInfoVersionHelp) {
  const CommandResult v = RunStackshot("validate " + Path("cells.json"));
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find(": ok: 2 layers"), std::string::npos) << v.out;

  const CommandResult info = RunStackshot("info " + Path("cells.h5"));
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("/nuclei"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("6x48x64"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("uint16"), std::string::npos);
  EXPECT_NE(info.out.find("1x24x32"), std::string::npos);
  EXPECT_NE(info.out.find("gzip"), std::string::npos);

  const CommandResult version = RunStackshot("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("stackshot ", 0), 0u) << version.out;

  for (const std::string sub : {"", "render ", "validate ", "info ", "example "}) {
    const CommandResult help = RunStackshot(sub + "--help");
    EXPECT_EQ(help.exit_code, 0) << sub;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << sub << help.out;
  }
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunStackshot("").exit_code, 2);
  EXPECT_EQ(RunStackshot("render").exit_code, 2);
  EXPECT_EQ(RunStackshot("frobnicate").exit_code, 2);
}

TEST_F(CliTest, MissingSceneFile) {
  const std::string out = Path("e1.png");
  ExpectCleanError(RunStackshot("render " + Path("nope.json") + " -o " + out), {"nope.json"}, out);
}

TEST_F(CliTest, MissingDataFile) {
  const std::string out = Path("e2.png");
  const std::string scene = Scene("missing_data.json", "\"cells.h5\"", "\"gone.h5\"");
  ExpectCleanError(RunStackshot("render " + scene + " -o " + out), {"missing_data.json#/layers/0/source", "gone.h5"}, out);
}

TEST_F(CliTest, MalformedJsonNamesLineAndColumn) {
  WriteText(Path("malformed.json"), "{\n  \"version\": 1,\n  \"layers\": [\n    {\"type\": \"image\",, }\n  ]\n}\n");
  const std::string out = Path("e3.png");
  ExpectCleanError(RunStackshot("render " + Path("malformed.json") + " -o " + out), {"malformed.json:4:"}, out);
}

TEST_F(CliTest, UnknownKeySuggestsNearest) {
  const std::string scene = Scene("unknown_key.json", "\"colormap\"", "\"colourmap\"");
  const std::string out = Path("e4.png");
  ExpectCleanError(RunStackshot("render " + scene + " -o " + out),
                   {"unknown_key.json#/layers/0/colourmap", "colormap"}, out);
}

TEST_F(CliTest, WrongType) {
  const std::string out = Path("e5.png");
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out + " --set canvas.size=big"),
                   {"cells.json#/canvas/size"}, out);
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out + " --set layers.0.opacity='\"half\"'"),
                   {"cells.json#/layers/0/opacity"}, out);
}

TEST_F(CliTest, DatasetNotFoundListsExisting) {
  const std::string scene = Scene("no_dataset.json", "\"/nuclei\"", "\"/nucleus\"");
  const std::string out = Path("e6.png");
  ExpectCleanError(RunStackshot("render " + scene + " -o " + out),
                   {"no_dataset.json#/layers/", "/nucleus", "/membranes", "/nuclei"}, out);
}

TEST_F(CliTest, DatasetWithFewerDimsThanTheScene) {
  const std::string out = Path("e7.png");
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out + " --set 'dims.point=[1,2,3,4]'"),
                   {"cells.json#/dims/point", "4 values", "3 dims"}, out);
}

TEST_F(CliTest, ContrastLimitsOutOfOrder) {
  const std::string out = Path("e8.png");
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out +
                                " --set 'layers.0.contrast_limits=[500,500]'"),
                   {"cells.json#/layers/0/contrast_limits"}, out);
}

TEST_F(CliTest, UnknownColormapSuggestsNearest) {
  const std::string out = Path("e9.png");
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out + " --set layers.1.colormap=magam"),
                   {"cells.json#/layers/1/colormap", "magma"}, out);
}

TEST_F(CliTest, CanvasSizeLimits) {
  const std::string out = Path("e10.png");
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out + " --set 'canvas.size=[0,10]'"),
                   {"cells.json#/canvas/size"}, out);
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out + " --size 20000x10"), {"16384"}, out);
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out + " --size 0x10"), {"16384"}, out);
}

TEST_F(CliTest, OutputFolderMissingOrNotWritable) {
  const std::string missing = Path("no/such/folder/out.png");
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + missing), {"no/such/folder"}, missing);
  // /proc refuses new files even to root.
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o /proc/stackshot-test.png"),
                   {"/proc/stackshot-test.png"});
  EXPECT_FALSE(fs::exists("/proc/stackshot-test.png"));
}

TEST_F(CliTest, UnknownOutputExtension) {
  const std::string out = Path("e12.jpg");
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out), {"e12.jpg", ".png"}, out);
}

TEST_F(CliTest, NotHdf5AndTruncatedHdf5) {
  WriteText(Path("text.h5"), "this is not an HDF5 file\n");
  const std::string out = Path("e13.png");
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out + " --set layers.0.source.path=text.h5"),
                   {"text.h5"}, out);
  fs::copy_file(Path("cells.h5"), Path("truncated.h5"), fs::copy_options::overwrite_existing);
  fs::resize_file(Path("truncated.h5"), fs::file_size(Path("cells.h5")) / 2);
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + out +
                                " --set layers.0.source.path=truncated.h5 --set layers.1.source.path=truncated.h5"),
                   {"truncated.h5"}, out);
  ExpectCleanError(RunStackshot("info " + Path("truncated.h5")), {"truncated.h5"});
}

TEST_F(CliTest, ValidateReportsTheSameErrors) {
  ExpectCleanError(RunStackshot("validate " + Path("cells.json") + " --set layers.1.colormap=magam"),
                   {"cells.json#/layers/1/colormap"});
}

TEST_F(CliTest, ExampleIsDeterministic) {
  const std::string a = Path("ex_a"), b = Path("ex_b");
  ASSERT_EQ(RunStackshot("example cells -o " + a + " --shape 4,32,32 --threads 1").exit_code, 0);
  ASSERT_EQ(RunStackshot("example cells -o " + b + " --shape 4,32,32 --threads 2").exit_code, 0);
  const std::string shot_a = Path("ex_a.png"), shot_b = Path("ex_b.png");
  ASSERT_EQ(RunStackshot("render " + a + "/cells.json -o " + shot_a).exit_code, 0);
  ASSERT_EQ(RunStackshot("render " + b + "/cells.json -o " + shot_b).exit_code, 0);
  EXPECT_EQ(ReadText(shot_a), ReadText(shot_b));
  EXPECT_EQ(ReadText(a + "/cells.json"), ReadText(std::string(STACKSHOT_SOURCE_DIR) + "/examples/cells.json"));
}

}  // namespace
}  // namespace stackshot
