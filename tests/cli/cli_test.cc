// End-to-end tests of the stackshot program: every subcommand, and every bad input
// giving one clear line, a non-zero exit and no output file.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <unistd.h>

#include "io/hdf5_source.h"
#include "io/oiio_write.h"
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

TEST_F(CliTest, ThreadsAreBoundedAndCappedQuietly) {
  // Beyond the bound: a wrong command line (exit 2) that names the bound.
  for (const std::string threads : {"1025", "16777216", "2147483646"}) {
    const CommandResult r =
        RunStackshot("render " + Path("cells.json") + " -o " + Path("huge.png") + " --threads " + threads);
    EXPECT_EQ(r.exit_code, 2) << threads << ": " << r.err;
    EXPECT_NE(r.err.find("1024"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(Path("huge.png")));
  }
  // More than the cores: runs as many as there are, without oneTBB's warning.
  const CommandResult r =
      RunStackshot("render " + Path("cells.json") + " -o " + Path("many.png") + " --threads 1024 --size 64x48");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("TBB"), std::string::npos) << r.err;
}

TEST_F(CliTest, NumberBeyondDoubleRangeIsACleanError) {
  const std::string scene = Scene("overflow.json", "\"version\": 1", "\"version\": 1e400");
  const CommandResult r = RunStackshot("render " + scene + " -o " + Path("overflow.png"));
  ExpectCleanError(r, {scene, "1e400", "beyond the range of a double"}, Path("overflow.png"));
}

