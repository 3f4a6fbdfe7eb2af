#include "run_command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace stackshot::testing {

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

CommandResult RunStackshot(const std::string& arguments) {
  static std::atomic<int> counter{0};
  const std::filesystem::path dir = std::filesystem::path(STACKSHOT_TEST_TMP) / "capture";
  std::filesystem::create_directories(dir);
  const std::string stem = (dir / (std::to_string(getpid()) + "-" + std::to_string(counter++))).string();
  const std::string command =
      std::string(STACKSHOT_BINARY) + " " + arguments + " >" + stem + ".out 2>" + stem + ".err </dev/null";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadText(stem + ".out");
  result.err = ReadText(stem + ".err");
  return result;
}

}  // namespace stackshot::testing
