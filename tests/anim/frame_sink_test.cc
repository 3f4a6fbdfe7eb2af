// Output paths, frame ranges and the resume manifest.
#include "anim/frame_sink.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "anim/animation_manifest.h"
#include "anim/frame_plan.h"

namespace stackshot {
namespace {

namespace fs = std::filesystem;

TEST(FrameSinkTest, OutputKindFollowsThePath) {
  EXPECT_EQ(ParseOutput("out", "")->kind, OutputKind::kFolder);
  EXPECT_EQ(ParseOutput("out", "")->format, "png");
  EXPECT_EQ(ParseOutput("a/b/", "tiff")->format, "tif");
  EXPECT_EQ(ParseOutput("a/b/", "")->path, "a/b");
  EXPECT_EQ(ParseOutput("x.GIF", "")->kind, OutputKind::kGif);
  EXPECT_EQ(ParseOutput("x.webm", "")->format, "webm");
  auto avi = ParseOutput("x.avi", "");
  ASSERT_FALSE(avi.ok());
  EXPECT_EQ(avi.status().message(),
            "x.avi: no animation writer for '.avi' (write a folder of frames, .gif, .mp4, .webm or .mov)");
  EXPECT_FALSE(ParseOutput("out", "jpg").ok());
  EXPECT_FALSE(ParseOutput("x.gif", "png").ok());
}

TEST(FrameSinkTest, FramePathsAreNumbered) {
  OutputSpec output = *ParseOutput("dir/frames", "exr");
  output.stem = "cells";
  EXPECT_EQ(FramePath(output, 42), "dir/frames/cells_000042.exr");
  EXPECT_EQ(FramePath(output, 1234567), "dir/frames/cells_1234567.exr");
}

TEST(FrameSinkTest, FrameRangesAreSlices) {
  EXPECT_EQ(*ParseFrameRange("10:20", 100), (std::pair<int64_t, int64_t>{10, 20}));
  EXPECT_EQ(*ParseFrameRange(":5", 100), (std::pair<int64_t, int64_t>{0, 5}));
  EXPECT_EQ(*ParseFrameRange("90:", 100), (std::pair<int64_t, int64_t>{90, 100}));
  EXPECT_EQ(*ParseFrameRange("-10:", 100), (std::pair<int64_t, int64_t>{90, 100}));
  EXPECT_EQ(*ParseFrameRange("7", 100), (std::pair<int64_t, int64_t>{7, 8}));
  EXPECT_EQ(ParseFrameRange("20:10", 100).status().message(),
            "--frames 20:10: selects no frames of the animation's 100 (0 to 99)");
  EXPECT_EQ(ParseFrameRange("a:3", 100).status().message(), "--frames a:3: 'a' is not a frame number");
  EXPECT_FALSE(ParseFrameRange("0:101", 100).ok());
}

TEST(ManifestTest, ResumeChecksTheFingerprint) {
  const fs::path dir = fs::path(STACKSHOT_TEST_TMP) / "manifest";
  fs::remove_all(dir);
  fs::create_directories(dir);
  OutputSpec output = *ParseOutput(dir.string(), "");
  AnimationManifest manifest{Fingerprint({"scene", "keys"}), 16, 64, 48, "png"};
  EXPECT_EQ(manifest.fingerprint.size(), 16u);
  EXPECT_NE(manifest.fingerprint, Fingerprint({"scen", "ekeys"}));
  EXPECT_FALSE(CheckResume(output, manifest).ok());  // no manifest yet
  ASSERT_TRUE(WriteManifest(output, manifest).ok());
  EXPECT_TRUE(CheckResume(output, manifest).ok());
  AnimationManifest other = manifest;
  other.fingerprint = Fingerprint({"scene2", "keys"});
  EXPECT_NE(CheckResume(output, other).message().find("the scene or its keyframes differs"), std::string::npos);
  other = manifest;
  other.width = 65;
  EXPECT_NE(CheckResume(output, other).message().find("the size (64×48 there, 65×48 now)"), std::string::npos);
  output.stem = "s";
  std::ofstream(FramePath(output, 1)) << "x";
  std::ofstream(FramePath(output, 2) + ".tmp-123") << "x";
  EXPECT_EQ(MissingFrames(output, {0, 1, 2}), (std::vector<int64_t>{0, 2}));
  RemoveStaleTemporaries(output);
  EXPECT_FALSE(fs::exists(FramePath(output, 2) + ".tmp-123"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace stackshot
