// stackshot animate end to end: golden frames, frames equal to single renders of
// the interpolated state, identical output with 1 and 2 threads, GIF and video
// decoded back, --resume after an interrupted run, and bad input (one line, exit 1,
// nothing written). stackshot keyframes writes files animate reads.
//
// To accept new golden frames after an intended change:
//   STACKSHOT_UPDATE_GOLDEN=1 build/<dir>/tests/cli/cli_animate_tests
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "render/image_writer.h"
#include "run_command.h"

extern char** environ;

namespace stackshot {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::RunStackshot;
using testing::WriteText;

const fs::path kGoldenDir = fs::path(STACKSHOT_SOURCE_DIR) / "tests" / "cli" / "animate_golden";
const std::string kScene = (kGoldenDir / "scene.json").string();
constexpr int kFrames = 12;  // 7 + 4 steps + 1

std::string Bytes(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(stream), {});
}

std::string FrameName(int frame) {
  char name[64];
  std::snprintf(name, sizeof name, "scene_%06d.png", frame);
  return name;
}

// Files in `dir` without the manifest, sorted.
std::vector<std::string> FrameFiles(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename() != "stackshot-animation.json") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class AnimateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(STACKSHOT_TEST_TMP) / ("animate-" + std::to_string(getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Out(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(AnimateTest, FramesMatchGoldenFiles) {
  const auto run = RunStackshot("animate " + kScene + " -o " + Out("frames") + " --progress none");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> files = FrameFiles(Out("frames"));
  ASSERT_EQ(files.size(), static_cast<size_t>(kFrames));
  EXPECT_EQ(files.front(), FrameName(0));
  EXPECT_EQ(files.back(), FrameName(kFrames - 1));
  const bool update = std::getenv("STACKSHOT_UPDATE_GOLDEN") != nullptr;
  for (int frame : {0, 3, 7, 9, 11}) {
    const fs::path golden = kGoldenDir / ("expected_" + FrameName(frame).substr(6));
    const fs::path actual = fs::path(Out("frames")) / FrameName(frame);
    if (update) fs::copy_file(actual, golden, fs::copy_options::overwrite_existing);
    EXPECT_EQ(Bytes(actual), Bytes(golden)) << "frame " << frame << " differs from " << golden;
  }
}

TEST_F(AnimateTest, FramesEqualRendersOfTheirState) {
  const auto run = RunStackshot("animate " + kScene + " -o " + Out("frames") + " --progress none");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // Frame 3: z = 3, zoom 10^(log10(0.5)·4/7) (log interpolation), the rest as the scene.
  char zoom[64];
  std::snprintf(zoom, sizeof zoom, "%.17g", std::pow(10.0, std::log10(0.5) + (std::log10(1.0) - std::log10(0.5)) * (3.0 / 7)));
  const auto render = RunStackshot("render " + kScene + " -o " + Out("frame3.png") +
                                   " --set dims.point=[3,0,0] --set camera.zoom=" + zoom + " --progress none");
  ASSERT_EQ(render.exit_code, 0) << render.err;
  auto frame = ReadImageFile((fs::path(Out("frames")) / FrameName(3)).string());
  auto single = ReadImageFile(Out("frame3.png"));
  ASSERT_TRUE(frame.ok() && single.ok());
  EXPECT_EQ(frame->pixels, single->pixels);
  // The last frame is the last keyframe exactly.
  const auto last = RunStackshot("render " + kScene + " -o " + Out("last.png") +
                                 " --set dims.point=[7,0,0] --set camera.zoom=1 --set layers.1.colormap=magma"
                                 " --set layers.1.opacity=0.4 --progress none");
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(ReadImageFile((fs::path(Out("frames")) / FrameName(kFrames - 1)).string())->pixels,
            ReadImageFile(Out("last.png"))->pixels);
}

TEST_F(AnimateTest, RotateKeyframesEqualRendersOfTheirTransform) {
  // The nuclei turn 0° → 90° about the plane's origin while moving down by 95 rows.
  WriteText(Out("kf.json"), R"({"keyframes": [
      {"state": {"layers": {"nuclei": {"rotate": 0}}}},
      {"steps": 4, "state": {"layers": {"nuclei": {"rotate": 90, "translate": [0, 95, 0]}}}}]})");
  const auto run = RunStackshot("animate " + kScene + " --keyframes " + Out("kf.json") + " -o " + Out("frames") +
                                " --progress none");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ASSERT_EQ(FrameFiles(Out("frames")).size(), 5u);
  struct Case {
    int frame;
    std::string sets;
  };
  const std::vector<Case> cases = {
      {0, ""},
      {2, " --set layers.1.rotate=45 --set layers.1.translate=[0,47.5,0]"},
      {4, " --set layers.1.rotate=90 --set layers.1.translate=[0,95,0]"},
  };
  std::vector<uint8_t> first;
  for (const Case& c : cases) {
    const std::string png = Out("render" + std::to_string(c.frame) + ".png");
    const auto render = RunStackshot("render " + kScene + " -o " + png + c.sets + " --progress none");
    ASSERT_EQ(render.exit_code, 0) << render.err;
    auto frame = ReadImageFile((fs::path(Out("frames")) / FrameName(c.frame)).string());
    auto single = ReadImageFile(png);
    ASSERT_TRUE(frame.ok() && single.ok());
    EXPECT_EQ(frame->pixels, single->pixels) << "frame " << c.frame;
    if (c.frame == 0) first = frame->pixels;
    if (c.frame > 0) {
      EXPECT_NE(frame->pixels, first) << "frame " << c.frame << " did not move";
    }
  }
}

TEST_F(AnimateTest, OneAndTwoThreadsGiveIdenticalFiles) {
  ASSERT_EQ(RunStackshot("animate " + kScene + " -o " + Out("one") + " --threads 1 --progress none").exit_code, 0);
  ASSERT_EQ(RunStackshot("animate " + kScene + " -o " + Out("two") + " --threads 2 --progress none").exit_code, 0);
  for (int frame = 0; frame < kFrames; ++frame) {
    EXPECT_EQ(Bytes(fs::path(Out("one")) / FrameName(frame)), Bytes(fs::path(Out("two")) / FrameName(frame)))
        << "frame " << frame;
  }
}

TEST_F(AnimateTest, ResumeAfterInterruptionEqualsOneRun) {
  ASSERT_EQ(RunStackshot("animate " + kScene + " -o " + Out("whole") + " --progress none").exit_code, 0);
  // An interrupted run leaves some complete frames and, at worst, a temporary file.
  ASSERT_EQ(RunStackshot("animate " + kScene + " -o " + Out("parts") + " --frames 0:5 --progress none").exit_code, 0);
  fs::remove(fs::path(Out("parts")) / FrameName(2));
  WriteText((fs::path(Out("parts")) / (FrameName(5) + ".tmp-99999")).string(), "partial");
  const auto resumed = RunStackshot("animate " + kScene + " -o " + Out("parts") + " --resume --progress none");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("wrote 8 frames"), std::string::npos) << resumed.err;
  ASSERT_EQ(FrameFiles(Out("parts")), FrameFiles(Out("whole")));
  for (int frame = 0; frame < kFrames; ++frame) {
    EXPECT_EQ(Bytes(fs::path(Out("parts")) / FrameName(frame)), Bytes(fs::path(Out("whole")) / FrameName(frame)));
  }
  // Another scene: refused.
  const auto other = RunStackshot("animate " + kScene + " -o " + Out("parts") +
                                  " --resume --set layers.0.colormap=red --progress none");
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("are of another animation: the scene or its keyframes differs"), std::string::npos)
      << other.err;
}

