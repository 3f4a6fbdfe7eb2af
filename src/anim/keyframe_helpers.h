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

// A helper whose frames would all be the same picture is refused with the reason:
// animating nothing is never what was asked for.

// One frame per slider position along `axis`: from its first to its last position
// (and back to the first with `loop`), linear. Fails, naming --axis, for an axis
// outside the dims, a displayed one (moving along it changes no slice) or one with
// a single position.
Result<nlohmann::json> SweepKeyframes(const Dims& dims, int axis, bool loop, double fps);

// Ok when turning the camera changes the picture: only in 3D display, as the 2D
// view ignores the camera's angles.
Status CheckOrbitAnimates(const Dims& dims);

// `turns` full turns of the camera about world z in `frames` frames, starting and
// ending at `angles` (the "turns" of the second keyframe). Fails, naming the flag,
// for 0 turns or fewer than 2 frames.
Result<nlohmann::json> OrbitKeyframes(const std::array<double, 3>& angles, int turns, int frames, double fps);

}  // namespace stackshot
