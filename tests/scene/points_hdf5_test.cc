// Points read from an HDF5 dataset through BuildViewer draw exactly like the same
// points given inline, in and out of slice, whatever the dataset's dtype.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "io/hdf5_source.h"
#include "scene/build_viewer.h"
#include "scene/scene_spec.h"

namespace stackshot {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// 3D points on a grid, z in 0–4; integers so every dtype holds them exactly.
constexpr int kPoints = 30;
double Coordinate(int point, int axis) {
  if (axis == 0) return point % 5;
  if (axis == 1) return 4 + (point * 7) % 40;
  return 3 + (point * 11) % 44;
}

json InlinePoints() {
  json data = json::array();
  for (int i = 0; i < kPoints; ++i) data.push_back({Coordinate(i, 0), Coordinate(i, 1), Coordinate(i, 2)});
  return data;
}

template <typename T>
std::string WritePoints(const std::string& name, DType dtype) {
  const fs::path dir = fs::path(STACKSHOT_TEST_TMP) / "points_hdf5";
  fs::create_directories(dir);
  Array array = Array::Zeros(dtype, {kPoints, 3});
  for (int i = 0; i < kPoints; ++i) {
    for (int axis = 0; axis < 3; ++axis) array.mutable_data<T>()[i * 3 + axis] = static_cast<T>(Coordinate(i, axis));
  }
  const std::string path = (dir / (name + ".h5")).string();
  EXPECT_TRUE(WriteHdf5Dataset(path, "/points/xyz", array, {}, true).ok());
  return path;
}

json Scene(const json& points_layer) {
  return {{"version", 1},
          {"canvas", {{"size", {64, 56}}, {"background", "black"}}},
          {"camera", {{"center", {24, 25}}, {"zoom", 1.2}}},
          {"dims", {{"point", {2, 0, 0}}}},
          {"layers", {points_layer}}};
}

json Layer(bool out_of_slice) {
  return {{"type", "points"},      {"name", "cells"},       {"size", 3},
          {"face_color", "orange"}, {"border_color", "white"}, {"out_of_slice_display", out_of_slice}};
}

Result<RgbaImage> Render(const json& document, int threads) {
  ASSIGN_OR_RETURN(SceneSpec spec, ParseScene(document, "scene.json", STACKSHOT_TEST_TMP));
  MainLoop loop;
  ASSIGN_OR_RETURN(BuiltScene built, BuildViewer(spec, loop));
  RETURN_IF_ERROR(built.viewer->Refresh());
  built.screenshot.threads = threads;
  return built.viewer->Screenshot(built.screenshot);
}

int LitPixels(const RgbaImage& image) {
  int lit = 0;
  for (size_t i = 0; i < image.pixels.size(); i += 4) lit += image.pixels[i] != 0 || image.pixels[i + 1] != 0;
  return lit;
}

template <typename T>
void ExpectSameAsInline(DType dtype, const std::string& name) {
  const std::string path = WritePoints<T>(name, dtype);
  for (bool out_of_slice : {false, true}) {
    json from_file = Layer(out_of_slice);
    from_file["source"] = {{"path", path}, {"dataset", "/points/xyz"}};
    json inline_layer = Layer(out_of_slice);
    inline_layer["data"] = InlinePoints();
    for (int threads : {1, 2}) {
      auto file_image = Render(Scene(from_file), threads);
      auto inline_image = Render(Scene(inline_layer), threads);
      ASSERT_TRUE(file_image.ok()) << file_image.status().message();
      ASSERT_TRUE(inline_image.ok()) << inline_image.status().message();
      EXPECT_EQ(file_image->pixels, inline_image->pixels) << name << ", out of slice " << out_of_slice;
      EXPECT_GT(LitPixels(*file_image), 0) << name;
    }
  }
}

TEST(PointsHdf5Test, Float64DatasetDrawsLikeInlineData) { ExpectSameAsInline<double>(DType::kFloat64, "f64"); }
TEST(PointsHdf5Test, Float32DatasetDrawsLikeInlineData) { ExpectSameAsInline<float>(DType::kFloat32, "f32"); }
TEST(PointsHdf5Test, Int32DatasetDrawsLikeInlineData) { ExpectSameAsInline<int32_t>(DType::kInt32, "i32"); }

TEST(PointsHdf5Test, OutOfSliceShowsMorePoints) {
  const std::string path = WritePoints<double>("oos", DType::kFloat64);
  json in_slice = Layer(false);
  in_slice["source"] = {{"path", path}, {"dataset", "/points/xyz"}};
  json out_of_slice = Layer(true);
  out_of_slice["source"] = in_slice["source"];
  auto only_in = Render(Scene(in_slice), 1);
  auto with_out = Render(Scene(out_of_slice), 1);
  ASSERT_TRUE(only_in.ok() && with_out.ok());
  EXPECT_GT(LitPixels(*with_out), LitPixels(*only_in));
}

TEST(PointsHdf5Test, WrongShapeNamesTheDataset) {
  const fs::path dir = fs::path(STACKSHOT_TEST_TMP) / "points_hdf5";
  fs::create_directories(dir);
  const std::string path = (dir / "flat.h5").string();
  ASSERT_TRUE(WriteHdf5Dataset(path, "/flat", Array::Zeros(DType::kFloat64, {12}), {}, true).ok());
  json layer = Layer(false);
  layer["source"] = {{"path", path}, {"dataset", "/flat"}};
  auto image = Render(Scene(layer), 1);
  ASSERT_FALSE(image.ok());
  EXPECT_NE(image.status().message().find("/flat"), std::string::npos) << image.status().message();
  EXPECT_NE(image.status().message().find("N×D"), std::string::npos) << image.status().message();
  EXPECT_NE(image.status().message().find("scene.json#/layers/0/source"), std::string::npos)
      << image.status().message();
}

TEST(PointsHdf5Test, MissingDatasetListsThoseThatExist) {
  const std::string path = WritePoints<double>("missing", DType::kFloat64);
  json layer = Layer(false);
  layer["source"] = {{"path", path}, {"dataset", "/points/nope"}};
  auto image = Render(Scene(layer), 1);
  ASSERT_FALSE(image.ok());
  EXPECT_NE(image.status().message().find("/points/xyz"), std::string::npos) << image.status().message();
}

}  // namespace
}  // namespace stackshot
