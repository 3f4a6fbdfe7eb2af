#include "io/source.h"

#include <gtest/gtest.h>

#include "io/ramp_arrays.h"

namespace stackshot {
namespace {

using testing::ExpectArraysEqual;
using testing::MakeRamp;
using testing::NaiveBox;

TEST(CheckBoxTest, AcceptsBoxesInside) {
  const Shape shape = {4, 5, 6};
  EXPECT_TRUE(CheckBox(shape, FullBox(shape)).ok());
  EXPECT_TRUE(CheckBox(shape, Box{{3, 4, 5}, {1, 1, 1}}).ok());
  EXPECT_TRUE(CheckBox(shape, Box{{4, 0, 6}, {0, 5, 0}}).ok());  // empty, at the end
  EXPECT_TRUE(CheckBox({}, Box{}).ok());
}

TEST(CheckBoxTest, NamesTheAxis) {
  const Shape shape = {4, 5, 6};
  Status rank = CheckBox(shape, Box{{0, 0}, {1, 1}});
  EXPECT_EQ(rank.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(rank.message(), "box of rank 2/2 (start/count) does not match shape 4×5×6 of rank 3");
  EXPECT_EQ(CheckBox(shape, Box{{0, -1, 0}, {1, 1, 1}}).message(), "box axis 1: start -1 is negative");
  EXPECT_EQ(CheckBox(shape, Box{{0, 0, 0}, {1, 1, -2}}).message(), "box axis 2: count -2 is negative");
  EXPECT_EQ(CheckBox(shape, Box{{0, 0, 3}, {1, 1, 4}}).message(), "box axis 2: start 3 + count 4 exceeds size 6");
  EXPECT_EQ(CheckBox(shape, Box{{5, 0, 0}, {0, 1, 1}}).message(), "box axis 0: start 5 + count 0 exceeds size 4");
  EXPECT_FALSE(CheckBox(shape, Box{{0, 0, 0}, {1, 1, INT64_MAX}}).ok());
}

TEST(FullBoxTest, CoversTheShape) {
  const Box box = FullBox({2, 3});
  EXPECT_EQ(box.start, (std::vector<int64_t>{0, 0}));
  EXPECT_EQ(box.count, (std::vector<int64_t>{2, 3}));
}

TEST(MemorySourceTest, ReadsBoxesOfEveryRank) {
  const std::vector<Shape> shapes = {{7}, {5, 6}, {3, 4, 5}, {2, 3, 4, 5}};
  for (const Shape& shape : shapes) {
    SCOPED_TRACE(ShapeToString(shape));
    const Array array = MakeRamp<int32_t>(shape);
    auto source = MakeMemorySource(array, "mem");
    EXPECT_EQ(source->shape(), shape);
    EXPECT_EQ(source->dtype(), DType::kInt32);
    // Full, first and last element, a middle box, one index on axis 0, a trailing
    // run, and a box from index 1 on.
    std::vector<Box> boxes = {FullBox(shape)};
    Box first{std::vector<int64_t>(shape.size(), 0), std::vector<int64_t>(shape.size(), 1)};
    Box last = first;
    Box middle = first;
    Box plane = FullBox(shape);
    Box offset = first;  // from index 1 to the end: every odometer axis wraps
    for (size_t axis = 0; axis < shape.size(); ++axis) {
      last.start[axis] = shape[axis] - 1;
      middle.start[axis] = 1;
      middle.count[axis] = shape[axis] - 2;
      offset.start[axis] = 1;
      offset.count[axis] = shape[axis] - 1;
    }
    plane.start[0] = 1;
    plane.count[0] = 1;
    Box trailing = first;
    trailing.count.back() = shape.back();
    boxes.insert(boxes.end(), {first, last, middle, plane, trailing, offset});
    for (const Box& box : boxes) {
      Result<Array> read = source->Read(box);
      ASSERT_TRUE(read.ok()) << read.status().message();
      ExpectArraysEqual(*read, NaiveBox(array, box));
    }
  }
}

TEST(MemorySourceTest, ReadsScalarsAndEmptyBoxes) {
  Array scalar = Array::Zeros(DType::kFloat64, {});
  scalar.mutable_data<double>()[0] = 2.5;
  Result<Array> one = MakeMemorySource(scalar, "s")->Read(Box{});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->data<double>()[0], 2.5);

  auto source = MakeMemorySource(MakeRamp<uint8_t>({3, 4}), "mem");
  Result<Array> empty = source->Read(Box{{1, 4}, {2, 0}});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->shape(), (Shape{2, 0}));
  EXPECT_EQ(empty->size(), 0);
}

TEST(MemorySourceTest, CountsBytesAndRejectsBadBoxes) {
  auto source = MakeMemorySource(MakeRamp<uint16_t>({4, 5}), "mem");
  ASSERT_TRUE(source->Read(Box{{0, 0}, {2, 3}}).ok());
  EXPECT_EQ(source->bytes_read(), 12u);
  ASSERT_TRUE(source->Read(FullBox({4, 5})).ok());
  EXPECT_EQ(source->bytes_read(), 52u);

  Result<Array> bad = source->Read(Box{{0, 3}, {1, 3}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "mem: box axis 1: start 3 + count 3 exceeds size 5");
  EXPECT_EQ(source->bytes_read(), 52u);
}

TEST(LatencySourceTest, DelegatesToInner) {
  const Array array = MakeRamp<float>({3, 4});
  auto inner = MakeMemorySource(array, "slow.h5:/x");
  auto source = WithLatency(inner, 1.0);
  EXPECT_EQ(source->shape(), (Shape{3, 4}));
  EXPECT_EQ(source->dtype(), DType::kFloat32);
  EXPECT_EQ(source->Describe(), "slow.h5:/x");

  const Box box{{1, 1}, {2, 2}};
  Result<Array> read = source->Read(box);
  ASSERT_TRUE(read.ok());
  ExpectArraysEqual(*read, NaiveBox(array, box));
  EXPECT_EQ(source->bytes_read(), 16u);
  EXPECT_EQ(inner->bytes_read(), 16u);

  Result<Array> bad = source->Read(Box{{0}, {1}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "slow.h5:/x: box of rank 1/1 (start/count) does not match shape 3×4 of rank 2");
}

}  // namespace
}  // namespace stackshot
