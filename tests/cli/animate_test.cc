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

// Starts `args` (the program first) with its stderr in `err_path`, not waiting;
// -1 when it cannot start.
pid_t Spawn(std::vector<std::string> args, const std::string& err_path) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
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
  const pid_t pid = Spawn(args, Out("err.txt"));
  ASSERT_GT(pid, 0);
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
  // ffmpeg decodes every frame to the PNG frames (each has under 256 colours): exactly,
  // but where a pixel changed by one level and kept its earlier value.
  if (std::system("command -v ffmpeg > /dev/null 2>&1") != 0) GTEST_SKIP() << "ffmpeg is not installed";
  ASSERT_EQ(RunStackshot("animate " + kScene + " -o " + Out("png") + " --progress none").exit_code, 0);
  const std::string decode = "ffmpeg -v error -i " + Out("a.gif") + " -f rawvideo -pix_fmt rgb24 " + Out("gif.rgb") +
                             " && ffmpeg -v error -i " + Out("png") + "/scene_%06d.png -f rawvideo -pix_fmt rgb24 " +
                             Out("png.rgb");
  ASSERT_EQ(std::system(decode.c_str()), 0);
  EXPECT_EQ(Bytes(Out("gif.rgb")).size(), 12u * 48 * 32 * 3);
  const std::string gif = Bytes(Out("gif.rgb")), png = Bytes(Out("png.rgb"));
  ASSERT_EQ(gif.size(), png.size());
  EXPECT_EQ(gif.substr(0, 48 * 32 * 3), png.substr(0, 48 * 32 * 3));  // the first frame
  for (size_t i = 0; i < gif.size(); ++i) {
    ASSERT_LE(std::abs(static_cast<uint8_t>(gif[i]) - static_cast<uint8_t>(png[i])), 1) << "byte " << i;
  }
}

TEST_F(AnimateTest, GifAbove50FpsIsClampedWithAWarning) {
  const auto run = RunStackshot("animate " + kScene + " -o " + Out("fast.gif") + " --fps 60 --progress none");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("stackshot: warning: " + Out("fast.gif") +
                         ": a GIF plays at most 50 frames/s (browsers show shorter frame times as 1/10 s); "
                         "60 frames/s asked; writing 50\n"),
            std::string::npos)
      << run.err;
  const std::string bytes = Bytes(Out("fast.gif"));
  for (size_t at = bytes.find("\x21\xf9\x04"); at != std::string::npos; at = bytes.find("\x21\xf9\x04", at + 1)) {
    EXPECT_EQ(static_cast<uint8_t>(bytes[at + 4]) | (static_cast<uint8_t>(bytes[at + 5]) << 8), 2);
  }
}

// Ctrl-C while ffmpeg encodes: exit 130, and neither the video nor its temporary
// file or log is left (ffmpeg is killed, not left to finish a file to delete).
TEST_F(AnimateTest, CtrlCDuringVideoLeavesNothing) {
  if (std::system("command -v ffmpeg > /dev/null 2>&1") != 0) GTEST_SKIP() << "ffmpeg is not installed";
  std::vector<std::string> args = {STACKSHOT_BINARY, "animate", kScene, "-o", Out("cut.mp4"), "--set",
                                   "layers.0.source.latency_ms=300", "--progress", "json"};
  const pid_t pid = Spawn(args, Out("err.txt"));
  ASSERT_GT(pid, 0);
  // Wait until a frame went to ffmpeg, then interrupt.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (ReadText(Out("err.txt")).find("\"event\":\"progress\"") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(kill(pid, SIGINT), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130) << ReadText(Out("err.txt"));
  EXPECT_NE(ReadText(Out("err.txt")).find("interrupted by SIGINT; " + Out("cut.mp4") + " not written"),
            std::string::npos)
      << ReadText(Out("err.txt"));
  EXPECT_EQ(FrameFiles(dir_), std::vector<std::string>{"err.txt"});
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

// Visibility takes part in what is sliced: a layer hidden at the start that fades in
// at a fixed z (napari-animation: `visible` switches at the first in-between frame),
// and one hidden while z moves then shown again, end on a render of the last
// keyframe's state, exactly, with 1 and 2 threads.
TEST_F(AnimateTest, VisibilityChangesEndOnARenderOfTheLastKeyframe) {
  struct Case {
    std::string name;
    std::string keyframes;
    std::string sets;  // the last keyframe's state for render
  };
  const std::vector<Case> cases = {
      {"fade", R"({"keyframes": [{"state": {"layers": {"nuclei": {"visible": false, "opacity": 0}}}},
          {"steps": 4, "state": {"layers": {"nuclei": {"visible": true, "opacity": 1}}}}]})",
       " --set layers.1.opacity=1"},
      {"hide", R"({"keyframes": [{"state": {"dims": {"point": [0, 0, 0]}}},
          {"steps": 3, "state": {"dims": {"point": [6, 0, 0]}, "layers": {"nuclei": {"visible": false}}}},
          {"steps": 2, "state": {"layers": {"nuclei": {"visible": true}}}}]})",
       " --set dims.point=[6,0,0]"},
  };
  for (const Case& c : cases) {
    WriteText(Out(c.name + ".json"), c.keyframes);
    const std::string png = Out(c.name + ".png");
    const auto render = RunStackshot("render " + kScene + " -o " + png + c.sets + " --progress none");
    ASSERT_EQ(render.exit_code, 0) << render.err;
    for (int threads : {1, 2}) {
      const std::string dir = Out(c.name + std::to_string(threads));
      const auto run = RunStackshot("animate " + kScene + " --keyframes " + Out(c.name + ".json") + " -o " + dir +
                                    " --threads " + std::to_string(threads) + " --progress none");
      ASSERT_EQ(run.exit_code, 0) << c.name << ": " << run.err;
      const std::vector<std::string> files = FrameFiles(dir);
      ASSERT_FALSE(files.empty());
      auto last = ReadImageFile((fs::path(dir) / files.back()).string());
      auto single = ReadImageFile(png);
      ASSERT_TRUE(last.ok() && single.ok());
      EXPECT_EQ(last->pixels, single->pixels) << c.name << " with " << threads << " threads";
    }
  }
}

