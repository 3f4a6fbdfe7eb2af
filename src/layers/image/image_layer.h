// ImageLayer: an n-dimensional image (napari's Image) backed by a Source.
//
// Conventions: the layer's data → world transform aligns data axis i with world
// axis i of the layer (the viewer puts a layer's axes at the trailing world axes).
// Appearance fields are napari's; opacity and blending live on Layer.
#pragma once

#include <array>
#include <memory>

#include "io/source.h"
#include "layers/image/image_appearance.h"
#include "layers/image/image_slice.h"
#include "layers/layer.h"

namespace stackshot {

class ImageLayer final : public Layer {
 public:
  // Fails when the data has fewer than 2 dims or the transform's rank differs.
  static Result<std::shared_ptr<ImageLayer>> Create(std::string name, std::shared_ptr<const Source> data,
                                                    Affine data_to_world);

  const char* type_name() const override { return "image"; }
  const Source& data() const { return *data_; }
  const std::shared_ptr<const Source>& shared_data() const { return data_; }

  const ColormapSpec& colormap() const { return colormap_; }
  void set_colormap(ColormapSpec colormap) { colormap_ = std::move(colormap); }
  const std::array<double, 2>& contrast_limits() const { return contrast_limits_; }
  Status SetContrastLimits(std::array<double, 2> limits);  // lo < hi
  double gamma() const { return gamma_; }
  Status SetGamma(double gamma);  // > 0
  Interpolation interpolation() const { return interpolation_; }
  void set_interpolation(Interpolation interpolation) { interpolation_ = interpolation; }

  // Everything the drawer needs, including the Layer's opacity and blending.
  ImageAppearance appearance() const;

  WorldExtent world_extent() const override;
  WorldExtent pixel_edge_extent() const override;
  Result<std::shared_ptr<const SliceRequest>> MakeSliceRequest(const Dims& dims,
                                                               uint64_t request_id) const override;

 private:
  ImageLayer(std::string name, std::shared_ptr<const Source> data, Affine data_to_world, Affine world_to_data);

  std::shared_ptr<const Source> data_;
  Affine world_to_data_;
  ColormapSpec colormap_;
  std::array<double, 2> contrast_limits_ = {0, 1};
  double gamma_ = 1.0;
  Interpolation interpolation_ = Interpolation::kNearest;
};

// napari's default contrast limits: the data's min and max. Data of more than
// 1e7 elements is sampled (the first, middle and last planes along axis 0), as
// napari's calc_data_range does for large arrays. Equal min and max become
// (min, min + 1).
Result<std::array<double, 2>> EstimateContrastLimits(const Source& data);

}  // namespace stackshot
