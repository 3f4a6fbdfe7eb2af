#include "anim/animation_manifest.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "anim/keyframes.h"
#include "scene/scene_spec.h"

namespace stackshot {
namespace {

namespace fs = std::filesystem;

constexpr int kManifestVersion = 1;

}  // namespace

std::string Fingerprint(const std::vector<std::string>& parts) {
  uint64_t hash = 0xcbf29ce484222325ull;
  auto mix = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 0x100000001b3ull;
  };
  for (const std::string& part : parts) {
    for (char c : part) mix(static_cast<unsigned char>(c));
    mix(0);
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

Result<std::string> CanonicalScene(const std::string& scene_path, const std::vector<std::string>& overrides) {
  ASSIGN_OR_RETURN(nlohmann::json document, ReadJsonFile(scene_path));
  for (const std::string& assignment : overrides) RETURN_IF_ERROR(ApplyOverride(document, assignment));
  return document.dump();
}

std::string ManifestPath(const OutputSpec& output) { return (fs::path(output.path) / kManifestName).string(); }

Status WriteManifest(const OutputSpec& output, const AnimationManifest& manifest) {
  nlohmann::json json = {{"stackshot_animation", kManifestVersion},
                         {"fingerprint", manifest.fingerprint},
                         {"frames", manifest.frame_count},
                         {"size", {manifest.width, manifest.height}},
                         {"format", manifest.format}};
  const std::string path = ManifestPath(output);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
    stream << json.dump(2) << "\n";
    if (!stream.good()) return IoError(temporary + ": cannot write the manifest");
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) return IoError(path + ": cannot write the manifest: " + error.message());
  return Status::Ok();
}

Result<AnimationManifest> ReadManifest(const OutputSpec& output) {
  const std::string path = ManifestPath(output);
  ASSIGN_OR_RETURN(nlohmann::json json, ReadJsonFile(path));
  AnimationManifest manifest;
  const bool valid = json.is_object() && json.value("stackshot_animation", 0) == kManifestVersion &&
                     json.contains("fingerprint") && json["fingerprint"].is_string() && json.contains("frames") &&
                     json["frames"].is_number_integer() && json.contains("size") && json["size"].is_array() &&
                     json["size"].size() == 2 && json.contains("format") && json["format"].is_string();
  if (!valid) return InvalidArgumentError(path + ": not a stackshot animation manifest");
  manifest.fingerprint = json["fingerprint"].get<std::string>();
  manifest.frame_count = json["frames"].get<int64_t>();
  manifest.width = json["size"][0].get<int>();
  manifest.height = json["size"][1].get<int>();
  manifest.format = json["format"].get<std::string>();
  return manifest;
}

Status CheckResume(const OutputSpec& output, const AnimationManifest& expected) {
  Result<AnimationManifest> found = ReadManifest(output);
  if (!found.ok()) {
    return InvalidArgumentError("--resume: " + found.status().message() + " (nothing to resume in " + output.path +
                                ")");
  }
  std::string differs;
  if (found->width != expected.width || found->height != expected.height) {
    differs = "the size (" + std::to_string(found->width) + "×" + std::to_string(found->height) + " there, " +
              std::to_string(expected.width) + "×" + std::to_string(expected.height) + " now)";
  } else if (found->format != expected.format) {
    differs = "the format (" + found->format + " there, " + expected.format + " now)";
  } else if (found->frame_count != expected.frame_count || found->fingerprint != expected.fingerprint) {
    differs = "the scene or its keyframes";
  }
  if (!differs.empty()) {
    return InvalidArgumentError("--resume: the frames in " + output.path + " are of another animation: " + differs +
                                " differs; render into a new folder, or without --resume to replace them");
  }
  return Status::Ok();
}

std::vector<int64_t> MissingFrames(const OutputSpec& output, const std::vector<int64_t>& wanted) {
  std::vector<int64_t> missing;
  std::error_code error;
  for (int64_t frame : wanted) {
    if (!fs::is_regular_file(FramePath(output, frame), error)) missing.push_back(frame);
  }
  return missing;
}

void RemoveStaleTemporaries(const OutputSpec& output) {
  std::error_code error;
  for (fs::directory_iterator it(output.path, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(output.stem + "_", 0) == 0 && name.find(".tmp-") != std::string::npos) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

std::vector<std::pair<int64_t, std::string>> FrameFiles(const OutputSpec& output) {
  std::vector<std::pair<int64_t, std::string>> frames;
  const std::string prefix = output.stem + "_";
  const std::string suffix = "." + output.format;
  std::error_code error;
  for (fs::directory_iterator it(output.path, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.size() < prefix.size() + 6 + suffix.size() || name.rfind(prefix, 0) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    frames.emplace_back(std::stoll(digits), name);
  }
  std::sort(frames.begin(), frames.end());
  return frames;
}

Result<int64_t> RemoveEarlierFrames(const OutputSpec& output, const AnimationManifest& manifest) {
  Result<AnimationManifest> found = ReadManifest(output);
  const bool same = found.ok() && found->fingerprint == manifest.fingerprint &&
                    found->frame_count == manifest.frame_count && found->width == manifest.width &&
                    found->height == manifest.height && found->format == manifest.format;
  int64_t removed = 0;
  for (const auto& [frame, name] : FrameFiles(output)) {
    if (same && frame < manifest.frame_count) continue;
    const fs::path path = fs::path(output.path) / name;
    std::error_code error;
    fs::remove(path, error);
    if (error) return IoError(path.string() + ": cannot remove an earlier run's frame: " + error.message());
    ++removed;
  }
  return removed;
}

}  // namespace stackshot
