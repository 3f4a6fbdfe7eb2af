#include "scene/slicing_settings.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

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
    if (!(value >= 0)) return debounce->Error("debounce_ms must be 0 or more, got " + FormatNumber(value));
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
    if (value < 0) return workers->Error("workers must be 0 or more, got " + std::to_string(value));
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

std::string UserSettingsPath() {
  if (const char* explicit_path = std::getenv("STACKSHOT_SETTINGS"); explicit_path && *explicit_path) {
    return explicit_path;
  }
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
  nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return InvalidArgumentError(file + ": malformed JSON");
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
  if (path.empty() || !std::filesystem::exists(path)) return SlicerOptions{};
  std::ifstream in(path);
  if (!in) return IoError(path + ": cannot read the settings file");
  std::stringstream text;
  text << in.rdbuf();
  return ParseSettings(text.str(), path);
}

}  // namespace stackshot
