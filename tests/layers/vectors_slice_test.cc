#include "layers/vectors/vectors_slice.h"

#include <gtest/gtest.h>

#include "layers/vectors/vectors_data.h"

namespace stackshot {
namespace {

std::shared_ptr<const VectorsSliceResponse> Slice(const VectorsData& data, double z, bool out_of_slice,
                                                  double length = 1.0) {
  VectorsSliceRequest request;
  request.data = std::make_shared<const VectorsData>(data);
  request.world_to_data = Affine::Identity(3);
  request.data_to_world = Affine::Identity(3);
  request.point = {z, 0, 0};
  request.displayed = {1, 2};
  request.not_displayed = {0};
  request.length = length;
  request.out_of_slice_display = out_of_slice;
  auto response = GetVectorsSlice(request);
  EXPECT_TRUE(response.ok()) << response.status().message();
  return *response;
}

VectorsData ThreeVectors() {
  auto data = VectorsFromRows({{{0, 0, 0}, {0, 1, 1}},      // in the plane
                               {{2, 0, 0}, {4, 1, 1}},      // 2 away, reaches 4
                               {{0.5, 0, 0}, {0, 1, 0}},    // on the slab's edge
                               {{3, 0, 0}, {0, 1, 0}}},     // 3 away, flat: never
                              "inline");
  EXPECT_TRUE(data.ok());
  return *data;
}

TEST(VectorsSliceTest, InSliceUsesAUnitSlabInclusive) {
  auto response = Slice(ThreeVectors(), 0, false);
  EXPECT_EQ(response->indices, (std::vector<int64_t>{0, 2}));
  EXPECT_TRUE(response->alphas.empty());
}

TEST(VectorsSliceTest, OutOfSliceAlphaIsNapariRule) {
  auto response = Slice(ThreeVectors(), 0, true);
  ASSERT_EQ(response->indices, (std::vector<int64_t>{0, 1, 2}));
  // Vector 1: distance to the slab [-0.5, 0.5] is 1.5, proj = |4 × 1| = 4: alpha (4 - 1.5) / 4.
  // Vector 2 is inside: distance 0 and a zero projection counts as 1.
  EXPECT_EQ(response->alphas, (std::vector<float>{1.0f, 0.625f, 1.0f}));
  // length scales the reach: proj = 2, alpha (2 - 1.5) / 2.
  auto half = Slice(ThreeVectors(), 0, true, 0.5);
  ASSERT_EQ(half->indices, (std::vector<int64_t>{0, 1, 2}));
  EXPECT_EQ(half->alphas, (std::vector<float>{1.0f, 0.25f, 1.0f}));
  // At z = 2.5 vector 1 is inside, vector 3 is 0.5 from the slab [2, 3]... inside too.
  auto later = Slice(ThreeVectors(), 2.5, true);
  EXPECT_EQ(later->indices, (std::vector<int64_t>{1, 3}));
  EXPECT_TRUE(later->alphas.empty());
}

TEST(VectorsDataTest, RejectsDataThatIsNotNx2xD) {
  EXPECT_EQ(VectorsFromRows({{{0, 0}, {1, 1}}, {{0, 0}}}, "s.json#/layers/0/data").status().message(),
            "s.json#/layers/0/data: vectors must be N×2×D ([[position], [projection]] per vector); vector 1 is 1×2");
  Array array = Array::Zeros(DType::kFloat32, {4, 3, 2});
  EXPECT_EQ(VectorsFromArray(array, "flow.h5:/v").status().message(),
            "flow.h5:/v: vectors must be N×2×D with D ≥ 2, this dataset has shape 4×3×2");
  Array good = Array::Zeros(DType::kFloat32, {2, 2, 3});
  good.mutable_data<float>()[11] = 7;  // vector 1, projection, axis 2
  auto data = VectorsFromArray(good, "flow.h5:/v");
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->ndim, 3);
  EXPECT_EQ(data->projection[2], (std::vector<double>{0, 7}));
  good.mutable_data<float>()[0] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(VectorsFromArray(good, "flow.h5:/v").ok());
  auto empty = VectorsFromArray(Array::Zeros(DType::kFloat64, {0, 2, 3}), "e");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), 0);
}

}  // namespace
}  // namespace stackshot
