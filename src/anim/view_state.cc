#include "anim/view_state.h"

namespace stackshot {
namespace {

template <typename T>
void Take(std::optional<T>& base, const std::optional<T>& top) {
  if (top) base = top;
}

}  // namespace

bool operator==(const ColormapSpec& a, const ColormapSpec& b) {
  return a.name == b.name && a.colors == b.colors && a.controls == b.controls;
}

TransformParameters LayerState::transform() const {
  TransformParameters params;
  if (scale) params.scale = *scale;
  if (translate) params.translate = *translate;
  if (rotate) {
    params.rotate_angle = rotate->rotate_angle;
    params.rotate_angles = rotate->rotate_angles;
    params.rotate_matrix = rotate->rotate_matrix;
  }
  if (shear) {
    params.shear_vector = shear->shear_vector;
    params.shear_matrix = shear->shear_matrix;
  }
  if (affine) params.affine = *affine;
  return params;
}

void MergeState(ViewState& base, const ViewState& top) {
  Take(base.dims.ndisplay, top.dims.ndisplay);
  Take(base.dims.order, top.dims.order);
  Take(base.dims.point, top.dims.point);
  Take(base.dims.margin_left, top.dims.margin_left);
  Take(base.dims.margin_right, top.dims.margin_right);
  Take(base.dims.axis_labels, top.dims.axis_labels);
  Take(base.camera.center, top.camera.center);
  Take(base.camera.zoom, top.camera.zoom);
  Take(base.camera.angles, top.camera.angles);
  Take(base.camera.perspective, top.camera.perspective);
  for (const auto& [name, layer] : top.layers) {
    LayerState& into = base.layers[name];
    Take(into.opacity, layer.opacity);
    Take(into.visible, layer.visible);
    Take(into.blending, layer.blending);
    Take(into.colormap, layer.colormap);
    Take(into.contrast_limits, layer.contrast_limits);
    Take(into.gamma, layer.gamma);
    Take(into.interpolation, layer.interpolation);
    Take(into.size, layer.size);
    Take(into.face_color, layer.face_color);
    Take(into.border_color, layer.border_color);
    Take(into.border_width, layer.border_width);
    Take(into.edge_color, layer.edge_color);
    Take(into.edge_width, layer.edge_width);
    Take(into.length, layer.length);
    Take(into.scale, layer.scale);
    Take(into.translate, layer.translate);
    Take(into.rotate, layer.rotate);
    Take(into.shear, layer.shear);
    Take(into.affine, layer.affine);
  }
}

}  // namespace stackshot
