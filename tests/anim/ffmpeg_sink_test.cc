// The video sink's Abandon: ffmpeg is killed and reaped, not left to finish a file
// that is then deleted, and nothing is left behind. A stand-in "ffmpeg" on PATH
// ignores SIGTERM and, like the real one, finishes its file once its input ends: it
// marks that by writing "<output>.finished".
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <fstream>

#include "anim/frame_sink.h"

namespace stackshot {
namespace {

namespace fs = std::filesystem;

TEST(FfmpegSinkTest, AbandonKillsTheEncoderAndLeavesNothing) {
  const fs::path dir = fs::path(STACKSHOT_TEST_TMP) / ("ffmpeg-sink-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "bin");
  const fs::path fake = dir / "bin" / "ffmpeg";
  std::ofstream(fake) << "#!/bin/sh\n"
                         "trap '' TERM INT\n"
                         "for last; do :; done\n"
                         ": > \"$last\"\n"
                         "/bin/cat > /dev/null\n"
                         "echo finished > \"$last.finished\"\n";
  fs::permissions(fake, fs::perms::owner_all);
  const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  setenv("PATH", (dir / "bin").c_str(), 1);
  OutputSpec output = *ParseOutput((dir / "out.mp4").string(), "");
  auto sink = OpenFrameSink(output, 4, 2, 10);
  setenv("PATH", path.c_str(), 1);
  ASSERT_TRUE(sink.ok()) << sink.status().message();
  RgbaImage image{4, 2, std::vector<uint8_t>(32, 128)};
  Status written = (*sink)->Write(0, image);
  ASSERT_TRUE(written.ok()) << written.message();
  ASSERT_TRUE((*sink)->Write(1, image).ok());
  // Once the stand-in has created its output it ignores SIGTERM.
  const std::string temporary = TemporaryOutputPath(output);
  for (int i = 0; i < 6000 && !fs::exists(temporary); ++i) usleep(10000);
  (*sink)->Abandon();
  EXPECT_FALSE(fs::exists(temporary + ".finished")) << "the encoder was left to finish";
  EXPECT_FALSE(fs::exists(temporary));
  EXPECT_FALSE(fs::exists(temporary + ".log"));
  EXPECT_FALSE(fs::exists(output.path));
  // Reaped: this process has no child left.
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
  sink->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace stackshot
