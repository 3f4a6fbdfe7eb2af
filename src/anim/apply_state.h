// Between a ViewerModel and a ViewState: the viewer's state captured as the base of
// an animation, and a frame's state applied to the viewer.
#pragma once

#include "anim/view_state.h"
#include "viewer/viewer_model.h"

namespace stackshot {

// Every field the viewer has: dims, the camera it uses for a `width` × `height`
// canvas (the fitted one when the scene sets none), angles and perspective from the
// scene (napari's defaults (0, 0, 90) and 0 otherwise), and each layer's appearance.
ViewState CaptureState(const ViewerModel& viewer, int width, int height, const CameraSpec& scene_camera);

// Sets layer transforms (then the dims range follows the layers' extents), dims
// (without slicing: the caller refreshes), camera and layer appearance. Layers the
// state does not name keep theirs; so does a layer whose state has no transform part.
Status ApplyState(ViewerModel& viewer, const ViewState& state);

// Fails when a layer transform of `state` does not fit its layer (a part of the
// wrong length, a singular result), naming the layer.
Status CheckTransforms(const ViewerModel& viewer, const ViewState& state);

}  // namespace stackshot
