// The resume manifest: a small JSON file in a folder of frames that says which
// animation the frames belong to, so `--resume` adds only the missing frames of the
// same animation and refuses to mix two.
//
// The fingerprint covers everything that changes pixels: the scene document after
// --set, the animation (scene section or keyframes file), the canvas size and the
// frame format. fps and the frame range do not change a frame's pixels.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "anim/frame_sink.h"
#include "nd/status.h"

namespace stackshot {

inline constexpr char kManifestName[] = "stackshot-animation.json";

struct AnimationManifest {
  std::string fingerprint;  // 16 hex digits
  int64_t frame_count = 0;
  int width = 0;
  int height = 0;
  std::string format;
};

// FNV-1a 64 of the parts, each followed by a separator, as 16 hex digits.
std::string Fingerprint(const std::vector<std::string>& parts);

// The scene file's document after `overrides`, as compact JSON (keys sorted).
Result<std::string> CanonicalScene(const std::string& scene_path, const std::vector<std::string>& overrides);

std::string ManifestPath(const OutputSpec& output);
// Written under a temporary name and renamed.
Status WriteManifest(const OutputSpec& output, const AnimationManifest& manifest);
// Fails when the file is missing or unreadable.
Result<AnimationManifest> ReadManifest(const OutputSpec& output);

// --resume: the folder's manifest must match `expected`; fails saying what differs.
Status CheckResume(const OutputSpec& output, const AnimationManifest& expected);

// Frames of `wanted` whose files are missing from the folder.
std::vector<int64_t> MissingFrames(const OutputSpec& output, const std::vector<int64_t>& wanted);

// Removes temporary files ("*.tmp-*") a killed run left in the folder.
void RemoveStaleTemporaries(const OutputSpec& output);

// The frame files in the folder: names of the pattern "<stem>_<6 or more
// digits>.<format>", with their frame numbers, sorted.
std::vector<std::pair<int64_t, std::string>> FrameFiles(const OutputSpec& output);

// Before a new (not resumed) run writes its manifest: removes the frames of the
// folder's name pattern that are not of `manifest`'s animation, so the folder never
// holds two animations' frames. All of them when the folder's manifest is missing
// or names another animation (scene, keyframes, size or format); otherwise those
// numbered past its frame count. Returns how many it removed; fails naming a file
// it cannot remove.
Result<int64_t> RemoveEarlierFrames(const OutputSpec& output, const AnimationManifest& manifest);

}  // namespace stackshot
