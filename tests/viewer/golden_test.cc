// Golden images: every tests/golden/<case>/scene.json renders exactly to the
// expected.png beside it, with 1 and with 2 threads.
//
// To accept new output after an intended change:
//   STACKSHOT_UPDATE_GOLDEN=1 build/release/tests/viewer/viewer_golden_tests
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "render/image_writer.h"
#include "scene/build_viewer.h"
#include "scene/scene_spec.h"

namespace stackshot {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> GoldenCases() {
  std::vector<std::string> cases;
  const fs::path root = fs::path(STACKSHOT_SOURCE_DIR) / "tests" / "golden";
  for (const auto& entry : fs::directory_iterator(root)) {
    if (fs::exists(entry.path() / "scene.json")) cases.push_back(entry.path().filename().string());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

Result<RgbaImage> RenderScene(const std::string& scene_path, int threads) {
  ASSIGN_OR_RETURN(SceneSpec spec, LoadScene(scene_path, {}));
  MainLoop loop;
  ASSIGN_OR_RETURN(BuiltScene built, BuildViewer(spec, loop));
  RETURN_IF_ERROR(built.viewer->Refresh());
  built.screenshot.threads = threads;
  return built.viewer->Screenshot(built.screenshot);
}

// "" when equal, else where and how they differ.
std::string Difference(const RgbaImage& expected, const RgbaImage& actual) {
  if (expected.width != actual.width || expected.height != actual.height) {
    return "size " + std::to_string(actual.width) + "×" + std::to_string(actual.height) + ", expected " +
           std::to_string(expected.width) + "×" + std::to_string(expected.height);
  }
  int differing = 0;
  std::string first;
  for (int y = 0; y < actual.height; ++y) {
    for (int x = 0; x < actual.width; ++x) {
      const size_t i = (static_cast<size_t>(y) * actual.width + x) * 4;
      if (std::equal(&expected.pixels[i], &expected.pixels[i] + 4, &actual.pixels[i])) continue;
      if (differing++ == 0) {
        auto rgba = [](const uint8_t* p) {
          return "(" + std::to_string(p[0]) + "," + std::to_string(p[1]) + "," + std::to_string(p[2]) + "," +
                 std::to_string(p[3]) + ")";
        };
        first = "pixel (" + std::to_string(x) + ", " + std::to_string(y) + ") is " + rgba(&actual.pixels[i]) +
                ", expected " + rgba(&expected.pixels[i]);
      }
    }
  }
  return differing == 0 ? "" : first + "; " + std::to_string(differing) + " pixels differ";
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, RendersExactlyWithOneAndTwoThreads) {
  const fs::path dir = fs::path(STACKSHOT_SOURCE_DIR) / "tests" / "golden" / GetParam();
  const std::string scene = (dir / "scene.json").string();
  const std::string expected_path = (dir / "expected.png").string();
  const char* update = std::getenv("STACKSHOT_UPDATE_GOLDEN");
  for (int threads : {1, 2}) {
    auto actual = RenderScene(scene, threads);
    ASSERT_TRUE(actual.ok()) << actual.status().message();
    if (update && std::string(update) == "1" && threads == 1) {
      ASSERT_TRUE(WriteImageFile(*actual, expected_path).ok());
    }
    auto expected = ReadImageFile(expected_path);
    ASSERT_TRUE(expected.ok()) << expected.status().message();
    const std::string diff = Difference(*expected, *actual);
    EXPECT_EQ(diff, "") << "threads " << threads << "; reproduce with: stackshot render " << scene
                        << " -o /tmp/" << GetParam() << ".png --threads " << threads;
  }
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(GoldenCases()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) { return param_info.param; });

}  // namespace
}  // namespace stackshot
