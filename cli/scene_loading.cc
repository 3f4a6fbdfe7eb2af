#include "scene_loading.h"

#include "size_option.h"

namespace stackshot {

Result<SceneSpec> LoadSceneForCommand(const std::string& scene, const std::vector<std::string>& sets,
                                      const std::string& size) {
  ASSIGN_OR_RETURN(SceneSpec spec, LoadScene(scene, sets));
  if (!size.empty()) {
    ASSIGN_OR_RETURN(const auto canvas, ParseCanvasSize(size).WithContext("--size"));
    spec.canvas.width = canvas[0];
    spec.canvas.height = canvas[1];
  }
  return spec;
}

}  // namespace stackshot
