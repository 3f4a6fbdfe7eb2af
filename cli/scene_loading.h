// Loading a scene for a command that renders it: the file, its --set overrides and
// the --size flag, applied the same way by render and animate.
#pragma once

#include <string>
#include <vector>

#include "nd/status.h"
#include "scene/scene_spec.h"

namespace stackshot {

// LoadScene(scene, sets), then `size` ("WxH", empty for the scene's own) as the
// canvas size; a bad size fails with "--size: …".
Result<SceneSpec> LoadSceneForCommand(const std::string& scene, const std::vector<std::string>& sets,
                                      const std::string& size);

}  // namespace stackshot
