// Runs the stackshot binary in a shell, capturing exit code, stdout and stderr.
#pragma once

#include <string>

namespace stackshot::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `arguments` is appended to the binary path as shell text (quote it yourself).
CommandResult RunStackshot(const std::string& arguments);

std::string ReadText(const std::string& path);
void WriteText(const std::string& path, const std::string& text);

}  // namespace stackshot::testing
