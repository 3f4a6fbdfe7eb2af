#include "layers/points/points_slice.h"

#include <gtest/gtest.h>

#include "layer_test_util.h"
#include "layers/points/points_layer.h"

namespace stackshot {
namespace {

using testing::DimsAt;

std::shared_ptr<PointsLayer> MakeLayer(const std::vector<std::vector<double>>& rows) {
  auto data = PointsFromRows(rows, "test");
  EXPECT_TRUE(data.ok()) << data.status().message();
  auto layer = PointsLayer::Create("points", std::make_shared<const PointsData>(std::move(data).value()),
                                   Affine::Identity(static_cast<int>(rows[0].size())));
  EXPECT_TRUE(layer.ok()) << layer.status().message();
  return *layer;
}

std::shared_ptr<const PointsSliceResponse> Slice(const PointsLayer& layer, const Dims& dims, int threads = 1) {
  auto request = layer.MakeSliceRequest(dims, {}, 7);
  EXPECT_TRUE(request.ok()) << request.status().message();
  auto copy = std::make_shared<PointsSliceRequest>(static_cast<const PointsSliceRequest&>(**request));
  copy->threads = threads;
  auto response = GetPointsSlice(*copy);
  EXPECT_TRUE(response.ok()) << response.status().message();
  return *response;
}

using Indices = std::vector<int64_t>;

// napari's test_points: data [[0,0,0],[10,10,10]] at point 0.
TEST(PointsSliceTest, NapariSliceAtZero) {
  auto layer = MakeLayer({{0, 0, 0}, {10, 10, 10}});
  EXPECT_EQ(Slice(*layer, DimsAt({0, 0, 0}))->indices, (Indices{0}));
  layer->set_projection_mode(PointsProjection::kAll);
  EXPECT_EQ(Slice(*layer, DimsAt({0, 0, 0}))->indices, (Indices{0}));
  EXPECT_EQ(Slice(*layer, DimsAt({0, 0, 0}, {0, 0, 0}, {10, 0, 0}))->indices, (Indices{0, 1}));
}

// Margins count only in projection mode all.
TEST(PointsSliceTest, MarginsIgnoredInModeNone) {
  auto layer = MakeLayer({{0, 0, 0}, {10, 10, 10}});
  EXPECT_EQ(Slice(*layer, DimsAt({0, 0, 0}, {0, 0, 0}, {10, 0, 0}))->indices, (Indices{0}));
}

// napari's test_slice_data: z values near 10 and one at 8.
TEST(PointsSliceTest, NapariNearlyEqualCoordinates) {
  auto layer = MakeLayer({{10, 0, 0}, {10 + 2e-7, 1, 1}, {8, 2, 2}, {10.1, 3, 3}, {10 - 2e-7, 4, 4}});
  EXPECT_EQ(Slice(*layer, DimsAt({8, 0, 0}))->indices, (Indices{2}));
  EXPECT_EQ(Slice(*layer, DimsAt({10, 0, 0}))->indices, (Indices{0, 1, 3, 4}));
  EXPECT_EQ(Slice(*layer, DimsAt({10 + 2e-12, 0, 0}))->indices, (Indices{0, 1, 3, 4}));
  EXPECT_EQ(Slice(*layer, DimsAt({10.1, 0, 0}))->indices, (Indices{0, 1, 3, 4}));
}

// Both slab ends are inclusive: z = 0.5 shows on slices 0 and 1.
TEST(PointsSliceTest, HalfwayPointOnBothSlices) {
  auto layer = MakeLayer({{0.5, 3, 4}});
  EXPECT_EQ(Slice(*layer, DimsAt({0, 0, 0}))->indices, (Indices{0}));
  EXPECT_EQ(Slice(*layer, DimsAt({1, 0, 0}))->indices, (Indices{0}));
  EXPECT_EQ(Slice(*layer, DimsAt({2, 0, 0}))->indices, (Indices{}));
}

// napari's test_out_of_slice_display: size 3 at point 0 → sizes [3, 2].
TEST(PointsSliceTest, NapariOutOfSliceSizes) {
  auto layer = MakeLayer({{0, 0, 0}, {1, 1, 1}});
  ASSERT_TRUE(layer->SetSize(3).ok());
  auto plain = Slice(*layer, DimsAt({0, 0, 0}));
  EXPECT_EQ(plain->indices, (Indices{0}));
  EXPECT_EQ(plain->sizes, (std::vector<float>{3}));
  layer->set_out_of_slice_display(true);
  auto out = Slice(*layer, DimsAt({0, 0, 0}));
  EXPECT_EQ(out->indices, (Indices{0, 1}));
  EXPECT_EQ(out->sizes, (std::vector<float>{3, 2}));
  ASSERT_TRUE(layer->SetShown({0, 1}).ok());
  auto shown = Slice(*layer, DimsAt({0, 0, 0}));
  EXPECT_EQ(shown->indices, (Indices{1}));
  EXPECT_EQ(shown->sizes, (std::vector<float>{2}));
}

// A 2D layer shows everything; out_of_slice_display changes nothing there.
TEST(PointsSliceTest, TwoDimensionalShowsAll) {
  auto layer = MakeLayer({{5, 1}, {-3, 2}, {7, 9}});
  layer->set_out_of_slice_display(true);
  auto r = Slice(*layer, DimsAt({0, 0}));
  EXPECT_EQ(r->indices, (Indices{0, 1, 2}));
  EXPECT_EQ(r->rows, (std::vector<double>{5, -3, 7}));
  EXPECT_EQ(r->cols, (std::vector<double>{1, 2, 9}));
  EXPECT_EQ(r->sizes, (std::vector<float>{10, 10, 10}));
  EXPECT_EQ(r->request_id, 7u);
}

// The point goes through the layer's transform; displayed columns follow the order.
TEST(PointsSliceTest, ScaledLayerAndTransposedDisplay) {
  auto data = PointsFromRows({{2, 5, 6}, {4, 7, 8}}, "test");
  ASSERT_TRUE(data.ok());
  TransformParameters params;
  params.scale = {2, 1, 1};
  auto transform = BuildLayerTransform(3, params);
  ASSERT_TRUE(transform.ok());
  auto layer = PointsLayer::Create("p", std::make_shared<const PointsData>(*data), *transform);
  ASSERT_TRUE(layer.ok());
  EXPECT_EQ(Slice(**layer, DimsAt({8, 0, 0}))->indices, (Indices{1}));
  EXPECT_EQ(Slice(**layer, DimsAt({5, 0, 0}))->indices, (Indices{0}));  // data 2.5: slab [2, 3]
  EXPECT_EQ(Slice(**layer, DimsAt({6, 0, 0}))->indices, (Indices{}));   // data 3: slab [2.5, 3.5]
  auto r = Slice(**layer, DimsAt({4, 0, 0}, {}, {}, {0, 2, 1}));
  EXPECT_EQ(r->indices, (Indices{0}));
  EXPECT_EQ(r->rows, (std::vector<double>{6}));
  EXPECT_EQ(r->cols, (std::vector<double>{5}));
}

// Many chunks: the same indices in the same order for 1 and 2 threads.
TEST(PointsSliceTest, ThreadCountDoesNotChangeResult) {
  std::vector<std::vector<double>> rows;
  uint64_t state = 12345;
  for (int i = 0; i < 300000; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    rows.push_back({static_cast<double>(state >> 40) / static_cast<double>(1 << 24) * 100.0, 1.0 * i, 2.0});
  }
  auto layer = MakeLayer(rows);
  auto one = Slice(*layer, DimsAt({50, 0, 0}), 1);
  auto two = Slice(*layer, DimsAt({50, 0, 0}), 2);
  EXPECT_GT(one->indices.size(), 1000u);
  EXPECT_EQ(one->indices, two->indices);
  EXPECT_TRUE(std::is_sorted(one->indices.begin(), one->indices.end()));
  for (size_t k = 0; k < one->indices.size(); ++k) {
    const double z = rows[one->indices[k]][0];
    ASSERT_TRUE(z >= 49.5 && z <= 50.5) << z;
  }
}

// The block scan against a plain loop: two sliced axes, hidden points, slab ends
// included, and a point count that leaves a partial block and a partial chunk.
TEST(PointsSliceTest, BlockScanMatchesPlainLoop) {
  std::vector<std::vector<double>> rows;
  std::vector<uint8_t> shown;
  uint64_t state = 4242;
  for (int i = 0; i < 70037; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const double z = static_cast<double>((state >> 33) % 20) * 0.5;  // 0, 0.5, …, 9.5
    const double t = static_cast<double>((state >> 45) % 12) * 0.5;
    rows.push_back({t, z, 1.0 * (i % 100), 2.0});
    shown.push_back(i % 7 != 3);
  }
  auto layer = MakeLayer(rows);
  ASSERT_TRUE(layer->SetShown(shown).ok());
  Indices expected;
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    const bool in_t = rows[i][0] >= 2.5 && rows[i][0] <= 3.5;
    const bool in_z = rows[i][1] >= 4.5 && rows[i][1] <= 5.5;
    if (in_t && in_z && shown[i]) expected.push_back(i);
  }
  ASSERT_GT(expected.size(), 100u);
  for (int threads : {1, 2}) {
    EXPECT_EQ(Slice(*layer, DimsAt({3, 5, 0, 0}), threads)->indices, expected) << threads << " threads";
  }
}

TEST(PointsSliceTest, EmptyLayerSlicesToNothing) {
  auto layer = PointsLayer::Create("e", std::make_shared<const PointsData>(EmptyPoints(3)), Affine::Identity(3));
  ASSERT_TRUE(layer.ok());
  EXPECT_TRUE(Slice(**layer, DimsAt({0, 0, 0}))->indices.empty());
  EXPECT_EQ((*layer)->world_extent().max, (std::vector<double>{1, 1, 1}));
}

TEST(PointsSliceTest, CacheKeyFollowsTheSlab) {
  auto layer = MakeLayer({{0, 0, 0}, {10, 10, 10}});
  auto key = [&](double z) { return (*layer->MakeSliceRequest(DimsAt({z, 0, 0}), {}, 1))->CacheKey(); };
  EXPECT_EQ(key(3), key(3));
  EXPECT_NE(key(3), key(4));
}

TEST(PointsSliceTest, ExtentGrowsByHalfTheLargestSize) {
  auto layer = MakeLayer({{0, 1, 2}, {10, -4, 6}});
  ASSERT_TRUE(layer->SetSizes({2, 6}).ok());
  EXPECT_EQ(layer->world_extent().min, (std::vector<double>{0, -4, 2}));
  EXPECT_EQ(layer->pixel_edge_extent().max, (std::vector<double>{13, 4, 9}));
}

// The per-point arrays of a style are one per data point (or empty); the widths
// are in range.
TEST(PointsLayerTest, SetStyleChecksPerPointArrays) {
  auto layer = MakeLayer({{0, 1}, {2, 3}});
  PointsAppearance style;
  style.symbols = {PointSymbol::kStar, PointSymbol::kX};
  style.border_widths = {0.1, 0.3};
  ASSERT_TRUE(layer->SetStyle(style).ok());
  EXPECT_EQ(layer->appearance().symbols, style.symbols);
  style.symbols.pop_back();
  EXPECT_EQ(layer->SetStyle(style).message(), "symbol has 1 values for 2 points");
  style.symbols.clear();
  style.border_widths = {0.1};
  EXPECT_EQ(layer->SetStyle(style).message(), "border_width has 1 values for 2 points");
  style.border_widths = {0.1, 1.5};
  EXPECT_EQ(layer->SetStyle(style).message(), "a relative border_width must be between 0 and 1 (napari's rule)");
  style.border_width_is_relative = false;
  ASSERT_TRUE(layer->SetStyle(style).ok());
  style.border_width = -1;
  EXPECT_EQ(layer->SetStyle(style).message(), "border_width must be 0 or more");
}

}  // namespace
}  // namespace stackshot
