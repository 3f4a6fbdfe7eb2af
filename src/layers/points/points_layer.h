// PointsLayer: napari's Points, coordinates held in memory (PointsData).
//
// Conventions: as the other layers for axes and transforms (data → world by the
// layer's Affine). Sizes are diameters in world units, one for all points or one
// per point (napari's default 10). The world extent is the bounding box of the
// points (transformed); the pixel-edge extent grows it by half the largest size,
// as napari's _extent_data_augmented does. An empty layer spans [0, 1] on every
// axis, so it neither moves nor breaks the dims range.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "layers/layer.h"
#include "layers/points/points_appearance.h"
#include "layers/points/points_data.h"
#include "layers/points/points_slice.h"

namespace stackshot {

class PointsLayer final : public Layer {
 public:
  // Fails on fewer than 2 dims or a transform of another rank.
  static Result<std::shared_ptr<PointsLayer>> Create(std::string name, std::shared_ptr<const PointsData> data,
                                                     Affine data_to_world);

  const char* type_name() const override { return "points"; }
  const PointsData& data() const { return *data_; }

  // One size for all (≥ 0), or one per point.
  Status SetSize(double size);
  Status SetSizes(std::vector<double> sizes);
  // One flag per point; hidden points are never drawn.
  Status SetShown(std::vector<uint8_t> shown);
  void set_out_of_slice_display(bool on) { out_of_slice_display_ = on; }
  bool out_of_slice_display() const { return out_of_slice_display_; }
  void set_projection_mode(PointsProjection mode) { projection_mode_ = mode; }
  PointsProjection projection_mode() const { return projection_mode_; }
  int slice_threads() const { return slice_threads_; }
  void set_slice_threads(int threads) { slice_threads_ = threads; }

  // Symbol, colours and border; opacity and blending live on Layer. Fails when a
  // colour does not fit the data (a missing feature, a per-point count).
  const PointsAppearance& style() const { return style_; }
  Status SetStyle(PointsAppearance style);
  // Everything the drawer needs, including the Layer's opacity and blending.
  PointsAppearance appearance() const;

  bool slicing_is_fast() const override { return true; }
  WorldExtent world_extent() const override;
  WorldExtent pixel_edge_extent() const override;
  Result<std::shared_ptr<const SliceRequest>> MakeSliceRequest(const Dims& dims, const SliceView& view,
                                                               uint64_t request_id) const override;

 private:
  PointsLayer(std::string name, std::shared_ptr<const PointsData> data, Affine data_to_world, Affine world_to_data);

  std::shared_ptr<const PointsData> data_;
  double size_ = 10;
  std::shared_ptr<const std::vector<double>> sizes_;
  std::shared_ptr<const std::vector<uint8_t>> shown_;
  bool out_of_slice_display_ = false;
  PointsProjection projection_mode_ = PointsProjection::kNone;
  int slice_threads_ = 0;
  PointsAppearance style_;
};

}  // namespace stackshot
