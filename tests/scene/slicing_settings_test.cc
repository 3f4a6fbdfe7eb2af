#include "scene/slicing_settings.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "scene/scene_spec.h"

namespace stackshot {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SlicingSettingsTest, ShippedDefaultsMatchTheCompiledOnes) {
  const std::string path = std::string(STACKSHOT_SOURCE_DIR) + "/configs/settings.json";
  auto options = ParseSettings(ReadFile(path), path);
  ASSERT_TRUE(options.ok()) << options.status().message();
  const SlicerOptions defaults;
  EXPECT_EQ(options->mode, defaults.mode);
  EXPECT_EQ(options->debounce, defaults.debounce);
  EXPECT_EQ(options->prefetch, defaults.prefetch);
  EXPECT_EQ(options->cache_bytes, defaults.cache_bytes);
  EXPECT_EQ(options->workers, defaults.workers);
}

TEST(SlicingSettingsTest, ParsesEveryKey) {
  auto options = ParseSettings(
      R"({"slicing": {"mode": "per_layer", "debounce_ms": 30, "prefetch": 3, "cache_size": "1GiB", "workers": 4}})",
      "s.json");
  ASSERT_TRUE(options.ok()) << options.status().message();
  EXPECT_EQ(options->mode, SlicingMode::kPerLayer);
  EXPECT_EQ(options->debounce.count(), 30);
  EXPECT_EQ(options->prefetch, 3);
  EXPECT_EQ(options->cache_bytes, 1ull << 30);
  EXPECT_EQ(options->workers, 4);
}

TEST(SlicingSettingsTest, ErrorsNameFileAndPointer) {
  EXPECT_EQ(ParseSettings(R"({"slicing": {"mode": "eager"}})", "s.json").status().message(),
            "s.json#/slicing/mode: unknown slicing mode 'eager' (valid: batched, per_layer)");
  EXPECT_EQ(ParseSettings(R"({"slicing": {"cache_size": "lots"}})", "s.json").status().message(),
            "s.json#/slicing/cache_size: 'lots' is not a size such as 512MiB, 2GiB or 0");
  EXPECT_EQ(ParseSettings(R"({"slicing": {"prefetch": -1}})", "s.json").status().message(),
            "s.json#/slicing/prefetch: prefetch must be 0 or more, got -1");
  EXPECT_NE(ParseSettings(R"({"slicng": {}})", "s.json").status().message().find("nearest: slicing"),
            std::string::npos);
  EXPECT_EQ(ParseSettings("{", "s.json").status().message(),
            "s.json:1:2: malformed JSON: unexpected end of input; expected string literal");
  EXPECT_EQ(ParseSettings(R"({"slicing": {"debounce_ms": 1e308}})", "s.json").status().message(),
            "s.json#/slicing/debounce_ms: debounce_ms must be 0 to 3600000 (an hour), got 1e+308");
  EXPECT_EQ(ParseSettings(R"({"slicing": {"workers": 100000}})", "s.json").status().message(),
            "s.json#/slicing/workers: workers must be 0 (one per core) to 1024, got 100000");
  EXPECT_EQ(ParseSettings(R"({"slicing": {"debounce_ms": 1e400}})", "s.json").status().message(),
            "s.json:1:29: malformed JSON: number 1e400 is beyond the range of a double");
}

TEST(SlicingSettingsTest, UserFileComesFromTheEnvironment) {
  const std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / "settings";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "settings.json").string();
  std::ofstream(path) << R"({"slicing": {"prefetch": 0}})";
  ::setenv("STACKSHOT_SETTINGS", path.c_str(), 1);
  auto options = LoadUserSlicerOptions();
  ::setenv("STACKSHOT_SETTINGS", (dir / "missing.json").string().c_str(), 1);
  auto missing = LoadUserSlicerOptions();
  ::unsetenv("STACKSHOT_SETTINGS");
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->prefetch, 0);
  // A file the user named must exist.
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), (dir / "missing.json").string() + " (STACKSHOT_SETTINGS): no such file");
}

TEST(SlicingSettingsTest, DefaultPlaceMayBeMissing) {
  const std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / "settings_default";
  std::filesystem::create_directories(dir);
  ::unsetenv("STACKSHOT_SETTINGS");
  const char* old_xdg = std::getenv("XDG_CONFIG_HOME");
  const std::string saved = old_xdg != nullptr ? old_xdg : "";
  ::setenv("XDG_CONFIG_HOME", dir.string().c_str(), 1);
  auto options = LoadUserSlicerOptions();
  if (old_xdg != nullptr) ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1); else ::unsetenv("XDG_CONFIG_HOME");
  ASSERT_TRUE(options.ok()) << options.status().message();
  EXPECT_EQ(options->prefetch, SlicerOptions{}.prefetch);
}

TEST(SlicingSettingsTest, UnreadablePathsAreErrorsNotAborts) {
  const std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / "settings_loop";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // A symlink loop cannot be stat'ed (ELOOP); a folder is not a settings file.
  std::filesystem::create_symlink(dir / "b", dir / "a");
  std::filesystem::create_symlink(dir / "a", dir / "b");
  ::setenv("STACKSHOT_SETTINGS", (dir / "a").string().c_str(), 1);
  auto loop = LoadUserSlicerOptions();
  ::setenv("STACKSHOT_SETTINGS", dir.string().c_str(), 1);
  auto folder = LoadUserSlicerOptions();
  ::unsetenv("STACKSHOT_SETTINGS");
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.status().message(), (dir / "a").string() + ": cannot open: Too many levels of symbolic links");
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().message(), dir.string() + ": is a folder, not a settings file");
}

TEST(SlicingSettingsTest, SceneSectionParsesAndRejectsWorkers) {
  nlohmann::json scene = nlohmann::json::parse(R"({
    "version": 1, "slicing": {"mode": "per_layer", "cache_size": 0},
    "layers": [{"type": "image", "source": {"path": "a.h5", "dataset": "/x"}}]})");
  auto spec = ParseScene(scene, "scene.json", "/tmp");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->slicing.mode, "per_layer");
  EXPECT_EQ(spec->slicing.cache_bytes, 0u);
  scene["slicing"] = nlohmann::json::parse(R"({"workers": 2})");
  auto rejected = ParseScene(scene, "scene.json", "/tmp");
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.status().message().rfind("scene.json#/slicing/workers: unknown key", 0), 0u)
      << rejected.status().message();
}

}  // namespace
}  // namespace stackshot
