#include "render/rasterizer.h"

#include <memory>
#include <string>

#include "exec/parallel.h"
#include "nd/huge_pages.h"
#include "render/image_drawer.h"
#include "render/labels_drawer.h"
#include "render/layer_painter.h"
#include "render/points_drawer.h"
#include "render/shapes_drawer.h"
#include "render/vectors_drawer.h"

namespace stackshot {
namespace {

// Rows per band: a 1920-wide float band of 8 rows is 240 KB, small enough to stay
// in cache from background to bytes.
constexpr int64_t kBandRows = 8;

// One band canvas per thread, kept between bands and frames: a fresh band would be
// a fresh mapping (and page faults) every time.
Canvas& BandCanvas(int width, int height) {
  thread_local std::unique_ptr<Canvas> band;
  if (!band || band->width() != width || band->height() != height) {
    band = std::make_unique<Canvas>(width, height, 0, 0, Rgba{0, 0, 0, 0});
  }
  return *band;
}

}  // namespace

Status RasterizeInto(const FrameSpec& frame, const std::vector<DrawItem>& items, int threads, RgbaImage& frame_out) {
  if (frame.width <= 0 || frame.height <= 0) {
    return InvalidArgumentError("canvas size must be positive, got " + std::to_string(frame.width) + "×" +
                                std::to_string(frame.height));
  }
  // Prepare every layer once, in order.
  std::vector<std::unique_ptr<LayerPainter>> painters;
  painters.reserve(items.size());
  for (const DrawItem& item : items) {
    PainterResult painter = std::visit([&](const auto& typed) { return PreparePainter(frame, typed, threads); }, item);
    if (!painter.ok()) return painter.status();
    painters.push_back(std::move(painter).value());
  }
  frame_out.width = frame.width;
  frame_out.height = frame.height;
  const size_t bytes = static_cast<size_t>(frame.width) * frame.height * 4;
  if (frame_out.pixels.size() != bytes) {
    frame_out.pixels.clear();
    frame_out.pixels.shrink_to_fit();
    frame_out.pixels.reserve(bytes);
    AdviseHugePages(frame_out.pixels.data(), bytes);
    frame_out.pixels.resize(bytes);
  }
  // Composite each band bottom to top over the background, then store its bytes.
  ParallelFor(frame.height, kBandRows, threads, [&](int64_t begin, int64_t end) {
    Canvas& band = BandCanvas(frame.width, frame.height);
    band.ResetBand(static_cast<int>(begin), static_cast<int>(end - begin), frame.background);
    for (const auto& painter : painters) painter->PaintRows(band, static_cast<int>(begin), static_cast<int>(end));
    band.StoreRows(frame_out);
  });
  return Status::Ok();
}

Result<RgbaImage> Rasterize(const FrameSpec& frame, const std::vector<DrawItem>& items, int threads) {
  RgbaImage image;
  RETURN_IF_ERROR(RasterizeInto(frame, items, threads, image));
  return image;
}

}  // namespace stackshot
