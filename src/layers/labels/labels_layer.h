// LabelsLayer: an integer segmentation (napari's Labels) backed by a Source.
//
// Conventions: as ImageLayer for axes and transforms. Opacity starts at 0.7 (napari's
// default for labels). Appearance rules are in labels_appearance.h.
#pragma once

#include <memory>

#include "io/source.h"
#include "layers/labels/labels_appearance.h"
#include "layers/labels/labels_slice.h"
#include "layers/layer.h"

namespace stackshot {

class LabelsLayer final : public Layer {
 public:
  // Fails on float data ("labels need integer data, …"), fewer than 2 dims, or a
  // transform of another rank.
  static Result<std::shared_ptr<LabelsLayer>> Create(std::string name, std::shared_ptr<const Source> data,
                                                     Affine data_to_world);

  const char* type_name() const override { return "labels"; }
  const Source& data() const { return *data_; }

  // Colours, contour and selection; opacity and blending live on Layer.
  const LabelsAppearance& style() const { return style_; }
  Status SetStyle(LabelsAppearance style);  // contour ≥ 0
  // Everything the drawer needs, including the Layer's opacity and blending.
  LabelsAppearance appearance() const;

  // Threads a slice may use to decode HDF5 gzip chunks (0: all cores); by default
  // a plain read. The values read do not depend on it.
  int slice_threads() const { return slice_threads_; }
  void set_slice_threads(int threads) { slice_threads_ = threads; }

  bool slicing_is_fast() const override { return data_->in_memory(); }
  WorldExtent world_extent() const override;
  WorldExtent pixel_edge_extent() const override;
  Result<std::shared_ptr<const SliceRequest>> MakeSliceRequest(const Dims& dims, const SliceView& view,
                                                               uint64_t request_id) const override;

 private:
  LabelsLayer(std::string name, std::shared_ptr<const Source> data, Affine data_to_world, Affine world_to_data);

  std::shared_ptr<const Source> data_;
  LabelsAppearance style_;
  int slice_threads_ = Source::kPlainRead;
};

}  // namespace stackshot
