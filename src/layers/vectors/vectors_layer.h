// VectorsLayer: napari's Vectors, N×2×D position/projection pairs held in memory.
//
// Conventions: as other layers for axes and transforms; the layer has the data's D
// dims. Opacity starts at 0.7 (napari's default). Slicing rules are in
// vectors_slice.h, appearance in vectors_appearance.h. The extent is the bounding
// box of the positions and the tips (position + length × projection), as napari's
// _extent_data; an empty layer has no extent (NaN, ignored).
#pragma once

#include <memory>

#include "layers/layer.h"
#include "layers/vectors/vectors_appearance.h"
#include "layers/vectors/vectors_data.h"
#include "layers/vectors/vectors_slice.h"

namespace stackshot {

class VectorsLayer final : public Layer {
 public:
  static Result<std::shared_ptr<VectorsLayer>> Create(std::string name, std::shared_ptr<const VectorsData> data,
                                                      Affine data_to_world);

  const char* type_name() const override { return "vectors"; }
  const VectorsData& data() const { return *data_; }

  const VectorsAppearance& style() const { return style_; }
  Status SetStyle(VectorsAppearance style);
  VectorsAppearance appearance() const;  // with the Layer's opacity and blending
  bool out_of_slice_display() const { return out_of_slice_display_; }
  void set_out_of_slice_display(bool value) { out_of_slice_display_ = value; }

  bool slicing_is_fast() const override { return true; }
  WorldExtent world_extent() const override;
  WorldExtent pixel_edge_extent() const override { return world_extent(); }
  Result<std::shared_ptr<const SliceRequest>> MakeSliceRequest(const Dims& dims, const SliceView& view,
                                                               uint64_t request_id) const override;

 private:
  VectorsLayer(std::string name, std::shared_ptr<const VectorsData> data, Affine data_to_world, Affine world_to_data);

  std::shared_ptr<const VectorsData> data_;
  VectorsAppearance style_;
  bool out_of_slice_display_ = false;
};

}  // namespace stackshot