TEST_F(CliTest, HugeLayerNameCountsDoNotAbort) {
  const std::string scene = Scene("names.json", "\"name\": \"nuclei\"", "\"name\": \"a [99999999999999999999]\"");
  std::string text = ReadText(scene);
  const size_t second = text.find("\"name\": \"membranes\"");
  ASSERT_NE(second, std::string::npos) << text;
  text.replace(second, std::string("\"name\": \"membranes\"").size(), "\"name\": \"a [99999999999999999999]\"");
  WriteText(scene, text);
  const CommandResult r = RunStackshot("validate " + scene);
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(CliTest, TiffAndExrAreByteIdenticalAcrossRuns) {
  // Writers stamp a time unless told otherwise; the runs fall in different seconds.
  for (const std::string ext : {".tif", ".exr"}) {
    const std::string a = Path("same_a" + ext), b = Path("same_b" + ext);
    ASSERT_EQ(RunStackshot("render " + Path("cells.json") + " -o " + a + " --size 64x48").exit_code, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    ASSERT_EQ(RunStackshot("render " + Path("cells.json") + " -o " + b + " --size 64x48").exit_code, 0);
    EXPECT_EQ(ReadText(a), ReadText(b)) << ext;
  }
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

// ---- images and labels (issue 5): sources, RGB, pyramids, labels ----

// A scene of one layer given as JSON text (relative paths are in the test folder).
std::string OneLayerScene(const std::string& name, const std::string& layer) {
  const std::string path = (fs::path(STACKSHOT_TEST_TMP) / ("cli-" + std::to_string(getpid())) / name).string();
  WriteText(path, R"({"version": 1, "canvas": {"size": [64, 48]}, "layers": [)" + layer + "]}\n");
  return path;
}

Array Filled(DType dtype, const Shape& shape) {
  Array a = Array::Zeros(dtype, shape);
  VisitDType(dtype, [&](auto zero) {
    using T = decltype(zero);
    for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<T>()[i] = static_cast<T>(i % 100);
  });
  return a;
}

TEST_F(CliTest, RendersTiffStacksSequencesRgbAndLabels) {
  ASSERT_TRUE(WriteImagePages(Path("stack.tif"), {Filled(DType::kUInt16, {32, 40}), Filled(DType::kUInt16, {32, 40})})
                  .ok());
  fs::create_directories(Path("frames"));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(WriteImagePages(Path("frames/f" + std::to_string(i) + ".png"), {Filled(DType::kUInt8, {32, 40, 3})}).ok());
  }
  ASSERT_TRUE(WriteHdf5Dataset(Path("seg.h5"), "/labels", Filled(DType::kUInt64, {2, 32, 40}), {}, true).ok());
  const std::string scene = OneLayerScene(
      "mixed.json", R"({"type": "image", "source": {"path": "stack.tif"}, "projection_mode": "max"},
                       {"type": "image", "source": {"path": "frames/f*.png"}, "interpolation2d": "cubic"},
                       {"type": "labels", "source": {"path": "seg.h5", "dataset": "/labels"}, "contour": 1})");
  const std::string out = Path("mixed.png");
  const CommandResult r = RunStackshot("render " + scene + " -o " + out + " --set dims.margin_right=[1,0,0]");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto image = ReadImageFile(out);
  ASSERT_TRUE(image.ok()) << image.status().message();
  EXPECT_EQ(image->width, 64);
}

TEST_F(CliTest, InfoDescribesImagesSequencesAndColormaps) {
  ASSERT_TRUE(WriteImagePages(Path("info.tif"), {Filled(DType::kUInt16, {6, 8}), Filled(DType::kUInt16, {6, 8})}).ok());
  CommandResult r = RunStackshot("info " + Path("info.tif"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("info.tif: tiff image, 2 pages"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2x6x8"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("uint16"), std::string::npos) << r.out;

  fs::create_directories(Path("seq"));
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(WriteImagePages(Path("seq/s" + std::to_string(i) + ".png"), {Filled(DType::kUInt8, {5, 7})}).ok());
  }
  r = RunStackshot("info '" + Path("seq") + "/*.png'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("image sequence of 2 files"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2x5x7"), std::string::npos) << r.out;

  r = RunStackshot("info --colormaps");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"viridis", "magma", "gray", "turbo", "I Forest"}) {
    EXPECT_NE(r.out.find(std::string("\n") + name + "\n"), std::string::npos) << name;
  }
  EXPECT_EQ(RunStackshot("info").exit_code, 2);
}

TEST_F(CliTest, PyramidLevelsThatDoNotShrink) {
  ASSERT_TRUE(WriteHdf5Dataset(Path("flat_pyramid.h5"), "/p/s0", Filled(DType::kUInt8, {16, 16}), {}, true).ok());
  ASSERT_TRUE(WriteHdf5Dataset(Path("flat_pyramid.h5"), "/p/s1", Filled(DType::kUInt8, {16, 16}), {}, false).ok());
  const std::string out = Path("e_pyramid.png");
  const std::string group = OneLayerScene(
      "flat_pyramid.json", R"({"type": "image", "source": {"path": "flat_pyramid.h5", "dataset": "/p"}})");
  ExpectCleanError(RunStackshot("render " + group + " -o " + out),
                   {"flat_pyramid.json#/layers/0/source", "level 1 (16×16) does not shrink from level 0"}, out);
  const std::string list = OneLayerScene(
      "flat_list.json", R"({"type": "image", "source": {"multiscale": [
                             {"path": "flat_pyramid.h5", "dataset": "/p/s0"},
                             {"path": "flat_pyramid.h5", "dataset": "/p/s1"}]}})");
  ExpectCleanError(RunStackshot("render " + list + " -o " + out),
                   {"flat_list.json#/layers/0/source/multiscale", "does not shrink"}, out);
}

TEST_F(CliTest, RgbWithFiveChannels) {
  ASSERT_TRUE(WriteImagePages(Path("five.tif"), {Filled(DType::kUInt8, {40, 40, 5})}).ok());
  const std::string scene =
      OneLayerScene("five.json", R"({"type": "image", "source": {"path": "five.tif"}, "rgb": true})");
  const std::string out = Path("e_five.png");
  ExpectCleanError(RunStackshot("render " + scene + " -o " + out),
                   {"five.json#/layers/0/rgb", "five.tif", "rgb needs a last axis of 3 or 4 channels, this data has 5"},
                   out);
}

TEST_F(CliTest, LabelsWithFloatData) {
  ASSERT_TRUE(WriteHdf5Dataset(Path("float_seg.h5"), "/seg", Filled(DType::kFloat32, {8, 8}), {}, true).ok());
  const std::string scene = OneLayerScene(
      "float_labels.json", R"({"type": "labels", "source": {"path": "float_seg.h5", "dataset": "/seg"}})");
  const std::string out = Path("e_float.png");
  ExpectCleanError(RunStackshot("render " + scene + " -o " + out),
                   {"float_labels.json#/layers/0/source", "float_seg.h5:/seg", "labels need integer data"}, out);
}

