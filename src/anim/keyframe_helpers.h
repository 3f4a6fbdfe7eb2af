// Keyframes written for the user (`stackshot keyframes …`), for what users keep
// asking napari-animation for: a sweep through a dims axis, and an orbit of full
// turns. The result is a keyframes file (keyframes.h's schema) to pass to
// `stackshot animate --keyframes`, or to paste into a scene's "animation".
#pragma once

#include <array>

#include <nlohmann/json.hpp>

#include "nd/dims.h"
#include "nd/status.h"

namespace stackshot {

// One frame per slider position along `axis`: from its first to its last position
// (and back to the first with `loop`), linear. Fails for an axis outside the dims or
// one with a single position.
Result<nlohmann::json> SweepKeyframes(const Dims& dims, int axis, bool loop, double fps);

// `turns` full turns of the camera about world z in `frames` frames, starting and
// ending at `angles` (the "turns" of the second keyframe).
Result<nlohmann::json> OrbitKeyframes(const std::array<double, 3>& angles, int turns, int frames, double fps);

}  // namespace stackshot
