// BuildViewer hands the command line's --threads to every layer that slices with
// threads: images (projections, chunk decoding), labels (chunk decoding) and points.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "io/hdf5_source.h"
#include "layers/image/image_layer.h"
#include "layers/labels/labels_layer.h"
#include "layers/points/points_layer.h"
#include "scene/build_viewer.h"
#include "scene/scene_spec.h"

namespace stackshot {
namespace {

namespace fs = std::filesystem;

TEST(BuildViewerTest, LayersSliceWithTheGivenThreads) {
  const fs::path dir = fs::path(STACKSHOT_TEST_TMP) / "build_viewer_threads";
  fs::create_directories(dir);
  const std::string path = (dir / "volume.h5").string();
  ASSERT_TRUE(WriteHdf5Dataset(path, "/image", Array::Zeros(DType::kUInt16, {2, 8, 8}), {}, true).ok());
  ASSERT_TRUE(WriteHdf5Dataset(path, "/labels", Array::Zeros(DType::kUInt32, {2, 8, 8}), {}, false).ok());
  const nlohmann::json document = {
      {"version", 1},
      {"layers",
       {{{"type", "image"}, {"source", {{"path", path}, {"dataset", "/image"}}}, {"contrast_limits", {0, 1}}},
        {{"type", "labels"}, {"source", {{"path", path}, {"dataset", "/labels"}}}},
        {{"type", "points"}, {"data", {{0, 1, 2}}}}}}};
  auto spec = ParseScene(document, "scene.json", dir.string());
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  for (int threads : {1, 2}) {
    MainLoop loop;
    BuildFlags flags;
    flags.threads = threads;
    auto built = BuildViewer(*spec, loop, flags);
    ASSERT_TRUE(built.ok()) << built.status().message();
    const auto& layers = built->viewer->layers();
    ASSERT_EQ(layers.size(), 3u);
    EXPECT_EQ(dynamic_cast<const ImageLayer&>(*layers[0]).slice_threads(), threads);
    EXPECT_EQ(dynamic_cast<const LabelsLayer&>(*layers[1]).slice_threads(), threads);
    EXPECT_EQ(dynamic_cast<const PointsLayer&>(*layers[2]).slice_threads(), threads);
  }
}

}  // namespace
}  // namespace stackshot
