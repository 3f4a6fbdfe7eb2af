// ViewerModel: the layers, dims and camera of one viewer, and its screenshot.
//
// Conventions:
// - Main thread only (the MainLoop's). Changing dims submits a new slice task;
//   ready responses are applied on the main loop. A layer keeps only its last
//   applied response (NAP-4).
// - Screenshot() is the sync barrier: it waits until every submitted slice is
//   applied (or fails naming what is pending or which layer failed), then draws
//   only applied responses. So nothing in a screenshot depends on timing.
// - One decision says what must be sliced again (LayersToSlice): a visible layer
//   whose slice request for the current dims, canvas view and layer state would
//   differ from the one it was last sliced at (a layer hidden while the point
//   moved, one never sliced, one whose transform or slice-relevant fields changed).
//   Screenshot and the animation pipeline both go through it (DrawItemsAtBarrier).
// - World ndim is the largest layer ndim; layers align to the trailing world axes.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <memory>
#include <optional>
#include <vector>

#include "events/main_loop.h"
#include "layers/layer.h"
#include "render/camera.h"
#include "render/rasterizer.h"
#include "slicing/failure_log.h"
#include "slicing/layer_slicer.h"

namespace stackshot {

struct ScreenshotOptions {
  int width = 800;
  int height = 600;
  Rgba background = {0, 0, 0, 1};
  bool antialiasing = false;  // shapes and vectors (FrameSpec::antialiasing)
  int threads = 0;  // 0: all cores; the image never depends on it
  std::chrono::milliseconds timeout{std::chrono::minutes(10)};
};

class ViewerModel {
 public:
  explicit ViewerModel(MainLoop& loop, SlicerOptions slicer_options = {});
  ViewerModel(const ViewerModel&) = delete;
  ViewerModel& operator=(const ViewerModel&) = delete;

  // Adds a layer on top and updates the dims (ndim and range); does not slice.
  void AddLayer(std::shared_ptr<Layer> layer);
  const std::vector<std::shared_ptr<Layer>>& layers() const { return layers_; }

  const Dims& dims() const { return dims_; }
  // Changes dims (same ndim; the range stays the layers') and, unless `refresh`
  // is false, submits a slice task for the new position.
  Status SetDims(Dims dims, bool refresh = true);
  Status SetPoint(std::vector<double> point);

  // Submits a slice task of every visible layer for the current dims (after adding
  // layers).
  Status Refresh();
  // The visible layers whose last slice request was made for other inputs than the
  // current ones, or that have none: their request's cache key (slicing/) differs
  // from the one they were last sliced at. Hidden layers need none until shown.
  Result<std::vector<std::shared_ptr<Layer>>> LayersToSlice() const;
  // Submits a slice task for exactly those layers (nothing when none does).
  Status EnsureSliced();
  // EnsureSliced, the sync barrier, then each visible layer's draw item; fails
  // naming a layer whose slice failed or is missing.
  Result<std::vector<DrawItem>> DrawItemsAtBarrier(std::chrono::milliseconds timeout);
  // Recomputes the dims range from the layers' extents (after a layer's transform
  // changed); the point is clipped to it. Does not slice.
  void UpdateDimsRange();

  // The camera; unset means napari's reset_view fit, computed for the canvas size.
  void SetCamera(Camera2D camera) { camera_ = camera; }
  void ResetCamera() { camera_.reset(); }
  Camera2D CameraFor(int width, int height) const;

  // The canvas slices are made for (layers that read only what is visible use it).
  void SetCanvasSize(int width, int height);
  // The world box the canvas shows on the displayed axes.
  SliceView CurrentView() const;

  // Sets the canvas size, slices what needs it (EnsureSliced), waits for every
  // pending slice (the sync barrier), then draws.
  Result<RgbaImage> Screenshot(const ScreenshotOptions& options);

  LayerSlicer& slicer() { return slicer_; }
  // Bytes read by the slices applied so far (cache hits read nothing).
  uint64_t bytes_sliced() const { return bytes_sliced_; }
  // Every slice failure, each distinct one once with a count of repeats.
  const FailureLog& failures() const { return failures_; }
  // Names of the visible layers whose newest request is not applied yet.
  std::vector<std::string> LoadingLayers() const;

  // Emitted on the main loop when a layer starts or stops loading.
  Signal<const Layer&, bool> loading_changed;

 private:
  void OnSliceReady(const SliceReadyEvent& event);
  void NoteLoading();
  Status Submit(std::vector<std::shared_ptr<Layer>> layers);
  // The request `layer` would get now (id 0) and its cache key.
  struct SlicedAt {
    std::shared_ptr<const SliceRequest> request;  // held: keeps the key's data identities alive
    std::string key;
  };
  Result<SlicedAt> RequestNow(const Layer& layer, const SliceView& view) const;

  std::vector<std::shared_ptr<Layer>> layers_;
  Dims dims_;
  std::optional<Camera2D> camera_;
  int canvas_width_ = 800;
  int canvas_height_ = 600;
  // What each layer's newest request was made for.
  std::map<const Layer*, SlicedAt> sliced_at_;
  LayerSlicer slicer_;
  // The failure of each layer's newest request, until a newer one succeeds.
  std::map<const Layer*, Status> layer_errors_;
  std::map<const Layer*, bool> loading_;
  FailureLog failures_;
  uint64_t bytes_sliced_ = 0;
};

}  // namespace stackshot
