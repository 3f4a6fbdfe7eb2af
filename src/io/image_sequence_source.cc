// OpenImageSequence: a Source over the files a glob pattern matches (the pattern is
// expanded here, the files are read by the OpenImageIO plugin).
#include "io/image_sequence_source.h"

#include <glob.h>

#include <algorithm>
#include <utility>

#include "io/oiio_plugin.h"

namespace stackshot {

bool IsGlobPattern(const std::string& path) { return path.find_first_of("*?[") != std::string::npos; }

Result<std::vector<std::string>> ExpandGlob(const std::string& pattern) {
  glob_t matches{};
  // GLOB_NOSORT: we sort bytewise ourselves, so the order never depends on the locale.
  const int result = glob(pattern.c_str(), GLOB_NOSORT, nullptr, &matches);
  std::vector<std::string> files;
  if (result == 0) {
    for (size_t i = 0; i < matches.gl_pathc; ++i) files.emplace_back(matches.gl_pathv[i]);
  }
  globfree(&matches);
  if (result == GLOB_NOMATCH || (result == 0 && files.empty())) {
    return NotFoundError(pattern + ": no files match");
  }
  if (result == GLOB_NOSPACE) return IoError(pattern + ": out of memory expanding the pattern");
  if (result != 0) return IoError(pattern + ": cannot read a folder while expanding the pattern");
  std::sort(files.begin(), files.end());
  return files;
}

Result<std::shared_ptr<Source>> OpenImageSequence(const std::string& pattern) {
  ASSIGN_OR_RETURN(std::vector<std::string> files, ExpandGlob(pattern));
  ASSIGN_OR_RETURN(const OiioPlugin* plugin, LoadOiioPlugin("to read " + pattern));
  return plugin->open_image_sequence(pattern, std::move(files));
}

}  // namespace stackshot