// Points, shapes and vectors animate one value for all their elements: numbers
// lerp, colours blend channel by channel. Halfway (linear, 2 steps) every field is
// the hand-computed midpoint, so the frame equals a render with those values.
const char kGeometryScene[] = R"({"version": 1, "canvas": {"size": [40, 30], "background": "black"},
  "dims": {"point": [1, 0, 0]}, "camera": {"center": [15, 20], "zoom": 1},
  "layers": [
    {"type": "points", "name": "spots", "data": [[1, 8, 10], [1, 20, 28]], "size": 6, "face_color": "white",
     "border_color": "red", "border_width": 0.125},
    {"type": "shapes", "name": "rois", "data": [[[1, 2, 2], [1, 2, 16], [1, 12, 16], [1, 12, 2]]],
     "face_color": "blue", "edge_color": "white", "edge_width": 1},
    {"type": "vectors", "name": "flow", "data": [[[1, 25, 5], [0, 0, 4]]], "edge_color": "yellow",
     "edge_width": 1, "length": 1}
  ],
  "animation": {"keyframes": [{},
    {"steps": 2, "state": {"layers": {
      "spots": {"size": 12, "face_color": [0, 0, 1, 1], "border_color": [0, 1, 0, 1], "border_width": 0.375},
      "rois": {"face_color": [1, 0, 0, 1], "edge_color": [0, 1, 0, 1], "edge_width": 3},
      "flow": {"edge_color": [0, 1, 1, 1], "edge_width": 2, "length": 3}}}}]}})";

TEST_F(AnimateTest, PointsShapesAndVectorsInterpolateToHandComputedMidpoints) {
  const std::string scene = Out("geometry.json");
  WriteText(scene, kGeometryScene);
  const auto run = RunStackshot("animate " + scene + " -o " + Out("frames") + " --progress none");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ASSERT_EQ(FrameFiles(Out("frames")).size(), 3u);
  const std::string middle = " --set layers.0.size=9 --set layers.0.face_color=[0.5,0.5,1,1]"
                             " --set layers.0.border_color=[0.5,0.5,0,1] --set layers.0.border_width=0.25"
                             " --set layers.1.face_color=[0.5,0,0.5,1] --set layers.1.edge_color=[0.5,1,0.5,1]"
                             " --set layers.1.edge_width=2 --set layers.2.edge_color=[0.5,1,0.5,1]"
                             " --set layers.2.edge_width=1.5 --set layers.2.length=2";
  const std::string first = Out("first.png");
  const std::string half = Out("half.png");
  ASSERT_EQ(RunStackshot("render " + scene + " -o " + first + " --progress none").exit_code, 0);
  const auto render = RunStackshot("render " + scene + " -o " + half + middle + " --progress none");
  ASSERT_EQ(render.exit_code, 0) << render.err;
  auto frame = ReadImageFile((fs::path(Out("frames")) / "geometry_000001.png").string());
  auto single = ReadImageFile(half);
  ASSERT_TRUE(frame.ok() && single.ok());
  EXPECT_EQ(frame->pixels, single->pixels);
  EXPECT_NE(frame->pixels, ReadImageFile(first)->pixels);
  // Every layer type is listed when a keyframe names none of them.
  const auto bad = RunStackshot("animate " + scene + " -o " + Out("bad") +
                                " --set animation.keyframes.1.state.layers={\\\"spot\\\":{}} --progress none");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("no layer named 'spot' (the scene has 'spots', 'rois', 'flow')"), std::string::npos)
      << bad.err;
}

