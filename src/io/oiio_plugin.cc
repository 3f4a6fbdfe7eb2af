// LoadOiioPlugin: finds libstackshot_oiio.so and dlopen()s it on first use.
#include "io/oiio_plugin.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace stackshot {
namespace {

namespace fs = std::filesystem;

// Where to look, best first; see oiio_plugin.h.
std::vector<std::string> Candidates() {
  if (const char* override_path = std::getenv("STACKSHOT_OIIO_PLUGIN"); override_path && *override_path) {
    return {override_path};
  }
  std::vector<std::string> paths;
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    paths.push_back((exe.parent_path() / STACKSHOT_OIIO_PLUGIN_NAME).string());
    paths.push_back((exe.parent_path().parent_path() / "lib" / STACKSHOT_OIIO_PLUGIN_NAME).string());
  }
  paths.push_back(STACKSHOT_OIIO_PLUGIN_PATH);
  return paths;
}

std::string OneLine(std::string text) {
  for (char& ch : text) {
    if (ch == '\n') ch = ' ';
  }
  return text;
}

// The table, or why there is none.
Result<const OiioPlugin*> Load() {
  const std::vector<std::string> paths = Candidates();
  std::string looked;
  for (const std::string& path : paths) {
    std::error_code error;
    // Only an explicit override is tried when missing, so that its error is dlopen's.
    if (paths.size() > 1 && !fs::exists(path, error)) {
      looked += (looked.empty() ? "" : ", ") + path;
      continue;
    }
    // RTLD_LOCAL: OpenImageIO's dependencies stay out of the global symbol scope.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) return IoError(OneLine(::dlerror()));
    using Entry = const OiioPlugin* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, kOiioPluginEntry));
    if (!entry) return IoError(path + ": no " + kOiioPluginEntry + " symbol");
    const OiioPlugin* plugin = entry();
    if (!plugin || plugin->version != kOiioPluginVersion) {
      return IoError(path + ": plugin version " + std::to_string(plugin ? plugin->version : 0) + ", need " +
                     std::to_string(kOiioPluginVersion));
    }
    // Never dlclose()d: sources made by the plugin may live until exit.
    return plugin;
  }
  return NotFoundError(std::string(STACKSHOT_OIIO_PLUGIN_NAME) + " not found (looked in " + looked + ")");
}

}  // namespace

Result<const OiioPlugin*> LoadOiioPlugin(const std::string& needed_for) {
  static const Result<const OiioPlugin*> loaded = Load();  // thread-safe, once
  if (loaded.ok()) return loaded;
  return Status(loaded.status().code(),
                "cannot load OpenImageIO support (" + loaded.status().message() + "): needed " + needed_for);
}

}  // namespace stackshot
