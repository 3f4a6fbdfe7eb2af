#include "layers/layer.h"

#include <gtest/gtest.h>

namespace stackshot {
namespace {

// The checks every geometry layer's Create makes, with the data's name in the message.
TEST(CheckedInverseTest, ChecksRankAndTransform) {
  auto inverse = CheckedInverse(Affine::FromParts({2, 0, 0, 4}, {1, 2}), 2, "points");
  ASSERT_TRUE(inverse.ok()) << inverse.status().message();
  EXPECT_EQ(inverse->linear(0, 0), 0.5);
  EXPECT_EQ(inverse->translation(1), -0.5);
  EXPECT_EQ(CheckedInverse(Affine::Identity(1), 1, "shapes").status().message(),
            "shapes need at least 2 dims, got 1");
  EXPECT_EQ(CheckedInverse(Affine::Identity(3), 2, "vectors").status().message(),
            "transform has 3 dims, vectors have 2");
  EXPECT_FALSE(CheckedInverse(Affine::FromParts({1, 0, 0, 0}, {0, 0}), 2, "points").ok());  // singular
}

}  // namespace
}  // namespace stackshot