// Writes `count` 16×12 grey planes as PNGs (plane i filled with 20·i + 10; a grey PNG
// has one channel, so the stack has 3 axes) for an image sequence; plane `broken`, if any, is cut after its header, so reading it fails.
void WritePlanes(const fs::path& dir, int count, int broken = -1) {
  fs::create_directories(dir);
  for (int i = 0; i < count; ++i) {
    RgbaImage plane;
    plane.width = 16;
    plane.height = 12;
    plane.pixels.assign(16 * 12 * 4, static_cast<uint8_t>(20 * i + 10));
    for (size_t p = 3; p < plane.pixels.size(); p += 4) plane.pixels[p] = 255;
    char name[32];
    std::snprintf(name, sizeof name, "plane_%02d.png", i);
    ASSERT_TRUE(WriteImageFile(plane, (dir / name).string(), 1).ok());
    if (i == broken) {
      const std::string bytes = Bytes(dir / name);
      WriteText((dir / name).string(), bytes.substr(0, 60));
    }
  }
}

std::string SequenceScene(const fs::path& planes) {
  return R"({"version": 1, "canvas": {"size": [16, 12]},
    "layers": [{"type": "image", "name": "seq", "source": {"path": ")" + (planes / "plane_*.png").string() + R"("}}],
    "animation": {"keyframes": [{"state": {"dims": {"point": [0, 0, 0]}}},
                                {"steps": 5, "state": {"dims": {"point": [5, 0, 0]}}}]}})";
}

// A run into a new folder that fails at frame 3 keeps frames 0 to 2 and the
// manifest, so --resume (once the data is readable) finishes it.
TEST_F(AnimateTest, FailedRunKeepsItsFramesAndManifestForResume) {
  WritePlanes(dir_ / "planes", 6, /*broken=*/3);
  WriteText(Out("seq.json"), SequenceScene(dir_ / "planes"));
  const auto failed = RunStackshot("animate " + Out("seq.json") + " -o " + Out("out") + " --threads 1 --progress none");
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("frame 3"), std::string::npos) << failed.err;
  EXPECT_EQ(FrameFiles(Out("out")), (std::vector<std::string>{"seq_000000.png", "seq_000001.png", "seq_000002.png"}));
  EXPECT_TRUE(fs::exists(fs::path(Out("out")) / "stackshot-animation.json"));
  WritePlanes(dir_ / "planes", 6);
  const auto resumed = RunStackshot("animate " + Out("seq.json") + " -o " + Out("out") + " --resume --progress none");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("wrote 3 frames"), std::string::npos) << resumed.err;
  EXPECT_EQ(FrameFiles(Out("out")).size(), 6u);
}

// A new run into a folder of another animation's frames removes them, saying how
// many, so a frame pattern never assembles a mix; frames of the same animation stay.
TEST_F(AnimateTest, NewRunRemovesAnEarlierAnimationsFrames) {
  ASSERT_EQ(RunStackshot("animate " + kScene + " -o " + Out("out") + " --progress none").exit_code, 0);
  ASSERT_EQ(FrameFiles(Out("out")).size(), static_cast<size_t>(kFrames));
  WriteText(Out("other.txt"), "kept");
  fs::copy_file(Out("other.txt"), fs::path(Out("out")) / "notes.txt");
  // The same animation, a few frames again: nothing is removed.
  const auto again = RunStackshot("animate " + kScene + " -o " + Out("out") + " --frames 0:2 --progress none");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.err.find("removed"), std::string::npos) << again.err;
  EXPECT_EQ(FrameFiles(Out("out")).size(), static_cast<size_t>(kFrames) + 1);
  // Another animation of 5 frames: the 12 earlier frames go.
  WriteText(Out("kf.json"), R"({"keyframes": [{}, {"steps": 4, "state": {"dims": {"point": [4, 0, 0]}}}]})");
  const auto other = RunStackshot("animate " + kScene + " --keyframes " + Out("kf.json") + " -o " + Out("out") +
                                  " --progress none");
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_NE(other.err.find("removed 12 frames of an earlier run from " + Out("out")), std::string::npos) << other.err;
  std::vector<std::string> expected = {"notes.txt"};
  for (int frame = 0; frame < 5; ++frame) expected.push_back(FrameName(frame));
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(FrameFiles(Out("out")), expected);
}

}  // namespace
}  // namespace stackshot
