#include "viewer/draw_items.h"

#include "layers/image/image_layer.h"
#include "layers/labels/labels_layer.h"
#include "layers/points/points_layer.h"
#include "layers/shapes/shapes_layer.h"
#include "layers/vectors/vectors_layer.h"

namespace stackshot {

Result<std::optional<DrawItem>> MakeDrawItem(const Layer& layer) {
  if (!layer.applied_response()) return std::optional<DrawItem>();
  if (const auto* image = dynamic_cast<const ImageLayer*>(&layer)) {
    auto response = std::dynamic_pointer_cast<const ImageSliceResponse>(layer.applied_response());
    if (!response) return InternalError("layer '" + layer.name() + "': response of another layer type");
    return std::optional<DrawItem>(ImageDrawItem{std::move(response), image->appearance()});
  }
  if (const auto* labels = dynamic_cast<const LabelsLayer*>(&layer)) {
    auto response = std::dynamic_pointer_cast<const LabelsSliceResponse>(layer.applied_response());
    if (!response) return InternalError("layer '" + layer.name() + "': response of another layer type");
    return std::optional<DrawItem>(LabelsDrawItem{std::move(response), labels->appearance()});
  }
  if (const auto* points = dynamic_cast<const PointsLayer*>(&layer)) {
    auto response = std::dynamic_pointer_cast<const PointsSliceResponse>(layer.applied_response());
    if (!response) return InternalError("layer '" + layer.name() + "': response of another layer type");
    return std::optional<DrawItem>(PointsDrawItem{std::move(response), points->appearance()});
  }
  if (const auto* shapes = dynamic_cast<const ShapesLayer*>(&layer)) {
    auto response = std::dynamic_pointer_cast<const ShapesSliceResponse>(layer.applied_response());
    if (!response) return InternalError("layer '" + layer.name() + "': response of another layer type");
    return std::optional<DrawItem>(ShapesDrawItem{std::move(response), shapes->appearance()});
  }
  if (const auto* vectors = dynamic_cast<const VectorsLayer*>(&layer)) {
    auto response = std::dynamic_pointer_cast<const VectorsSliceResponse>(layer.applied_response());
    if (!response) return InternalError("layer '" + layer.name() + "': response of another layer type");
    return std::optional<DrawItem>(VectorsDrawItem{std::move(response), vectors->appearance()});
  }
  return InternalError("layer '" + layer.name() + "': no drawer for layer type " + layer.type_name());
}

}  // namespace stackshot
