#include "layers/labels/labels_slice.h"

#include <gtest/gtest.h>

#include <limits>

#include "layer_test_util.h"
#include "layers/labels/labels_layer.h"

namespace stackshot {
namespace {

using testing::DimsAt;

std::shared_ptr<const LabelsSliceResponse> SliceLabels(const LabelsLayer& layer, const Dims& dims) {
  auto request = layer.MakeSliceRequest(dims, {}, 3);
  EXPECT_TRUE(request.ok()) << request.status().message();
  auto response = GetLabelsSlice(static_cast<const LabelsSliceRequest&>(**request));
  EXPECT_TRUE(response.ok()) << response.status().message();
  return *response;
}

TEST(LabelsSliceTest, Uint64IdsAboveFloatPrecisionStayExact) {
  Array a = Array::Zeros(DType::kUInt64, {2, 2, 3});
  const uint64_t big = (uint64_t{1} << 53) + 1;  // not a double
  for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<uint64_t>()[i] = big + static_cast<uint64_t>(i);
  a.mutable_data<uint64_t>()[11] = std::numeric_limits<uint64_t>::max();
  auto layer = LabelsLayer::Create("ids", MakeMemorySource(a, "ids"), Affine::Identity(3));
  ASSERT_TRUE(layer.ok()) << layer.status().message();
  auto r = SliceLabels(**layer, DimsAt({1, 0, 0}));
  ASSERT_EQ(r->plane.dtype(), DType::kUInt64);
  ASSERT_EQ(r->plane.shape(), (Shape{2, 3}));
  EXPECT_EQ(r->plane.data<uint64_t>()[0], big + 6);
  EXPECT_EQ(r->plane.data<uint64_t>()[1], big + 7);
  EXPECT_EQ(r->plane.data<uint64_t>()[5], std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(r->request_id, 3u);
  EXPECT_EQ(r->bytes_read, 6u * 8u);
}

TEST(LabelsSliceTest, SignedIdsTransposedAndOutOfBounds) {
  Array a = Array::Zeros(DType::kInt64, {2, 3});
  for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<int64_t>()[i] = std::numeric_limits<int64_t>::min() + i;
  auto layer = LabelsLayer::Create("signed", MakeMemorySource(a, "signed"), Affine::Identity(2));
  auto r = SliceLabels(**layer, DimsAt({0, 0}, {}, {}, {1, 0}));
  ASSERT_EQ(r->plane.shape(), (Shape{3, 2}));
  EXPECT_EQ(r->plane.data<int64_t>()[1], std::numeric_limits<int64_t>::min() + 3);  // (x 0, y 1)

  Array cube = Array::Zeros(DType::kUInt8, {3, 2, 2});
  auto stack = LabelsLayer::Create("cube", MakeMemorySource(cube, "cube"), Affine::Identity(3));
  EXPECT_TRUE(SliceLabels(**stack, DimsAt({3, 0, 0}))->empty);
  EXPECT_FALSE(SliceLabels(**stack, DimsAt({2.4, 0, 0}))->empty);
}

TEST(LabelsLayerTest, FloatDataIsRejected) {
  auto layer = LabelsLayer::Create("float", MakeMemorySource(Array::Zeros(DType::kFloat32, {4, 4}), "seg.h5:/f"),
                                   Affine::Identity(2));
  ASSERT_FALSE(layer.ok());
  EXPECT_EQ(layer.status().message(), "seg.h5:/f: labels need integer data, this one is float32 (napari rejects "
                                      "float labels too)");
}

TEST(LabelsLayerTest, NapariDefaults) {
  auto layer = LabelsLayer::Create("l", MakeMemorySource(Array::Zeros(DType::kUInt8, {4, 4}), "l"), Affine::Identity(2));
  EXPECT_EQ((*layer)->opacity(), 0.7);
  EXPECT_STREQ((*layer)->type_name(), "labels");
  const LabelsAppearance a = (*layer)->appearance();
  EXPECT_EQ(a.opacity, 0.7);
  EXPECT_EQ(a.contour, 0);
  EXPECT_EQ(a.selected_label, LabelId::Signed(1));
  EXPECT_FALSE(a.show_selected_label);
  EXPECT_FALSE(a.direct());
  LabelsAppearance bad;
  bad.contour = -1;
  EXPECT_FALSE((*layer)->SetStyle(bad).ok());
}

TEST(LabelIdTest, ParsesEveryIntegerWidthExactly) {
  EXPECT_EQ(LabelId::Parse("18446744073709551615")->AsUnsigned(), std::numeric_limits<uint64_t>::max());
  EXPECT_FALSE(LabelId::Parse("18446744073709551615")->AsSigned().has_value());
  EXPECT_EQ(LabelId::Parse("-9223372036854775808")->AsSigned(), std::numeric_limits<int64_t>::min());
  EXPECT_FALSE(LabelId::Parse("-1")->AsUnsigned().has_value());
  EXPECT_EQ(*LabelId::Parse("-0"), LabelId::Signed(0));
  EXPECT_EQ(LabelId::Parse("18446744073709551616").status().message(),
            "label 18446744073709551616 is out of range (-2^63 to 2^64-1)");
  EXPECT_EQ(LabelId::Parse("-9223372036854775809").status().message(),
            "label -9223372036854775809 is out of range (-2^63 to 2^64-1)");
  EXPECT_EQ(LabelId::Parse("1.5").status().message(), "'1.5' is not an integer label");
  EXPECT_EQ(LabelId::Signed(std::numeric_limits<int64_t>::min()).ToString(), "-9223372036854775808");
}

}  // namespace
}  // namespace stackshot