// A real Ctrl-C: slow reads make each frame take a while; SIGINT after the first
// frames are written stops the run (exit 130) leaving only complete frames, and
// --resume completes it to the same files as one uninterrupted run.
TEST_F(AnimateTest, CtrlCLeavesCompleteFramesAndResumeCompletes) {
  const std::string slow = " --set layers.0.source.latency_ms=150 --threads 2 --progress none";
  ASSERT_EQ(RunStackshot("animate " + kScene + " -o " + Out("whole") + slow).exit_code, 0);
  std::vector<std::string> args = {STACKSHOT_BINARY, "animate", kScene, "-o", Out("cut"), "--set",
                                   "layers.0.source.latency_ms=150", "--threads", "2", "--progress", "none"};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, Out("err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  // Wait for the third frame, then interrupt.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (!fs::exists(fs::path(Out("cut")) / FrameName(2)) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(kill(pid, SIGINT), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130) << ReadText(Out("err.txt"));
  EXPECT_NE(ReadText(Out("err.txt")).find("interrupted by SIGINT; wrote "), std::string::npos) << ReadText(Out("err.txt"));
  const std::vector<std::string> left = FrameFiles(Out("cut"));
  EXPECT_LT(left.size(), static_cast<size_t>(kFrames));
  for (const std::string& name : left) {
    EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
    EXPECT_EQ(Bytes(fs::path(Out("cut")) / name), Bytes(fs::path(Out("whole")) / name)) << name;
  }
  const auto resumed = RunStackshot("animate " + kScene + " -o " + Out("cut") + " --resume" + slow);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  ASSERT_EQ(FrameFiles(Out("cut")), FrameFiles(Out("whole")));
  for (int frame = 0; frame < kFrames; ++frame) {
    EXPECT_EQ(Bytes(fs::path(Out("cut")) / FrameName(frame)), Bytes(fs::path(Out("whole")) / FrameName(frame)));
  }
}

TEST_F(AnimateTest, GifDecodesToEveryFrame) {
  const auto run = RunStackshot("animate " + kScene + " -o " + Out("a.gif") + " --progress none");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto info = RunStackshot("info " + Out("a.gif"));
  EXPECT_NE(info.out.find("12 pages"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("12x32x48x4"), std::string::npos) << info.out;
  EXPECT_EQ(FrameFiles(dir_), std::vector<std::string>{"a.gif"});  // no temporary left
  // Looping (the NETSCAPE2.0 extension), 1000/fps ms per frame: fps 10 → 10 cs.
  const std::string bytes = Bytes(Out("a.gif"));
  EXPECT_NE(bytes.find("NETSCAPE2.0"), std::string::npos);
  const size_t control = bytes.find("\x21\xf9\x04");
  ASSERT_NE(control, std::string::npos);
  EXPECT_EQ(static_cast<uint8_t>(bytes[control + 4]) | (static_cast<uint8_t>(bytes[control + 5]) << 8), 10);
}

TEST_F(AnimateTest, VideoDecodesToEveryFrame) {
  if (std::system("command -v ffprobe > /dev/null 2>&1") != 0) GTEST_SKIP() << "ffmpeg is not installed";
  const auto run = RunStackshot("animate " + kScene + " -o " + Out("a.mp4") + " --progress none");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string probe = "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                            "stream=nb_read_frames,width,height -of csv=p=0 " + Out("a.mp4") + " > " + Out("probe.txt");
  ASSERT_EQ(std::system(probe.c_str()), 0);
  EXPECT_EQ(ReadText(Out("probe.txt")), "48,32,12\n");
}

TEST_F(AnimateTest, BadInputIsOneLineAndWritesNothing) {
  struct Case {
    std::string args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"--set animation.keyframes=[{}]", "#/animation/keyframes: an animation needs at least two keyframes, got 1"},
      {"--set animation.keyframes.1.state.layers={\\\"nucleus\\\":{}}",
       "no layer named 'nucleus' (the scene has 'membranes', 'nuclei')"},
      {"--set animation.keyframes.1.steps=-2", "#/animation/keyframes/1/steps: steps must be 0 or more, got -2"},
      {"--set animation.keyframes.1.ease=cubc", "unknown ease 'cubc' (nearest: cubic)"},
      {"--set animation.keyframes.1.state.layers={\\\"nuclei\\\":{\\\"scale\\\":[1,2]}}",
       "keyframe 1: layer 'nuclei': scale: expected 3 values, got 2"},
      {"--frames 20:30", "--frames 20:30: selects no frames of the animation's 12"},
  };
  for (const Case& c : cases) {
    const auto run = RunStackshot("animate " + kScene + " -o " + Out("out") + " " + c.args + " --progress none");
    EXPECT_EQ(run.exit_code, 1) << c.args;
    EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
    EXPECT_FALSE(fs::exists(Out("out"))) << c.args;
  }
  const auto avi = RunStackshot("animate " + kScene + " -o " + Out("out.avi") + " --progress none");
  EXPECT_EQ(avi.exit_code, 1);
  EXPECT_NE(avi.err.find("no animation writer for '.avi'"), std::string::npos) << avi.err;
  // Without ffmpeg on PATH a video is refused before anything is read.
  const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  setenv("PATH", "/nonexistent", 1);
  const auto no_ffmpeg = RunStackshot("animate " + kScene + " -o " + Out("out.mp4") + " --progress none");
  setenv("PATH", path.c_str(), 1);
  EXPECT_NE(no_ffmpeg.err.find("ffmpeg not found on PATH"), std::string::npos) << no_ffmpeg.err;
  EXPECT_EQ(FrameFiles(dir_), std::vector<std::string>{});
}

// Into an earlier run's folder: a bad keyframe transform is refused before the
// output is opened, so the earlier run's manifest stays and it can still be resumed.
TEST_F(AnimateTest, BadKeyframeLeavesAnEarlierRunResumable) {
  ASSERT_EQ(RunStackshot("animate " + kScene + " -o " + Out("earlier") + " --frames 0:2 --progress none").exit_code, 0);
  const std::string manifest = (fs::path(Out("earlier")) / "stackshot-animation.json").string();
  const std::string before = Bytes(manifest);
  const auto bad = RunStackshot("animate " + kScene + " -o " + Out("earlier") +
                                " --set animation.keyframes.1.state.layers={\\\"nuclei\\\":{\\\"scale\\\":[1,2]}}"
                                " --progress none");
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
  EXPECT_EQ(Bytes(manifest), before);
  EXPECT_EQ(RunStackshot("animate " + kScene + " -o " + Out("earlier") + " --resume --progress none").exit_code, 0);
}

TEST_F(AnimateTest, ExampleAnimationRuns) {
  // The example's data is generated, as the README does, beside a copy of the scene.
  const auto data = RunStackshot("example cells -o " + Out("data") + " --progress none");
  ASSERT_EQ(data.exit_code, 0) << data.err;
  const std::string example = Out("data") + "/cells_anim.json";
  fs::copy_file(std::string(STACKSHOT_SOURCE_DIR) + "/examples/cells_anim.json", example);
  const auto run = RunStackshot("animate " + example + " -o " + Out("ex") + " --size 64x48 --frames 45: --progress none");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(FrameFiles(Out("ex")).size(), 6u);
  EXPECT_TRUE(fs::exists(fs::path(Out("ex")) / "cells_anim_000050.png"));
}

TEST_F(AnimateTest, KeyframesSweepLoopsThroughAnAxis) {
  const auto sweep = RunStackshot("keyframes sweep " + kScene + " --axis 0 -o " + Out("kf.json"));
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  const auto run = RunStackshot("animate " + kScene + " --keyframes " + Out("kf.json") + " -o " + Out("sweep") +
                                " --progress none");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(FrameFiles(Out("sweep")).size(), 8u);  // one frame per z position
}

// Keyframes whose frames would all be the same picture are refused with the reason,
// on one line, and no file is written: exit 2 for a flag that names the wrong axis,
// 1 for a scene that cannot show the animation.
TEST_F(AnimateTest, KeyframesThatAnimateNothingAreRefused) {
  struct Case {
    std::string args;
    int exit_code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"sweep --axis 2", 2, "--axis 2: world axis 2 is displayed, so every frame would be the same picture; "
                            "sweep a sliced axis (0)"},
      {"sweep --axis 1", 2, "--axis 1: world axis 1 is displayed"},
      {"sweep --axis 3", 2, "--axis 3: the scene has axes 0 to 2"},
      {"orbit --turns 0", 2, "--turns must not be 0"},
      {"orbit --turns 2 --frames 30", 1,
       "orbit: the scene is shown in 2D, where the camera's angles change nothing, so every frame would be the same "
       "picture; orbit needs 3D display (dims.ndisplay 3)"},
  };
  for (const Case& c : cases) {
    const std::vector<std::string> words = {c.args.substr(0, c.args.find(' ')), c.args.substr(c.args.find(' '))};
    const auto run = RunStackshot("keyframes " + words[0] + " " + kScene + words[1] + " -o " + Out("kf.json") +
                                  " --progress none");
    EXPECT_EQ(run.exit_code, c.exit_code) << c.args << ": " << run.err;
    EXPECT_NE(run.err.find("stackshot: error: " + c.message), std::string::npos) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
    EXPECT_FALSE(fs::exists(Out("kf.json"))) << c.args;
  }
}

TEST_F(AnimateTest, LatencyLogFlagAsInRender) {
  // --latency-log FILE, as render has it: one JSON line per sliced layer.
  const std::string log = Out("latency.jsonl");
  const auto run = RunStackshot("animate " + kScene + " -o " + Out("frames") + " --frames 0:3 --latency-log " + log +
                                " --progress none");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string text = ReadText(log);
  // Frames 0, 1 and 2 each show another z plane of both layers.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 6) << text;
  EXPECT_NE(text.find("\"layer\":\"membranes\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"layer\":\"nuclei\""), std::string::npos) << text;
  // A log that cannot be opened is refused like render's, before any frame is written.
  const auto bad = RunStackshot("animate " + kScene + " -o " + Out("bad") + " --latency-log /no/such/dir/l --progress none");
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
  EXPECT_NE(bad.err.find("/no/such/dir/l"), std::string::npos) << bad.err;
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
  EXPECT_FALSE(fs::exists(fs::path(Out("bad")) / FrameName(0)));
}

}  // namespace
}  // namespace stackshot
