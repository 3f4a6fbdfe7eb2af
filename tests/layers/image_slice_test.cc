#include "layers/image/image_slice.h"

#include <gtest/gtest.h>

#include "layers/image/image_layer.h"

namespace stackshot {
namespace {

// data[z][y][x] = 100*z + 10*y + x, shape 5×3×4.
std::shared_ptr<Source> Ramp() {
  Array a = Array::Zeros(DType::kUInt16, {5, 3, 4});
  uint16_t* p = a.mutable_data<uint16_t>();
  for (int z = 0; z < 5; ++z)
    for (int y = 0; y < 3; ++y)
      for (int x = 0; x < 4; ++x) p[(z * 3 + y) * 4 + x] = static_cast<uint16_t>(100 * z + 10 * y + x);
  return MakeMemorySource(a, "ramp");
}

std::shared_ptr<ImageLayer> Layer3(TransformParameters params = {}) {
  auto transform = BuildLayerTransform(3, params);
  EXPECT_TRUE(transform.ok());
  auto layer = ImageLayer::Create("ramp", Ramp(), *transform);
  EXPECT_TRUE(layer.ok()) << layer.status().message();
  return *layer;
}

Dims At(std::vector<double> point, std::vector<int> order = {0, 1, 2}) {
  Dims dims(static_cast<int>(point.size()));
  std::vector<AxisRange> range(point.size(), AxisRange{-100, 100, 1});
  dims.SetRange(range);
  EXPECT_TRUE(dims.SetOrder(order).ok());
  EXPECT_TRUE(dims.SetPoint(point).ok());
  return dims;
}

std::shared_ptr<const ImageSliceResponse> Slice(const ImageLayer& layer, const Dims& dims) {
  auto request = layer.MakeSliceRequest(dims, {}, 7);
  EXPECT_TRUE(request.ok()) << request.status().message();
  auto response = GetImageSlice(static_cast<const ImageSliceRequest&>(**request));
  EXPECT_TRUE(response.ok()) << response.status().message();
  return *response;
}

float At(const ImageSliceResponse& r, int row, int col) {
  return r.plane.data<float>()[row * r.plane.shape()[1] + col];
}

TEST(ImageSliceTest, SlicesThePlaneAtThePoint) {
  auto r = Slice(*Layer3(), At({2, 0, 0}));
  ASSERT_FALSE(r->empty);
  EXPECT_EQ(r->request_id, 7u);
  ASSERT_EQ(r->plane.shape(), (Shape{3, 4}));
  EXPECT_EQ(At(*r, 0, 0), 200);
  EXPECT_EQ(At(*r, 2, 3), 223);
  EXPECT_EQ(r->bytes_read, 3u * 4u * 2u);  // only the plane was read
}

TEST(ImageSliceTest, RoundsHalfToEven) {
  // napari: 0.5 → 0, 1.5 → 2, 2.5 → 2.
  EXPECT_EQ(At(*Slice(*Layer3(), At({0.5, 0, 0})), 0, 0), 0);
  EXPECT_EQ(At(*Slice(*Layer3(), At({1.5, 0, 0})), 0, 0), 200);
  EXPECT_EQ(At(*Slice(*Layer3(), At({2.5, 0, 0})), 0, 0), 200);
  EXPECT_EQ(At(*Slice(*Layer3(), At({2.6, 0, 0})), 0, 0), 300);
}

TEST(ImageSliceTest, OutOfBoundsIsEmptyNotClamped) {
  EXPECT_TRUE(Slice(*Layer3(), At({5, 0, 0}))->empty);
  EXPECT_TRUE(Slice(*Layer3(), At({-1, 0, 0}))->empty);
  EXPECT_FALSE(Slice(*Layer3(), At({4.4, 0, 0}))->empty);
  EXPECT_TRUE(Slice(*Layer3(), At({4.6, 0, 0}))->empty);
  EXPECT_FALSE(Slice(*Layer3(), At({-0.5, 0, 0}))->empty);  // rounds to -0 → index 0
}

TEST(ImageSliceTest, UsesWorldToDataOfTheSlicedAxes) {
  TransformParameters params;
  params.scale = {2, 1, 1};
  params.translate = {10, 0, 0};
  // world z = 2*k + 10 → k = (z - 10) / 2; z = 15 → 2.5 → 2.
  auto r = Slice(*Layer3(params), At({15, 0, 0}));
  EXPECT_EQ(At(*r, 0, 0), 200);
  EXPECT_TRUE(Slice(*Layer3(params), At({8, 0, 0}))->empty);
}

TEST(ImageSliceTest, PlaneToWorldMapsDisplayedAxes) {
  TransformParameters params;
  params.scale = {1, 3, 0.5};
  params.translate = {0, 7, -2};
  auto r = Slice(*Layer3(params), At({1, 0, 0}));
  const auto world = r->plane_to_world.Apply(std::vector<double>{2, 4});
  EXPECT_DOUBLE_EQ(world[0], 3 * 2 + 7);
  EXPECT_DOUBLE_EQ(world[1], 0.5 * 4 - 2);
}

TEST(ImageSliceTest, TransposedDisplayOrder) {
  // order (0, 2, 1): rows show axis 2 (x), columns axis 1 (y).
  auto r = Slice(*Layer3(), At({1, 0, 0}, {0, 2, 1}));
  ASSERT_EQ(r->plane.shape(), (Shape{4, 3}));
  EXPECT_EQ(At(*r, 3, 2), 100 + 20 + 3);
  EXPECT_EQ(At(*r, 1, 0), 101);
}

TEST(ImageSliceTest, SlicingAnotherAxis) {
  // order (1, 0, 2): displayed z (rows) and x (cols), sliced at y = 2.
  auto r = Slice(*Layer3(), At({0, 2, 0}, {1, 0, 2}));
  ASSERT_EQ(r->plane.shape(), (Shape{5, 4}));
  EXPECT_EQ(At(*r, 4, 1), 400 + 20 + 1);
}

TEST(ImageSliceTest, LayerAlignsToTrailingWorldAxes) {
  // A 3D layer in a 4D world: the first world axis is not the layer's.
  auto r = Slice(*Layer3(), At({9, 3, 0, 0}, {0, 1, 2, 3}));
  EXPECT_EQ(At(*r, 1, 1), 300 + 10 + 1);
}

TEST(ImageSliceTest, RequestHoldsDataByReference) {
  auto layer = Layer3();
  auto request = layer->MakeSliceRequest(At({1, 0, 0}), {}, 1);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(static_cast<const ImageSliceRequest&>(**request).data.get(), &layer->data());
}

TEST(ImageLayerTest, RejectsOneDimensionalData) {
  auto source = MakeMemorySource(Array::Zeros(DType::kUInt8, {5}), "line");
  auto layer = ImageLayer::Create("line", source, Affine::Identity(1));
  ASSERT_FALSE(layer.ok());
  EXPECT_NE(layer.status().message().find("at least 2 dims"), std::string::npos);
}

TEST(ImageLayerTest, ContrastLimitsValidated) {
  auto layer = Layer3();
  EXPECT_FALSE(layer->SetContrastLimits({5, 5}).ok());
  EXPECT_TRUE(layer->SetContrastLimits({0, 5}).ok());
  EXPECT_FALSE(layer->SetGamma(0).ok());
}

TEST(ImageLayerTest, EstimatesContrastLimitsFromData) {
  auto limits = EstimateContrastLimits(*Ramp());
  ASSERT_TRUE(limits.ok());
  EXPECT_EQ((*limits)[0], 0);
  EXPECT_EQ((*limits)[1], 423);
  auto flat = EstimateContrastLimits(*MakeMemorySource(Array::Zeros(DType::kFloat32, {2, 2}), "flat"));
  ASSERT_TRUE(flat.ok());
  EXPECT_EQ((*flat)[0], 0);
  EXPECT_EQ((*flat)[1], 1);
}

TEST(ImageLayerTest, PixelEdgeExtentAddsHalfPixel) {
  auto layer = Layer3();
  const WorldExtent e = layer->pixel_edge_extent();
  EXPECT_DOUBLE_EQ(e.min[1], -0.5);
  EXPECT_DOUBLE_EQ(e.max[2], 3.5);
}

}  // namespace
}  // namespace stackshot
