// ShapesLayer: 2D geometry (napari's Shapes) held in memory.
//
// Conventions: as other layers for axes and transforms; the layer has the data's
// ndim. Opacity starts at 0.7 (napari's default). Slicing is in slice rules of
// shapes_slice.h, appearance in shapes_appearance.h. The extent is the bounding
// box of all vertices (no pixel-edge margin, as napari); an empty layer has no
// extent (NaN, ignored by the dims range and the camera fit).
#pragma once

#include <memory>

#include "layers/layer.h"
#include "layers/shapes/shapes_appearance.h"
#include "layers/shapes/shapes_data.h"
#include "layers/shapes/shapes_slice.h"

namespace stackshot {

class ShapesLayer final : public Layer {
 public:
  // Fails when the transform's rank differs from the data's.
  static Result<std::shared_ptr<ShapesLayer>> Create(std::string name, std::shared_ptr<const ShapesData> data,
                                                     Affine data_to_world);

  const char* type_name() const override { return "shapes"; }
  const ShapesData& data() const { return *data_; }

  const ShapesAppearance& style() const { return style_; }
  Status SetStyle(ShapesAppearance style);  // per-shape lists of 1 or size() entries
  // Everything the drawer needs, including the Layer's opacity and blending.
  ShapesAppearance appearance() const;

  bool slicing_is_fast() const override { return true; }
  WorldExtent world_extent() const override;
  WorldExtent pixel_edge_extent() const override { return world_extent(); }
  Result<std::shared_ptr<const SliceRequest>> MakeSliceRequest(const Dims& dims, const SliceView& view,
                                                               uint64_t request_id) const override;

 private:
  ShapesLayer(std::string name, std::shared_ptr<const ShapesData> data, Affine data_to_world, Affine world_to_data);

  std::shared_ptr<const ShapesData> data_;
  ShapesAppearance style_;
};

// The world extent of the data box [lo, hi] (per axis) under `data_to_world`: the
// min and max over its 2^D transformed corners; NaN bounds when lo is empty.
WorldExtent BoxWorldExtent(const std::vector<double>& lo, const std::vector<double>& hi, const Affine& data_to_world);

}  // namespace stackshot
