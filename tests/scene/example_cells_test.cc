#include "scene/example_cells.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "io/hdf5_source.h"

namespace stackshot {
namespace {

// FNV-1a over the bytes: a compact fingerprint to compare volumes.
uint64_t Hash(const Array& array) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < array.nbytes(); ++i) {
    h = (h ^ static_cast<uint64_t>(array.bytes()[i])) * 0x100000001b3ull;
  }
  return h;
}

std::vector<uint16_t> Sorted(const Array& array) {
  std::vector<uint16_t> values(array.data<uint16_t>(), array.data<uint16_t>() + array.size());
  std::sort(values.begin(), values.end());
  return values;
}

uint16_t Quantile(const std::vector<uint16_t>& sorted, double q) {
  return sorted[static_cast<size_t>(q * static_cast<double>(sorted.size() - 1))];
}

std::string ReadText(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string ScratchDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

CellsExampleOptions Small(Shape shape) {
  CellsExampleOptions options;
  options.shape = std::move(shape);
  options.threads = 1;
  return options;
}

TEST(ExampleCellsTest, SameOptionsSameBytesWithAnyThreadCount) {
  CellsExampleOptions options = Small({12, 96, 128});
  const uint64_t nuclei = Hash(GenerateNucleiVolume(options));
  const uint64_t membranes = Hash(GenerateMembraneVolume(options));
  EXPECT_EQ(Hash(GenerateNucleiVolume(options)), nuclei);
  options.threads = 2;
  EXPECT_EQ(Hash(GenerateNucleiVolume(options)), nuclei);
  EXPECT_EQ(Hash(GenerateMembraneVolume(options)), membranes);
  options.threads = 5;
  EXPECT_EQ(Hash(GenerateMembraneVolume(options)), membranes);
  EXPECT_NE(nuclei, membranes);

  options.seed = 2;
  EXPECT_NE(Hash(GenerateNucleiVolume(options)), nuclei);
}

TEST(ExampleCellsTest, BytesArePinned) {
  // Pins the generator across machines and releases: the example's pixels are part
  // of golden images. Update deliberately when the generator changes.
  const CellsExampleOptions options = Small({6, 64, 80});
  EXPECT_EQ(Hash(GenerateNucleiVolume(options)), 15590244676066511760ull);
  EXPECT_EQ(Hash(GenerateMembraneVolume(options)), 10806645238724751594ull);
}

TEST(ExampleCellsTest, ValuesLookLikeFluorescence) {
  CellsExampleOptions options = Small({20, 256, 256});
  options.threads = 2;
  const Array nuclei = GenerateNucleiVolume(options);
  ASSERT_EQ(nuclei.dtype(), DType::kUInt16);
  ASSERT_EQ(nuclei.shape(), (Shape{20, 256, 256}));
  const std::vector<uint16_t> n = Sorted(nuclei);
  // Mostly dim background around 100 with noise; bright nuclei well below 65535.
  EXPECT_GE(Quantile(n, 0.5), 97);
  EXPECT_LE(Quantile(n, 0.5), 103);
  EXPECT_GE(Quantile(n, 0.01), 80);
  EXPECT_GE(Quantile(n, 0.99), 1000);
  EXPECT_GE(n.back(), 2000);
  EXPECT_LE(n.back(), 4500);

  const std::vector<uint16_t> m = Sorted(GenerateMembraneVolume(options));
  EXPECT_GE(Quantile(m, 0.25), 94);
  EXPECT_LE(Quantile(m, 0.25), 104);
  EXPECT_GE(Quantile(m, 0.99), 500);
  EXPECT_LE(m.back(), 4500);
}

TEST(ExampleCellsTest, SmallShapesWork) {
  const CellsExampleOptions options = Small({6, 64, 64});
  const Array nuclei = GenerateNucleiVolume(options);
  EXPECT_EQ(nuclei.shape(), (Shape{6, 64, 64}));
  EXPECT_GE(Sorted(nuclei).back(), 500);  // at least one cell
  EXPECT_EQ(GenerateMembraneVolume(Small({1, 7, 5})).shape(), (Shape{1, 7, 5}));
}

TEST(ExampleCellsTest, WritesDatasetsAndScene) {
  const std::string dir = ScratchDir("example_cells");
  CellsExampleOptions options = Small({6, 64, 64});
  options.chunks = {2, 32, 256};  // the last axis is larger than the volume: shrinks to 64
  options.gzip_level = 3;
  std::vector<std::pair<int64_t, int64_t>> calls;
  Status written = WriteCellsExample(dir, options, [&](int64_t done, int64_t total) {
    calls.emplace_back(done, total);
  });
  ASSERT_TRUE(written.ok()) << written.message();

  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.front(), (std::pair<int64_t, int64_t>{0, 12}));
  EXPECT_EQ(calls.back(), (std::pair<int64_t, int64_t>{12, 12}));
  EXPECT_TRUE(std::is_sorted(calls.begin(), calls.end()));

  const std::string h5 = dir + "/cells.h5";
  Result<std::vector<Hdf5DatasetInfo>> infos = ListHdf5Datasets(h5);
  ASSERT_TRUE(infos.ok()) << infos.status().message();
  ASSERT_EQ(infos->size(), 2u);
  EXPECT_EQ((*infos)[0].path, "/membranes");
  EXPECT_EQ((*infos)[1].path, "/nuclei");
  for (const Hdf5DatasetInfo& info : *infos) {
    EXPECT_EQ(info.shape, (Shape{6, 64, 64}));
    EXPECT_EQ(info.dtype, "uint16");
    EXPECT_EQ(info.chunks, (Shape{2, 32, 64}));
    EXPECT_EQ(info.compression, "gzip(3)");
  }
  for (auto [dataset, expected] : {std::pair{"/nuclei", GenerateNucleiVolume(options)},
                                   std::pair{"/membranes", GenerateMembraneVolume(options)}}) {
    Result<std::shared_ptr<Source>> source = OpenHdf5Dataset(h5, dataset);
    ASSERT_TRUE(source.ok()) << source.status().message();
    Result<Array> read = (*source)->Read(FullBox({6, 64, 64}));
    ASSERT_TRUE(read.ok()) << read.status().message();
    EXPECT_EQ(Hash(*read), Hash(expected)) << dataset;
  }

  EXPECT_EQ(ReadText(dir + "/cells.json"), CellsSceneJson());
  // Only the two files: no temporaries left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 2);
}

