// ViewState: what a keyframe sets — dims, camera and the appearance of layers by
// name. Every field is optional: a keyframe's state is partial and applies on top of
// the scene and the keyframes before it; a resolved state (frame_plan.h) has every
// field the viewer has.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "layers/image/image_appearance.h"
#include "layers/layer.h"
#include "nd/affine.h"
#include "scene/scene_spec.h"

namespace stackshot {

// The animatable fields of one layer. Every type: opacity, visible, blending and the
// transform. Image: colormap, contrast_limits, gamma, interpolation. Points: size,
// face_color, border_color, border_width; shapes: face_color, edge_color,
// edge_width; vectors: edge_color, edge_width, length. Those of points, shapes and
// vectors are one value for all their elements (keyframes.h refuses per-element
// lists).
struct LayerState {
  std::optional<double> opacity;
  std::optional<bool> visible;
  std::optional<Blending> blending;
  std::optional<ColormapSpec> colormap;
  std::optional<std::array<double, 2>> contrast_limits;
  std::optional<double> gamma;
  std::optional<Interpolation> interpolation;
  std::optional<double> size;
  std::optional<Rgba> face_color;
  std::optional<Rgba> border_color;
  std::optional<double> border_width;
  std::optional<Rgba> edge_color;
  std::optional<double> edge_width;
  std::optional<double> length;
  // The transform as the scene spells it (nd/affine.h's TransformParameters), one
  // optional part each; `rotate` holds only rotate_*, `shear` only shear_*.
  std::optional<std::vector<double>> scale;
  std::optional<std::vector<double>> translate;
  std::optional<TransformParameters> rotate;
  std::optional<TransformParameters> shear;
  std::optional<std::vector<std::vector<double>>> affine;

  bool has_transform() const { return scale || translate || rotate || shear || affine; }
  // The parts set here; unset ones are napari's defaults.
  TransformParameters transform() const;
};

struct ViewState {
  DimsSpec dims;      // ndisplay, order, point, margin_left, margin_right (axis_labels unused)
  CameraSpec camera;  // center, zoom, angles, perspective
  std::map<std::string, LayerState> layers;  // by layer name
};

// Fields set in `top` replace those of `base` (layers merge field by field).
void MergeState(ViewState& base, const ViewState& top);

bool operator==(const ColormapSpec& a, const ColormapSpec& b);

}  // namespace stackshot
