// The frame pipeline on an in-memory volume: frames in order, every frame equal to
// a screenshot of its state, the same pixels with the stages inline (1 thread) and
// pipelined (2 threads), a stop honoured between frames, and errors named by frame.
#include "anim/frame_pipeline.h"

#include <gtest/gtest.h>

#include "anim/apply_state.h"
#include "io/source.h"
#include "layers/image/image_layer.h"

namespace stackshot {
namespace {

struct Recorded {
  int64_t frame;
  std::vector<uint8_t> pixels;
};

class RecordingSink final : public FrameSink {
 public:
  Status Write(int64_t frame, const RgbaImage& image) override {
    if (frame == fail_at) return IoError("disk full");
    frames.push_back({frame, image.pixels});
    return Status::Ok();
  }
  Status Finish() override { return Status::Ok(); }
  void Abandon() override {}
  std::vector<Recorded> frames;
  int64_t fail_at = -1;
};

struct Fixture {
  MainLoop loop;
  std::unique_ptr<ViewerModel> viewer;
  FramePlan plan;
  ScreenshotOptions screenshot;
};

// 10 planes of 16×24, plane z holding 1000·z + x + 30·y; z from 0 to 9 with a zoom and
// an opacity fade.
std::unique_ptr<Fixture> MakeFixture() {
  auto fixture = std::make_unique<Fixture>();
  Array volume = Array::Zeros(DType::kUInt16, {10, 16, 24});
  uint16_t* p = volume.mutable_data<uint16_t>();
  for (int z = 0; z < 10; ++z) {
    for (int y = 0; y < 16; ++y) {
      for (int x = 0; x < 24; ++x) p[(z * 16 + y) * 24 + x] = static_cast<uint16_t>(1000 * z + x + 30 * y);
    }
  }
  auto layer = ImageLayer::Create("vol", MakeMemorySource(std::move(volume), "vol"), Affine::Identity(3));
  EXPECT_TRUE(layer.ok());
  EXPECT_TRUE((*layer)->SetContrastLimits({0, 10000}).ok());
  fixture->viewer = std::make_unique<ViewerModel>(fixture->loop);
  fixture->viewer->AddLayer(*layer);
  fixture->screenshot.width = 24;
  fixture->screenshot.height = 16;
  AnimationSpec animation;
  Keyframe first;
  first.state.dims.point = std::vector<double>{0, 0, 0};
  Keyframe last;
  last.steps = 9;
  last.ease = Ease::kQuadratic;
  last.state.dims.point = std::vector<double>{9, 0, 0};
  last.state.camera.zoom = 2;
  last.state.layers["vol"].opacity = 0.25;
  animation.keyframes = {first, last};
  const ViewState base = CaptureState(*fixture->viewer, 24, 16, {});
  auto plan = FramePlan::Make(base, animation);
  EXPECT_TRUE(plan.ok());
  fixture->plan = *plan;
  return fixture;
}

std::vector<int64_t> AllFrames(const FramePlan& plan) {
  std::vector<int64_t> frames;
  for (int64_t f = 0; f < plan.frame_count(); ++f) frames.push_back(f);
  return frames;
}

std::vector<Recorded> Render(int threads) {
  auto fixture = MakeFixture();
  RecordingSink sink;
  PipelineOptions options;
  options.threads = threads;
  options.screenshot = fixture->screenshot;
  auto report = RunFramePipeline(*fixture->viewer, fixture->plan, AllFrames(fixture->plan), sink, options);
  EXPECT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->written, 10);
  return sink.frames;
}

TEST(FramePipelineTest, InlineAndPipelinedGiveTheSamePixelsInOrder) {
  const std::vector<Recorded> one = Render(1);
  const std::vector<Recorded> two = Render(2);
  ASSERT_EQ(one.size(), 10u);
  ASSERT_EQ(two.size(), 10u);
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].frame, static_cast<int64_t>(i));
    EXPECT_EQ(two[i].frame, static_cast<int64_t>(i));
    EXPECT_EQ(one[i].pixels, two[i].pixels) << "frame " << i;
  }
  EXPECT_NE(one[0].pixels, one[9].pixels);
}

TEST(FramePipelineTest, EveryFrameEqualsAScreenshotOfItsState) {
  const std::vector<Recorded> frames = Render(2);
  auto fixture = MakeFixture();
  for (int64_t frame : {0, 4, 9}) {
    auto state = fixture->plan.StateAt(frame);
    ASSERT_TRUE(state.ok());
    ASSERT_TRUE(ApplyState(*fixture->viewer, *state).ok());
    ASSERT_TRUE(fixture->viewer->Refresh().ok());
    auto shot = fixture->viewer->Screenshot(fixture->screenshot);
    ASSERT_TRUE(shot.ok()) << shot.status().message();
    EXPECT_EQ(shot->pixels, frames[static_cast<size_t>(frame)].pixels) << "frame " << frame;
  }
}

TEST(FramePipelineTest, StopsBetweenFrames) {
  for (int threads : {1, 2}) {
    auto fixture = MakeFixture();
    RecordingSink sink;
    PipelineOptions options;
    options.threads = threads;
    options.screenshot = fixture->screenshot;
    int polled = 0;
    options.stop = [&polled] { return ++polled > 3; };
    auto report = RunFramePipeline(*fixture->viewer, fixture->plan, AllFrames(fixture->plan), sink, options);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->stopped);
    EXPECT_EQ(report->written, 3) << threads;
    ASSERT_EQ(sink.frames.size(), 3u);
    EXPECT_EQ(sink.frames.back().frame, 2);
  }
}

TEST(FramePipelineTest, WriteErrorNamesTheFrame) {
  for (int threads : {1, 2}) {
    auto fixture = MakeFixture();
    RecordingSink sink;
    sink.fail_at = 5;
    PipelineOptions options;
    options.threads = threads;
    options.screenshot = fixture->screenshot;
    auto report = RunFramePipeline(*fixture->viewer, fixture->plan, AllFrames(fixture->plan), sink, options);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.status().message(), "frame 5: disk full");
    EXPECT_EQ(sink.frames.size(), 5u);
  }
}

TEST(FramePipelineTest, SelectedFramesOnly) {
  auto fixture = MakeFixture();
  RecordingSink sink;
  PipelineOptions options;
  options.threads = 2;
  options.screenshot = fixture->screenshot;
  auto report = RunFramePipeline(*fixture->viewer, fixture->plan, {2, 3, 7}, sink, options);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(sink.frames.size(), 3u);
  EXPECT_EQ(sink.frames[2].frame, 7);
  EXPECT_EQ(sink.frames[2].pixels, Render(1)[7].pixels);
}

}  // namespace
}  // namespace stackshot
