// Thread-count independence of the image drawer; also built into a target labelled
// "threaded" so it runs under ThreadSanitizer.
#include <cmath>
#include <cstring>
#include <memory>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

#include "layers/image/image_slice.h"
#include "render/image_drawer.h"

namespace stackshot {
namespace {

std::shared_ptr<ImageSliceResponse> NoisePlane(int rows, int cols) {
  auto response = std::make_shared<ImageSliceResponse>();
  response->plane = Array::Zeros(DType::kFloat32, {rows, cols});
  float* data = response->plane.mutable_data<float>();
  uint32_t state = 12345;
  for (int i = 0; i < rows * cols; ++i) {
    state = state * 1664525u + 1013904223u;  // LCG: the same values everywhere
    data[i] = static_cast<float>(state >> 8) / static_cast<float>(1u << 24) * 1000.0f;
  }
  // Rotated by 30°, scaled by 1.7, shifted.
  const double angle = 30.0 * std::numbers::pi / 180.0;
  const double s = 1.7;
  response->plane_to_world = Affine::FromParts(
      {s * std::cos(angle), -s * std::sin(angle), s * std::sin(angle), s * std::cos(angle)}, {40.0, -25.0});
  return response;
}

std::vector<float> DrawWith(int threads, Interpolation interpolation, Blending blending) {
  Canvas canvas(200, 150, {0.5f, 0.5f, 0.5f, 1.0f});
  ImageDrawItem item;
  item.response = NoisePlane(97, 113);
  item.appearance.colormap.name = "viridis";
  item.appearance.contrast_limits = {100.0, 900.0};
  item.appearance.gamma = 0.7;
  item.appearance.opacity = 0.8;
  item.appearance.interpolation = interpolation;
  item.appearance.blending = blending;
  EXPECT_TRUE(DrawImage(canvas, Camera2D{60.0, 40.0, 1.3}, item, threads).ok());
  std::vector<float> values;
  for (int y = 0; y < canvas.height(); ++y) {
    values.insert(values.end(), canvas.row(y), canvas.row(y) + canvas.width() * 4);
  }
  return values;
}

TEST(ImageDrawerThreadsTest, SameBitsWithOneAndTwoThreads) {
  for (Interpolation interpolation : AllInterpolations()) {
    for (Blending blending : {Blending::kTranslucent, Blending::kAdditive, Blending::kMinimum}) {
      const std::vector<float> one = DrawWith(1, interpolation, blending);
      const std::vector<float> two = DrawWith(2, interpolation, blending);
      ASSERT_EQ(one.size(), two.size());
      EXPECT_EQ(std::memcmp(one.data(), two.data(), one.size() * sizeof(float)), 0);
      // The plane covers part of the canvas, not all of it.
      int drawn = 0;
      for (size_t i = 0; i < one.size(); i += 4) drawn += one[i] != 0.5f || one[i + 1] != 0.5f || one[i + 2] != 0.5f;
      EXPECT_GT(drawn, 1000);
      EXPECT_LT(drawn, 200 * 150);
    }
  }
}

}  // namespace
}  // namespace stackshot