TEST_F(CliTest, GlobMatchingNothing) {
  const std::string scene =
      OneLayerScene("no_match.json", R"({"type": "image", "source": {"path": "nothing_here/*.png"}})");
  const std::string out = Path("e_glob.png");
  ExpectCleanError(RunStackshot("render " + scene + " -o " + out),
                   {"no_match.json#/layers/0/source", "nothing_here/*.png: no files match"}, out);
}

TEST_F(CliTest, SequenceImagesOfDifferentSizes) {
  fs::create_directories(Path("uneven"));
  ASSERT_TRUE(WriteImagePages(Path("uneven/a.png"), {Filled(DType::kUInt8, {32, 32})}).ok());
  ASSERT_TRUE(WriteImagePages(Path("uneven/b.png"), {Filled(DType::kUInt8, {40, 32})}).ok());
  const std::string scene =
      OneLayerScene("uneven.json", R"({"type": "image", "source": {"path": "uneven/*.png"}})");
  const std::string out = Path("e_uneven.png");
  ExpectCleanError(RunStackshot("render " + scene + " -o " + out),
                   {"uneven.json#/layers/0/source", "uneven/b.png: 40×32 uint8 differs from", "uneven/a.png"}, out);
}

TEST_F(CliTest, TiffPageOfAnotherDtype) {
  ASSERT_TRUE(WriteImagePages(Path("mixed_pages.tif"),
                              {Filled(DType::kUInt16, {8, 8}), Filled(DType::kUInt8, {8, 8})})
                  .ok());
  const std::string scene =
      OneLayerScene("mixed_pages.json", R"({"type": "image", "source": {"path": "mixed_pages.tif"}})");
  const std::string out = Path("e_pages.png");
  ExpectCleanError(RunStackshot("render " + scene + " -o " + out),
                   {"mixed_pages.json#/layers/0/source", "mixed_pages.tif: page 1 is 8×8 uint8, page 0 is 8×8 uint16"},
                   out);
}

}  // namespace
}  // namespace stackshot

namespace stackshot {
namespace {

TEST_F(CliTest, LatencyLogAndCacheSizeFlags) {
  const std::string log = Path("latency.jsonl");
  const CommandResult r = RunStackshot("render " + Path("cells.json") + " -o " + Path("lat.png") +
                                       " --latency-log " + log + " --cache-size 64MiB");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string text = ReadText(log);
  // One line per layer of the one slicing task, with the documented fields.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  EXPECT_NE(text.find("\"layer\":\"membranes\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"layer\":\"nuclei\""), std::string::npos);
  EXPECT_NE(text.find("\"cache_hit\":false"), std::string::npos);
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + Path("c.png") + " --cache-size lots"),
                   {"--cache-size", "lots"}, Path("c.png"));
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + Path("c.png") + " --latency-log /no/such/dir/l"),
                   {"/no/such/dir/l"}, Path("c.png"));
}

TEST_F(CliTest, SlowSliceNamesTheLayersStillLoading) {
  const CommandResult r = RunStackshot("render " + Path("cells.json") + " -o " + Path("slow.png") +
                                       " --set layers.1.source.latency_ms=2600");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("still loading after 2 s: 'membranes', 'nuclei'"), std::string::npos) << r.err;
}

TEST_F(CliTest, SceneSlicingSectionIsUsed) {
  const CommandResult r = RunStackshot("render " + Path("cells.json") + " -o " + Path("per_layer.png") +
                                       " --set slicing.mode=per_layer --set slicing.cache_size=0");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CommandResult batched = RunStackshot("render " + Path("cells.json") + " -o " + Path("batched.png"));
  ASSERT_EQ(batched.exit_code, 0) << batched.err;
  EXPECT_EQ(ReadText(Path("per_layer.png")), ReadText(Path("batched.png")));  // same picture either way
  ExpectCleanError(RunStackshot("render " + Path("cells.json") + " -o " + Path("m.png") + " --set slicing.mode=eager"),
                   {"cells.json#/slicing/mode"}, Path("m.png"));
}

}  // namespace
}  // namespace stackshot
