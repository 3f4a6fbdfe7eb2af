// Ctrl-C (SIGINT) and SIGTERM sent to `stackshot render` of a slow scene: the
// program stops at the worker's next step, says what it completed, exits 130 or
// 143, and leaves neither the output nor a temporary file behind. Also --progress.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "run_command.h"

extern char** environ;

namespace stackshot {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::RunStackshot;

class SignalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(STACKSHOT_TEST_TMP) / ("signal-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const auto made = RunStackshot("example cells -o " + dir_.string() + " --shape 4,32,32");
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  // Starts `stackshot render` of the example with a 3 s read latency on layer 0,
  // stderr to `err`; returns its pid.
  static pid_t StartSlowRender(const std::string& output, const std::string& err,
                               const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {STACKSHOT_BINARY, "render", (dir_ / "cells.json").string(), "-o", output,
                                     "--set", "layers.0.source.latency_ms=3000"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0);
    return pid;
  }

  // Waits (up to a minute) until the program has written its first stderr line:
  // then the render is running, past opening the data.
  static bool WaitForFirstLine(const std::string& err) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (std::chrono::steady_clock::now() < deadline) {
      if (ReadText(err).find('\n') != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  static int WaitExitCode(pid_t pid) {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  static void ExpectNothingWritten(const std::string& output) {
    EXPECT_FALSE(fs::exists(output)) << output;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
    }
  }

  static std::string Path(const std::string& name) { return (dir_ / name).string(); }

  static inline fs::path dir_;
};

TEST_F(SignalTest, SigintStopsTheRenderCleanly) {
  const std::string out = Path("int.png"), err = Path("int.err");
  const pid_t pid = StartSlowRender(out, err);
  ASSERT_TRUE(WaitForFirstLine(err)) << ReadText(err);
  EXPECT_EQ(ReadText(err), "render cells.json: started (3 steps)\n");
  ASSERT_EQ(kill(pid, SIGINT), 0);
  EXPECT_EQ(WaitExitCode(pid), 130) << ReadText(err);
  const std::string text = ReadText(err);
  EXPECT_NE(text.find("render cells.json: aborted at 0/3 after"), std::string::npos) << text;
  EXPECT_NE(text.find("stackshot: interrupted by SIGINT; completed: opened the scene and its data; " + out +
                      " not written\n"),
            std::string::npos)
      << text;
  ExpectNothingWritten(out);
}

TEST_F(SignalTest, SigtermExits143) {
  const std::string out = Path("term.png"), err = Path("term.err");
  const pid_t pid = StartSlowRender(out, err);
  ASSERT_TRUE(WaitForFirstLine(err)) << ReadText(err);
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  EXPECT_EQ(WaitExitCode(pid), 143) << ReadText(err);
  EXPECT_NE(ReadText(err).find("stackshot: interrupted by SIGTERM; completed: opened the scene and its data"),
            std::string::npos)
      << ReadText(err);
  ExpectNothingWritten(out);
}

TEST_F(SignalTest, JsonProgressAndASecondCtrlCExitsAtOnce) {
  const std::string out = Path("twice.png"), err = Path("twice.err");
  const pid_t pid = StartSlowRender(out, err, {"--progress", "json"});
  ASSERT_TRUE(WaitForFirstLine(err)) << ReadText(err);
  EXPECT_EQ(ReadText(err).rfind("{\"event\":\"start\",\"desc\":\"render cells.json\",\"n\":0,\"total\":3,", 0), 0u)
      << ReadText(err);
  ASSERT_EQ(kill(pid, SIGINT), 0);
  kill(pid, SIGINT);  // may find the program already gone
  EXPECT_EQ(WaitExitCode(pid), 130) << ReadText(err);
  EXPECT_NE(ReadText(err).find("interrupted"), std::string::npos) << ReadText(err);
  ExpectNothingWritten(out);
}

TEST_F(SignalTest, ProgressFlag) {
  EXPECT_EQ(RunStackshot("render " + Path("cells.json") + " -o " + Path("x.png") + " --progress fancy").exit_code, 2);
  const auto quiet = RunStackshot("render " + Path("cells.json") + " -o " + Path("quiet.png") + " --progress none");
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err.rfind("wrote " + Path("quiet.png") + " (", 0), 0u) << quiet.err;
  EXPECT_EQ(std::count(quiet.err.begin(), quiet.err.end(), '\n'), 1) << quiet.err;
  const auto plain = RunStackshot("render " + Path("cells.json") + " -o " + Path("plain.png") + " --progress plain");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  // A start line only if it ran for a second (slow builds), then the end line.
  const size_t done = plain.err.find("render cells.json: done, 3/3 in ");
  ASSERT_NE(done, std::string::npos) << plain.err;
  EXPECT_TRUE(done == 0 || plain.err.substr(0, done) == "render cells.json: started (3 steps)\n") << plain.err;
  EXPECT_EQ(plain.err.find('\033'), std::string::npos);
  // A bad input is one JSON error event in json mode.
  const auto json = RunStackshot("render " + Path("nope.json") + " -o " + Path("j.png") + " --progress json");
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_EQ(json.err.rfind("{\"event\":\"error\",\"message\":\"", 0), 0u) << json.err;
}

}  // namespace
}  // namespace stackshot
