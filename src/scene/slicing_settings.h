// Slicer settings: the defaults (configs/settings.json documents them), the user's
// settings file, and the scene's "slicing" section, applied in that order; the
// command line comes last.
//
// The user's file is $STACKSHOT_SETTINGS if set, else
// $XDG_CONFIG_HOME/stackshot/settings.json, else ~/.config/stackshot/settings.json;
// a missing file means the defaults. Its errors name the file and JSON pointer.
#pragma once

#include <optional>
#include <string>

#include "scene/json_reader.h"
#include "scene/scene_spec.h"
#include "slicing/slicer_options.h"

namespace stackshot {

// Keys: mode ("batched" | "per_layer"), debounce_ms (≥ 0), prefetch (≥ 0),
// cache_size (bytes or "512MiB"), workers (≥ 0; settings file only).
Status ParseSlicingSection(const JsonReader& node, SlicingSpec& spec, bool allow_workers);
Status ApplySlicingSpec(const SlicingSpec& spec, SlicerOptions& options);

std::string UserSettingsPath();
// The defaults with the user's settings file applied.
Result<SlicerOptions> LoadUserSlicerOptions();
// Parses a settings document (for tests and LoadUserSlicerOptions).
Result<SlicerOptions> ParseSettings(const std::string& text, const std::string& file);

}  // namespace stackshot