TEST(ExampleCellsTest, FailuresLeaveNoFiles) {
  const std::string dir = ScratchDir("example_cells_fail");
  Status missing = WriteCellsExample(dir + "/nope", Small({2, 8, 8}), nullptr);
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), dir + "/nope: no such directory");

  Status bad_shape = WriteCellsExample(dir, Small({8, 8}), nullptr);
  EXPECT_EQ(bad_shape.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_shape.message(), "cells example: shape 8×8 must have 3 axes of positive size");

  CellsExampleOptions bad_gzip = Small({2, 8, 8});
  bad_gzip.gzip_level = 12;
  Status gzip = WriteCellsExample(dir, bad_gzip, nullptr);
  EXPECT_EQ(gzip.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(ExampleCellsTest, SceneIsTheBundledExample) {
  EXPECT_EQ(ReadText(STACKSHOT_SOURCE_DIR "/examples/cells.json"), CellsSceneJson());
  const std::string text = CellsSceneJson();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');

  const nlohmann::json scene = nlohmann::json::parse(text);
  EXPECT_EQ(scene["version"], 1);
  EXPECT_EQ(scene["canvas"]["size"], nlohmann::json::array({1024, 1024}));
  EXPECT_EQ(scene["dims"]["point"], nlohmann::json::array({30, 0, 0}));
  ASSERT_EQ(scene["layers"].size(), 2u);
  EXPECT_EQ(scene["layers"][0]["name"], "membranes");
  EXPECT_EQ(scene["layers"][0]["source"]["dataset"], "/membranes");
  EXPECT_EQ(scene["layers"][0]["blending"], "translucent");
  EXPECT_EQ(scene["layers"][1]["name"], "nuclei");
  EXPECT_EQ(scene["layers"][1]["colormap"], "magma");
  EXPECT_EQ(scene["layers"][1]["blending"], "additive");
  // Pretty-printed with 2 spaces, like json.dump(indent=2) for the nesting.
  EXPECT_NE(text.find("\n  \"layers\": [\n    {\n      \"type\""), std::string::npos);
}

}  // namespace
}  // namespace stackshot
