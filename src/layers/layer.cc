#include "layers/layer.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "nd/nearest_names.h"

namespace stackshot {

namespace {

constexpr Blending kAllBlendings[] = {Blending::kOpaque, Blending::kTranslucent,
                                      Blending::kTranslucentNoDepth, Blending::kAdditive,
                                      Blending::kMinimum};

}  // namespace

const char* BlendingName(Blending blending) {
  switch (blending) {
    case Blending::kOpaque: return "opaque";
    case Blending::kTranslucent: return "translucent";
    case Blending::kTranslucentNoDepth: return "translucent_no_depth";
    case Blending::kAdditive: return "additive";
    case Blending::kMinimum: return "minimum";
  }
  return "unknown";
}

Result<Blending> ParseBlending(const std::string& name) {
  std::vector<std::string> names;
  for (Blending blending : kAllBlendings) {
    if (name == BlendingName(blending)) return blending;
    names.emplace_back(BlendingName(blending));
  }
  return InvalidArgumentError("unknown blending '" + name + "' (" + SuggestNames(name, names) + ")");
}

Layer::Layer(std::string name, Affine data_to_world, Affine world_to_data)
    : name_(std::move(name)), data_to_world_(std::move(data_to_world)), world_to_data_(std::move(world_to_data)) {}

Status Layer::SetTransform(Affine data_to_world) {
  if (data_to_world.ndim() != ndim()) {
    return InvalidArgumentError("layer '" + name_ + "': transform has " + std::to_string(data_to_world.ndim()) +
                                " dims, the layer has " + std::to_string(ndim()));
  }
  Result<Affine> inverse = data_to_world.Inverse();
  if (!inverse.ok()) return inverse.status().WithContext("layer '" + name_ + "' transform");
  data_to_world_ = std::move(data_to_world);
  world_to_data_ = std::move(*inverse);
  return Status::Ok();
}

Result<Affine> CheckedInverse(const Affine& data_to_world, int ndim, std::string_view what) {
  if (ndim < 2) return InvalidArgumentError(std::string(what) + " need at least 2 dims, got " + std::to_string(ndim));
  if (data_to_world.ndim() != ndim) {
    return InternalError("transform has " + std::to_string(data_to_world.ndim()) + " dims, " + std::string(what) +
                         " have " + std::to_string(ndim));
  }
  return data_to_world.Inverse();
}

Result<LayerAxes> AlignDimsToLayer(const Dims& dims, int layer_ndim) {
  const int offset = dims.ndim() - layer_ndim;
  if (offset < 0) {
    return InternalError("dims have " + std::to_string(dims.ndim()) + " axes, fewer than the layer's " +
                         std::to_string(layer_ndim));
  }
  LayerAxes axes;
  axes.point.assign(dims.point().begin() + offset, dims.point().end());
  if (static_cast<int>(dims.margin_left().size()) == dims.ndim()) {
    axes.margin_left.assign(dims.margin_left().begin() + offset, dims.margin_left().end());
  }
  if (static_cast<int>(dims.margin_right().size()) == dims.ndim()) {
    axes.margin_right.assign(dims.margin_right().begin() + offset, dims.margin_right().end());
  }
  for (int world_axis : dims.displayed()) {
    if (world_axis < offset) {
      return InvalidArgumentError("displayed axis " + std::to_string(world_axis) + " is not one of the layer's axes");
    }
    axes.displayed.push_back(world_axis - offset);
  }
  if (axes.displayed.size() != 2) return InvalidArgumentError("only 2D display is supported");
  for (int axis = 0; axis < layer_ndim; ++axis) {
    if (std::find(axes.displayed.begin(), axes.displayed.end(), axis) == axes.displayed.end()) {
      axes.not_displayed.push_back(axis);
    }
  }
  return axes;
}

}  // namespace stackshot
