#include "scene/slicing_settings.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "exec/parallel.h"
#include "io/input_file.h"
#include "scene/json_text.h"

namespace stackshot {

Status ParseSlicingSection(const JsonReader& node, SlicingSpec& spec, bool allow_workers) {
  if (allow_workers) {
    RETURN_IF_ERROR(node.CheckObject({"mode", "debounce_ms", "prefetch", "cache_size", "workers"}));
  } else {
    RETURN_IF_ERROR(node.CheckObject({"mode", "debounce_ms", "prefetch", "cache_size"}));
  }
  if (auto mode = node.Find("mode")) {
    ASSIGN_OR_RETURN(std::string name, mode->String());
    if (!ParseSlicingMode(name).ok()) return mode->Error(ParseSlicingMode(name).status().message());
    spec.mode = name;
  }
  if (auto debounce = node.Find("debounce_ms")) {
    ASSIGN_OR_RETURN(double value, debounce->Number());
    if (!(value >= 0 && value <= kMaxWaitMs)) {
      return debounce->Error("debounce_ms must be 0 to " + FormatNumber(kMaxWaitMs) + " (an hour), got " +
                             FormatNumber(value));
    }
    spec.debounce_ms = value;
  }
  if (auto prefetch = node.Find("prefetch")) {
    ASSIGN_OR_RETURN(int value, prefetch->Integer());
    if (value < 0) return prefetch->Error("prefetch must be 0 or more, got " + std::to_string(value));
    spec.prefetch = value;
  }
  if (auto size = node.Find("cache_size")) {
    if (size->json().is_string()) {
      ASSIGN_OR_RETURN(std::string text, size->String());
      auto bytes = ParseByteSize(text);
      if (!bytes.ok()) return size->Error(bytes.status().message());
      spec.cache_bytes = *bytes;
    } else {
      ASSIGN_OR_RETURN(double value, size->Number());
      if (!(value >= 0) || value != static_cast<double>(static_cast<uint64_t>(value))) {
        return size->Error("cache_size must be a whole number of bytes or a size such as \"512MiB\"");
      }
      spec.cache_bytes = static_cast<uint64_t>(value);
    }
  }
  if (auto workers = node.Find("workers")) {
    ASSIGN_OR_RETURN(int value, workers->Integer());
    if (value < 0 || value > kMaxThreads) {
      return workers->Error("workers must be 0 (one per core) to " + std::to_string(kMaxThreads) + ", got " +
                            std::to_string(value));
    }
    spec.workers = value;
  }
  return Status::Ok();
}

Status ApplySlicingSpec(const SlicingSpec& spec, SlicerOptions& options) {
  if (spec.mode) {
    ASSIGN_OR_RETURN(options.mode, ParseSlicingMode(*spec.mode));
  }
  if (spec.debounce_ms) options.debounce = std::chrono::milliseconds(static_cast<int64_t>(*spec.debounce_ms));
  if (spec.prefetch) options.prefetch = *spec.prefetch;
  if (spec.cache_bytes) options.cache_bytes = *spec.cache_bytes;
  if (spec.workers) options.workers = *spec.workers;
  return Status::Ok();
}

std::string ExplicitSettingsPath() {
  const char* explicit_path = std::getenv("STACKSHOT_SETTINGS");
  return explicit_path != nullptr ? explicit_path : "";
}

std::string UserSettingsPath() {
  if (std::string explicit_path = ExplicitSettingsPath(); !explicit_path.empty()) return explicit_path;
  namespace fs = std::filesystem;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    return (fs::path(xdg) / "stackshot" / "settings.json").string();
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return (fs::path(home) / ".config" / "stackshot" / "settings.json").string();
  }
  return "";
}

Result<SlicerOptions> ParseSettings(const std::string& text, const std::string& file) {
  ASSIGN_OR_RETURN(nlohmann::json document, ParseJsonText(text, file));
  JsonReader root(document, file);
  RETURN_IF_ERROR(root.CheckObject({"slicing"}));
  SlicerOptions options;
  if (auto section = root.Find("slicing")) {
    SlicingSpec spec;
    RETURN_IF_ERROR(ParseSlicingSection(*section, spec, /*allow_workers=*/true));
    RETURN_IF_ERROR(ApplySlicingSpec(spec, options));
  }
  return options;
}

Result<SlicerOptions> LoadUserSlicerOptions() {
  const std::string path = UserSettingsPath();
  if (path.empty()) return SlicerOptions{};
  Result<std::string> text = ReadInputFile(path, "a settings file");
  if (text.status().code() == StatusCode::kNotFound) {
    // A file the user named must exist; the default places are optional.
    if (!ExplicitSettingsPath().empty()) return NotFoundError(path + " (STACKSHOT_SETTINGS): no such file");
    return SlicerOptions{};
  }
  if (!text.ok()) return text.status();
  return ParseSettings(*text, path);
}

}  // namespace stackshot
