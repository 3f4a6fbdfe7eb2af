#include "viewer/viewer_model.h"

#include <gtest/gtest.h>

#include "io/source.h"
#include "layers/image/image_layer.h"

namespace stackshot {
namespace {

using std::chrono::milliseconds;

std::shared_ptr<ImageLayer> MakeLayer(const std::string& name, Shape shape, TransformParameters params = {},
                                      double latency_ms = 0, float fill = 1) {
  Array a = Array::Zeros(DType::kFloat32, shape);
  for (int64_t i = 0; i < a.size(); ++i) a.mutable_data<float>()[i] = fill;
  std::shared_ptr<Source> source = MakeMemorySource(a, name);
  if (latency_ms > 0) source = WithLatency(source, latency_ms);
  auto transform = BuildLayerTransform(static_cast<int>(shape.size()), params);
  EXPECT_TRUE(transform.ok());
  auto layer = ImageLayer::Create(name, source, *transform);
  EXPECT_TRUE(layer.ok());
  EXPECT_TRUE((*layer)->SetContrastLimits({0, 1}).ok());
  return *layer;
}

TEST(ViewerModelTest, DimsRangeCoversAllLayersAndStartsInTheMiddle) {
  MainLoop loop;
  ViewerModel viewer(loop);
  viewer.AddLayer(MakeLayer("a", {10, 10, 10}));
  TransformParameters shifted;
  shifted.translate = {10, 0, 0};
  viewer.AddLayer(MakeLayer("b", {10, 10, 10}, shifted));
  const Dims& dims = viewer.dims();
  ASSERT_EQ(dims.ndim(), 3);
  EXPECT_EQ(dims.range()[0].start, 0);
  EXPECT_EQ(dims.range()[0].stop, 19);
  EXPECT_EQ(dims.range()[0].nsteps(), 20);
  // The centre step of the first layer (int((10 - 1) / 2) = 4), kept when the range grew.
  EXPECT_EQ(dims.point()[0], 4);
}

TEST(ViewerModelTest, FirstLayerOpensAtNaparisCentreStep) {
  // napari opens each axis at step int((nsteps - 1) / 2): 24 planes at 11, 60 at 29,
  // 25 at 12.
  for (const auto& [planes, step] : {std::pair<int64_t, int64_t>{24, 11}, {60, 29}, {25, 12}}) {
    MainLoop loop;
    ViewerModel viewer(loop);
    viewer.AddLayer(MakeLayer("a", {planes, 8, 8}));
    EXPECT_EQ(viewer.dims().current_step()[0], step) << planes;
    EXPECT_EQ(viewer.dims().point()[0], static_cast<double>(step)) << planes;
  }
}

TEST(ViewerModelTest, CentreStepIsInWorldStepsWithScaleAndTranslate) {
  // 24 planes with scale 2 and translate 5 on z: range (5, 51, 2), 24 steps; the
  // centre step 11 is at world z = 5 + 2 × 11 = 27 (stackshot used to pick 29).
  MainLoop loop;
  ViewerModel viewer(loop);
  TransformParameters params;
  params.scale = {2, 1, 1};
  params.translate = {5, 0, 0};
  viewer.AddLayer(MakeLayer("a", {24, 8, 8}, params));
  EXPECT_EQ(viewer.dims().range()[0].nsteps(), 24);
  EXPECT_EQ(viewer.dims().current_step()[0], 11);
  EXPECT_EQ(viewer.dims().point()[0], 27);
}

TEST(ViewerModelTest, DefaultCameraFitsPixelEdgeExtentWithMargin) {
  MainLoop loop;
  ViewerModel viewer(loop);
  viewer.AddLayer(MakeLayer("a", {4, 100, 200}));
  const Camera2D camera = viewer.CameraFor(400, 400);
  EXPECT_DOUBLE_EQ(camera.center_y, 49.5);
  EXPECT_DOUBLE_EQ(camera.center_x, 99.5);
  EXPECT_DOUBLE_EQ(camera.zoom, 0.95 * 2.0);
}

TEST(ViewerModelTest, ScreenshotWaitsForSlowSlicesAtTheBarrier) {
  MainLoop loop;
  ViewerModel viewer(loop);
  viewer.AddLayer(MakeLayer("slow", {3, 4, 4}, {}, /*latency_ms=*/50, /*fill=*/1));
  ASSERT_TRUE(viewer.Refresh().ok());
  EXPECT_FALSE(viewer.layers()[0]->loaded());
  ScreenshotOptions options;
  options.width = 8;
  options.height = 8;
  auto image = viewer.Screenshot(options);
  ASSERT_TRUE(image.ok()) << image.status().message();
  EXPECT_TRUE(viewer.layers()[0]->loaded());
  // White data fills the fitted view centre.
  const size_t centre = (4 * 8 + 4) * 4;
  EXPECT_EQ(image->pixels[centre], 255);
}

TEST(ViewerModelTest, LastRequestWinsAfterManyDimsChanges) {
  MainLoop loop;
  ViewerModel viewer(loop);
  viewer.AddLayer(MakeLayer("a", {10, 4, 4}, {}, /*latency_ms=*/5));
  for (int z = 0; z < 10; ++z) ASSERT_TRUE(viewer.SetPoint({static_cast<double>(z), 0, 0}).ok());
  ScreenshotOptions options;
  options.width = 4;
  options.height = 4;
  ASSERT_TRUE(viewer.Screenshot(options).ok());
  const auto& layer = *viewer.layers()[0];
  EXPECT_TRUE(layer.loaded());
  EXPECT_EQ(layer.applied_response()->request_id, layer.last_request_id());
  const SlicerStats stats = viewer.slicer().stats();
  EXPECT_GT(stats.tasks_skipped + stats.tasks_interrupted, 0u);  // intermediate positions were dropped
}

TEST(ViewerModelTest, SliceFailureReachesScreenshotWithLayerName) {
  // A source whose every read fails, like a file that breaks after it was opened.
  class FailingSource final : public Source {
   public:
    const Shape& shape() const override { return shape_; }
    DType dtype() const override { return DType::kUInt8; }
    std::string Describe() const override { return "broken.h5:/x"; }

   protected:
    Result<Array> ReadChecked(const Box&, const CancelToken&) const override { return IoError("broken.h5:/x: read failed"); }

   private:
    Shape shape_ = {2, 4, 4};
  };
  MainLoop loop;
  ViewerModel viewer(loop);
  auto layer = ImageLayer::Create("broken", std::make_shared<FailingSource>(), Affine::Identity(3));
  ASSERT_TRUE(layer.ok());
  viewer.AddLayer(*layer);
  ASSERT_TRUE(viewer.Refresh().ok());
  auto image = viewer.Screenshot(ScreenshotOptions{});
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.status().message(), "layer 'broken' at [0, 1, 1]: broken.h5:/x: read failed");
  ASSERT_EQ(viewer.failures().Summary().size(), 1u);
  EXPECT_EQ(viewer.failures().Summary()[0], "layer 'broken' at [0, 1, 1]: broken.h5:/x: read failed");
}

TEST(ViewerModelTest, HiddenLayerIsNeitherSlicedNorDrawn) {
  MainLoop loop;
  ViewerModel viewer(loop);
  auto hidden = MakeLayer("hidden", {2, 4, 4});
  hidden->set_visible(false);
  viewer.AddLayer(hidden);
  ASSERT_TRUE(viewer.Refresh().ok());
  ScreenshotOptions options;
  options.width = 4;
  options.height = 4;
  auto image = viewer.Screenshot(options);
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(hidden->applied_response(), nullptr);
  EXPECT_EQ(image->pixels[0], 0);  // black background only
}

// The one decision of what to slice: a layer hidden while the point moved, or one
// never sliced, needs a slice once shown; one whose slice request would be the same
// (a camera move on a plain image, an unchanged layer) does not.
TEST(ViewerModelTest, LayersToSliceFollowsVisibilityPointAndTransform) {
  MainLoop loop;
  ViewerModel viewer(loop);
  auto shown = MakeLayer("shown", {4, 4, 4});
  auto later = MakeLayer("later", {4, 4, 4});
  later->set_visible(false);
  viewer.AddLayer(shown);
  viewer.AddLayer(later);
  auto names = [&viewer] {
    std::vector<std::string> out;
    auto layers = viewer.LayersToSlice();
    EXPECT_TRUE(layers.ok());
    for (const auto& layer : *layers) out.push_back(layer->name());
    return out;
  };
  EXPECT_EQ(names(), std::vector<std::string>{"shown"});  // never sliced; the hidden one waits
  ASSERT_TRUE(viewer.SetPoint({0, 0, 0}).ok());
  EXPECT_EQ(names(), std::vector<std::string>{});
  viewer.SetCamera(Camera2D{1, 1, 3});  // a plain image reads the same plane
  EXPECT_EQ(names(), std::vector<std::string>{});
  later->set_visible(true);  // shown for the first time
  EXPECT_EQ(names(), std::vector<std::string>{"later"});
  ASSERT_TRUE(viewer.EnsureSliced().ok());
  ASSERT_TRUE(viewer.slicer().WaitUntilIdle(milliseconds(5000)).ok());
  EXPECT_EQ(names(), std::vector<std::string>{});
  // Hidden while the point moves, shown again: its slice is of the old point.
  later->set_visible(false);
  ASSERT_TRUE(viewer.SetPoint({2, 0, 0}).ok());
  later->set_visible(true);
  EXPECT_EQ(names(), std::vector<std::string>{"later"});
  ASSERT_TRUE(viewer.EnsureSliced().ok());
  EXPECT_EQ(names(), std::vector<std::string>{});
  ASSERT_TRUE(shown->SetTransform(Affine::FromParts({1, 0, 0, 0, 1, 0, 0, 0, 1}, {1, 0, 0})).ok());
  EXPECT_EQ(names(), std::vector<std::string>{"shown"});
}

}  // namespace
}  // namespace stackshot
