#include "io/input_file.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace stackshot {

namespace {

// What a path is when it is neither a regular file nor a folder.
const char* SpecialKind(std::filesystem::file_type type) {
  switch (type) {
    case std::filesystem::file_type::fifo:
      return "a FIFO";
    case std::filesystem::file_type::character:
    case std::filesystem::file_type::block:
      return "a device";
    case std::filesystem::file_type::socket:
      return "a socket";
    default:
      return "a special file";
  }
}

}  // namespace

Status CheckInputFile(const std::string& path, std::string_view kind) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return NotFoundError(path + ": no such file");
  if (error) return IoError(path + ": cannot open: " + error.message());
  if (status.type() == fs::file_type::directory) {
    return InvalidArgumentError(path + ": is a folder, not " + std::string(kind));
  }
  if (status.type() != fs::file_type::regular) {
    return InvalidArgumentError(path + ": is " + SpecialKind(status.type()) + ", not " + std::string(kind) +
                                " (only regular files are read)");
  }
  if (::access(path.c_str(), R_OK) != 0) {
    return IoError(path + ": cannot open: " + std::error_code(errno, std::generic_category()).message());
  }
  return Status::Ok();
}

Result<std::string> ReadInputFile(const std::string& path, std::string_view kind) {
  RETURN_IF_ERROR(CheckInputFile(path, kind));
  std::ifstream stream(path, std::ios::binary);
  if (!stream.is_open()) return IoError(path + ": cannot open the file");
  std::ostringstream contents;
  contents << stream.rdbuf();
  if (stream.bad()) return IoError(path + ": cannot read the file");
  return std::move(contents).str();
}

}  // namespace stackshot
