// The colour table for integer-valued planes must give exactly the pixels of the
// per-pixel path.
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "layers/image/image_slice.h"
#include "render/image_drawer.h"

namespace stackshot {
namespace {

// A 200×200 plane of uint16-like values (a fixed LCG), drawn at zoom 1.3 onto a
// 256×256 canvas with a 0.4-opacity grey layer under it.
std::shared_ptr<ImageSliceResponse> IntegerPlane(int64_t integer_values) {
  auto response = std::make_shared<ImageSliceResponse>();
  response->plane = Array::Zeros(DType::kFloat32, {200, 200});
  float* data = response->plane.mutable_data<float>();
  uint32_t state = 7;
  for (int i = 0; i < 200 * 200; ++i) {
    state = state * 1664525u + 1013904223u;
    data[i] = static_cast<float>((state >> 16) % static_cast<uint32_t>(integer_values));
  }
  response->plane_to_world = Affine::Identity(2);
  response->integer_values = integer_values;
  return response;
}

std::vector<float> Draw(std::shared_ptr<ImageSliceResponse> plane, const ImageAppearance& appearance, int threads) {
  Canvas canvas(256, 256, Rgba{0.2f, 0.1f, 0.3f, 1.0f});
  const Camera2D camera{99.5, 99.5, 1.3};
  ImageDrawItem under{IntegerPlane(256), {}};
  under.appearance.opacity = 0.4;
  under.appearance.contrast_limits = {0, 255};
  EXPECT_TRUE(DrawImage(canvas, camera, under, threads).ok());
  EXPECT_TRUE(DrawImage(canvas, camera, ImageDrawItem{std::move(plane), appearance}, threads).ok());
  std::vector<float> values;
  for (int y = 0; y < 256; ++y) values.insert(values.end(), canvas.row(y), canvas.row(y) + 256 * 4);
  return values;
}

TEST(ImageDrawerTableTest, TableGivesThePerPixelColours) {
  const Blending modes[] = {Blending::kOpaque, Blending::kTranslucent, Blending::kTranslucentNoDepth,
                            Blending::kAdditive, Blending::kMinimum};
  const std::array<double, 2> limits[] = {{100.5, 3000.2}, {-10, 5000}, {60000, 70000}, {7, 9}};
  for (int64_t values : {int64_t{256}, int64_t{65536}}) {
    for (const auto& limit : limits) {
      for (double gamma : {1.0, 0.45}) {
        for (Blending mode : modes) {
          ImageAppearance appearance;
          appearance.colormap.name = "magma";
          appearance.contrast_limits = limit;
          appearance.gamma = gamma;
          appearance.opacity = 0.8;
          appearance.blending = mode;
          auto with_table = IntegerPlane(values);
          auto without = IntegerPlane(values);
          without->integer_values = 0;
          const std::vector<float> expected = Draw(without, appearance, 1);
          ASSERT_TRUE(Draw(with_table, appearance, 1) == expected)
              << "values " << values << " limits " << limit[0] << ".." << limit[1] << " gamma " << gamma;
          ASSERT_TRUE(Draw(with_table, appearance, 2) == expected);
        }
      }
    }
  }
}

}  // namespace
}  // namespace stackshot
