#include "anim/apply_state.h"

#include "layers/image/image_layer.h"
#include "layers/points/points_layer.h"
#include "layers/shapes/shapes_layer.h"
#include "layers/vectors/vectors_layer.h"

namespace stackshot {
namespace {

// Only a value the scene gives once for all elements is captured (keyframes.h
// refuses to animate the others).
void CaptureGeometry(const Layer& layer, LayerState& fields) {
  if (const auto* points = dynamic_cast<const PointsLayer*>(&layer)) {
    const PointsAppearance& style = points->style();
    auto one = [](const PointColor& c) {
      return c.mode == PointColor::Mode::kDirect && c.per_point.empty() ? std::optional<Rgba>(c.color) : std::nullopt;
    };
    fields.face_color = one(style.face_color);
    fields.border_color = one(style.border_color);
    if (style.border_widths.empty()) fields.border_width = style.border_width;
  } else if (const auto* shapes = dynamic_cast<const ShapesLayer*>(&layer)) {
    const ShapesAppearance& style = shapes->style();
    if (style.face_color.size() == 1) fields.face_color = style.face_color[0];
    if (style.edge_color.size() == 1) fields.edge_color = style.edge_color[0];
    if (style.edge_width.size() == 1) fields.edge_width = style.edge_width[0];
  } else if (const auto* vectors = dynamic_cast<const VectorsLayer*>(&layer)) {
    const VectorsAppearance& style = vectors->style();
    if (style.edge_color.size() == 1 && style.color_values.empty()) fields.edge_color = style.edge_color[0];
    fields.edge_width = style.edge_width;
    fields.length = style.length;
  }
}

// Sets what the state gives and differs from the layer's (an unchanged style is
// left alone). A points size goes into the slice request: the viewer slices again.
Status ApplyGeometry(Layer& layer, const LayerState& fields) {
  if (auto* points = dynamic_cast<PointsLayer*>(&layer)) {
    if (fields.size) RETURN_IF_ERROR(points->SetSize(*fields.size));
    PointsAppearance style = points->style();
    bool changed = false;
    auto set_color = [&changed](PointColor& color, const std::optional<Rgba>& value) {
      if (!value || (color.mode == PointColor::Mode::kDirect && color.per_point.empty() && color.color == *value)) {
        return;
      }
      color = DirectPointColor(*value);
      changed = true;
    };
    set_color(style.face_color, fields.face_color);
    set_color(style.border_color, fields.border_color);
    if (fields.border_width && (style.border_width != *fields.border_width || !style.border_widths.empty())) {
      style.border_width = *fields.border_width;
      style.border_widths.clear();
      changed = true;
    }
    return changed ? points->SetStyle(std::move(style)) : Status::Ok();
  }
  if (auto* shapes = dynamic_cast<ShapesLayer*>(&layer)) {
    ShapesAppearance style = shapes->style();
    if (fields.face_color) style.face_color = {*fields.face_color};
    if (fields.edge_color) style.edge_color = {*fields.edge_color};
    if (fields.edge_width) style.edge_width = {*fields.edge_width};
    const ShapesAppearance& now = shapes->style();
    if (style.face_color == now.face_color && style.edge_color == now.edge_color && style.edge_width == now.edge_width) {
      return Status::Ok();
    }
    return shapes->SetStyle(std::move(style));
  }
  if (auto* vectors = dynamic_cast<VectorsLayer*>(&layer)) {
    VectorsAppearance style = vectors->style();
    if (fields.edge_color) style.edge_color = {*fields.edge_color};
    if (fields.edge_width) style.edge_width = *fields.edge_width;
    if (fields.length) style.length = *fields.length;
    const VectorsAppearance& now = vectors->style();
    if (style.edge_color == now.edge_color && style.edge_width == now.edge_width && style.length == now.length) {
      return Status::Ok();
    }
    return vectors->SetStyle(std::move(style));
  }
  return Status::Ok();
}

}  // namespace

ViewState CaptureState(const ViewerModel& viewer, int width, int height, const CameraSpec& scene_camera) {
  ViewState state;
  const Dims& dims = viewer.dims();
  state.dims.ndisplay = dims.ndisplay();
  state.dims.order = dims.order();
  state.dims.point = dims.point();
  state.dims.margin_left = dims.margin_left();
  state.dims.margin_right = dims.margin_right();
  const Camera2D camera = viewer.CameraFor(width, height);
  state.camera.center = std::array<double, 2>{camera.center_y, camera.center_x};
  state.camera.zoom = camera.zoom;
  state.camera.angles = scene_camera.angles.value_or(std::array<double, 3>{0, 0, 90});
  state.camera.perspective = scene_camera.perspective.value_or(0.0);
  for (const auto& layer : viewer.layers()) {
    LayerState& fields = state.layers[layer->name()];
    fields.opacity = layer->opacity();
    fields.visible = layer->visible();
    fields.blending = layer->blending();
    if (const auto* image = dynamic_cast<const ImageLayer*>(layer.get())) {
      fields.colormap = image->colormap();
      fields.contrast_limits = image->contrast_limits();
      fields.gamma = image->gamma();
      fields.interpolation = image->interpolation();
    }
    CaptureGeometry(*layer, fields);
  }
  return state;
}

Status CheckTransforms(const ViewerModel& viewer, const ViewState& state) {
  for (const auto& layer : viewer.layers()) {
    auto found = state.layers.find(layer->name());
    if (found == state.layers.end() || !found->second.has_transform()) continue;
    Result<Affine> transform = BuildLayerTransform(layer->ndim(), found->second.transform());
    if (!transform.ok()) return transform.status().WithContext("layer '" + layer->name() + "'");
  }
  return Status::Ok();
}

Status ApplyState(ViewerModel& viewer, const ViewState& state) {
  // Transforms first: they move the dims range, which the state's point is clipped to.
  bool moved = false;
  for (const auto& layer : viewer.layers()) {
    auto found = state.layers.find(layer->name());
    if (found == state.layers.end() || !found->second.has_transform()) continue;
    Result<Affine> transform = BuildLayerTransform(layer->ndim(), found->second.transform());
    if (!transform.ok()) return transform.status().WithContext("layer '" + layer->name() + "'");
    if (transform->linear_row_major() == layer->data_to_world().linear_row_major() &&
        transform->translation_vector() == layer->data_to_world().translation_vector()) {
      continue;
    }
    RETURN_IF_ERROR(layer->SetTransform(std::move(*transform)));
    moved = true;
  }
  if (moved) viewer.UpdateDimsRange();
  Dims dims = viewer.dims();
  if (state.dims.ndisplay) RETURN_IF_ERROR(dims.SetNDisplay(*state.dims.ndisplay));
  if (state.dims.order) RETURN_IF_ERROR(dims.SetOrder(*state.dims.order));
  if (state.dims.point) RETURN_IF_ERROR(dims.SetPoint(*state.dims.point));
  if (state.dims.margin_left || state.dims.margin_right) {
    RETURN_IF_ERROR(dims.SetMargins(state.dims.margin_left.value_or(dims.margin_left()),
                                    state.dims.margin_right.value_or(dims.margin_right())));
  }
  RETURN_IF_ERROR(viewer.SetDims(std::move(dims), /*refresh=*/false));
  if (state.camera.center && state.camera.zoom) {
    viewer.SetCamera(Camera2D{(*state.camera.center)[0], (*state.camera.center)[1], *state.camera.zoom});
  }
  for (const auto& layer : viewer.layers()) {
    auto found = state.layers.find(layer->name());
    if (found == state.layers.end()) continue;
    const LayerState& fields = found->second;
    if (fields.opacity) layer->set_opacity(*fields.opacity);
    if (fields.visible) layer->set_visible(*fields.visible);
    if (fields.blending) layer->set_blending(*fields.blending);
    if (Status status = ApplyGeometry(*layer, fields); !status.ok()) {
      return status.WithContext("layer '" + layer->name() + "'");
    }
    auto* image = dynamic_cast<ImageLayer*>(layer.get());
    if (!image) continue;
    if (fields.colormap) image->set_colormap(*fields.colormap);
    if (fields.contrast_limits) {
      Status status = image->SetContrastLimits(*fields.contrast_limits);
      if (!status.ok()) return status.WithContext("layer '" + layer->name() + "'");
    }
    if (fields.gamma) {
      Status status = image->SetGamma(*fields.gamma);
      if (!status.ok()) return status.WithContext("layer '" + layer->name() + "'");
    }
    if (fields.interpolation) image->set_interpolation(*fields.interpolation);
  }
  return Status::Ok();
}

}  // namespace stackshot
