// ImageLayer: an n-dimensional image (napari's Image) backed by a Source, or by
// several (a multiscale pyramid).
//
// Conventions: the layer's data → world transform aligns data axis i with world
// axis i of the layer (the viewer puts a layer's axes at the trailing world axes).
// An RGB(A) layer's last data axis (3 or 4 long) is colour: the layer has one dim
// fewer than its data. Appearance fields are napari's; opacity and blending live on
// Layer.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "io/source.h"
#include "layers/image/image_appearance.h"
#include "layers/image/image_slice.h"
#include "layers/layer.h"

namespace stackshot {

// napari's guess_rgb: more than 2 dims, a last axis of 3 or 4, and the two axes
// before it longer than 30.
bool GuessRgb(const Shape& shape);

class ImageLayer final : public Layer {
 public:
  // Fails when the data has fewer than 2 dims (3 for RGB) or the transform's rank
  // differs from the layer's.
  static Result<std::shared_ptr<ImageLayer>> Create(std::string name, std::shared_ptr<const Source> data,
                                                    Affine data_to_world);
  // `levels`: level 0 (the finest) first; more than one is multiscale, and each must
  // shrink from the one before. `rgb`: the last axis is colour (3 or 4 long).
  static Result<std::shared_ptr<ImageLayer>> Create(std::string name,
                                                    std::vector<std::shared_ptr<const Source>> levels,
                                                    Affine data_to_world, bool rgb);

  const char* type_name() const override { return "image"; }
  const Source& data() const { return *data_; }
  const std::shared_ptr<const Source>& shared_data() const { return data_; }
  const std::vector<std::shared_ptr<const Source>>& levels() const { return levels_; }
  bool multiscale() const { return levels_.size() > 1; }
  bool rgb() const { return rgb_; }

  const ColormapSpec& colormap() const { return colormap_; }
  void set_colormap(ColormapSpec colormap) { colormap_ = std::move(colormap); }
  const std::array<double, 2>& contrast_limits() const { return contrast_limits_; }
  Status SetContrastLimits(std::array<double, 2> limits);  // lo < hi
  double gamma() const { return gamma_; }
  Status SetGamma(double gamma);  // > 0
  Interpolation interpolation() const { return interpolation_; }
  void set_interpolation(Interpolation interpolation) { interpolation_ = interpolation; }
  ProjectionMode projection_mode() const { return projection_mode_; }
  void set_projection_mode(ProjectionMode mode) { projection_mode_ = mode; }
  // Threads of the projection kernel in GetSlice (0: all cores; never changes the
  // result).
  int slice_threads() const { return slice_threads_; }
  void set_slice_threads(int threads) { slice_threads_ = threads; }

  // Everything the drawer needs, including the Layer's opacity and blending.
  ImageAppearance appearance() const;

  bool slicing_is_fast() const override;
  WorldExtent world_extent() const override;
  WorldExtent pixel_edge_extent() const override;
  Result<std::shared_ptr<const SliceRequest>> MakeSliceRequest(const Dims& dims, const SliceView& view,
                                                               uint64_t request_id) const override;

 private:
  ImageLayer(std::string name, std::vector<std::shared_ptr<const Source>> levels, bool rgb, Affine data_to_world,
             Affine world_to_data);
  // The data's shape without the colour axis.
  Shape LayerShape() const;

  std::shared_ptr<const Source> data_;
  std::vector<std::shared_ptr<const Source>> levels_;
  bool rgb_ = false;
  ColormapSpec colormap_;
  std::array<double, 2> contrast_limits_ = {0, 1};
  double gamma_ = 1.0;
  Interpolation interpolation_ = Interpolation::kNearest;
  ProjectionMode projection_mode_ = ProjectionMode::kNone;
  int slice_threads_ = 0;
};

// napari's default contrast limits: (0, 255) for uint8 data, else the data's min and
// max. Data of more than 1e7 elements is sampled (the first, middle and last planes
// along axis 0, never of the colour axis), as napari's calc_data_range does for large
// arrays. Equal min and max become (min, min + 1). For a pyramid napari reads the
// coarsest level; pass it.
Result<std::array<double, 2>> EstimateContrastLimits(const Source& data, bool rgb = false);

}  // namespace stackshot
