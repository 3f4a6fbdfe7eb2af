// SceneSpec: a parsed, validated scene file (version 1, scene-format.md).
//
// Conventions for scene/:
// - Every error names the file and the JSON pointer of the offending value:
//   "scene.json#/layers/2/colormap: unknown colormap 'virdis' (nearest: viridis)".
//   Malformed JSON names the line and column.
// - Unknown keys are errors, with the nearest valid name.
// - Relative paths resolve against the scene file's folder; specs hold absolute ones.
// - Optional fields stay unset here; defaults that depend on data (contrast limits,
//   dims range, camera fit) are decided when the viewer is built.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "layers/image/image_appearance.h"
#include "layers/image/projection.h"
#include "layers/labels/labels_appearance.h"
#include "layers/points/points_appearance.h"
#include "layers/points/points_data.h"
#include "layers/points/points_slice.h"
#include "layers/shapes/shapes_appearance.h"
#include "layers/shapes/shapes_data.h"
#include "layers/vectors/vectors_appearance.h"
#include "layers/vectors/vectors_data.h"
#include "nd/affine.h"

namespace stackshot {

// The longest wait a scene or settings file may ask for (latency_ms, debounce_ms):
// an hour. Beyond it is a typo, and 1e308 ms would overflow the clock.
constexpr double kMaxWaitMs = 3'600'000;

// A source: an HDF5 dataset (or a group of pyramid levels), an image file (a
// multi-page TIFF is a stack), an image sequence by glob, or explicit pyramid levels.
struct SourceSpec {
  std::string path;      // absolute; may hold a glob pattern; empty with `multiscale`
  std::string dataset;   // HDF5 dataset (or group of levels) path, "/nuclei"
  double latency_ms = 0;
  std::vector<SourceSpec> multiscale;  // pyramid levels, level 0 first
  std::string pointer;   // "#/layers/0/source"
};

struct ImageLayerSpec {
  std::string name;
  SourceSpec source;
  ColormapSpec colormap;
  std::optional<std::array<double, 2>> contrast_limits;
  double gamma = 1.0;
  double opacity = 1.0;
  Blending blending = Blending::kTranslucent;
  bool visible = true;
  Interpolation interpolation = Interpolation::kNearest;
  std::optional<bool> rgb;  // unset: napari's guess from the data's shape
  ProjectionMode projection_mode = ProjectionMode::kNone;
  TransformParameters transform;
  int index = 0;         // position in the scene's "layers" (all types together)
  std::string pointer;   // "#/layers/0"
};

struct LabelsLayerSpec {
  std::string name;
  SourceSpec source;
  LabelsAppearance style;  // colours, contour, selection (opacity and blending below)
  double opacity = 0.7;
  Blending blending = Blending::kTranslucent;
  bool visible = true;
  TransformParameters transform;
  int index = 0;
  std::string pointer;
};

// A points layer: napari's points CSV or an N×D HDF5 dataset (`source`), or inline
// `data` (already parsed, with inline `features`).
struct PointsLayerSpec {
  std::string name;
  std::optional<SourceSpec> source;
  PointsData data;                   // inline points when there is no source
  std::optional<double> size;        // one size for all (napari's default 10)
  std::vector<double> sizes;         // or one per point
  std::vector<uint8_t> shown;        // per point; empty: all shown
  bool out_of_slice_display = false;
  PointsProjection projection_mode = PointsProjection::kNone;
  // Colours, symbol and border. A colour by feature is decided when the data is
  // known: the mode flags say what the scene gave.
  PointsAppearance style;
  bool face_cycle_given = false, face_colormap_given = false;
  bool border_cycle_given = false, border_colormap_given = false;
  double opacity = 1.0;
  Blending blending = Blending::kTranslucent;
  bool visible = true;
  TransformParameters transform;
  int index = 0;
  std::string pointer;
};

// A shapes layer: napari's shapes CSV (`source`) or inline `data` (already parsed).
struct ShapesLayerSpec {
  std::string name;
  std::optional<SourceSpec> source;  // a napari shapes CSV
  ShapesData data;                   // inline shapes when there is no source
  ShapesAppearance style;            // per-shape colours, widths, z_index
  double opacity = 0.7;
  Blending blending = Blending::kTranslucent;
  bool visible = true;
  TransformParameters transform;
  int index = 0;
  std::string pointer;
};

// A vectors layer: an N×2×D HDF5 dataset (`source`) or inline `data`.
struct VectorsLayerSpec {
  std::string name;
  std::optional<SourceSpec> source;
  VectorsData data;                  // inline vectors (and features) when there is no source
  std::vector<VectorsFeature> features;  // the scene's "features" table
  VectorsAppearance style;
  std::string color_feature;         // edge_color names a feature: colour by it
  std::vector<Rgba> color_cycle;     // edge_color_cycle, for a categorical feature
  std::optional<std::array<double, 2>> contrast_limits;  // edge_contrast_limits
  bool out_of_slice_display = false;
  double opacity = 0.7;
  Blending blending = Blending::kTranslucent;
  bool visible = true;
  TransformParameters transform;
  int index = 0;
  std::string pointer;
};

struct DimsSpec {
  std::optional<int> ndisplay;
  std::optional<std::vector<int>> order;
  std::optional<std::vector<double>> point;
  std::optional<std::vector<double>> margin_left;
  std::optional<std::vector<double>> margin_right;
  std::optional<std::vector<std::string>> axis_labels;
};

struct CameraSpec {
  std::optional<std::array<double, 2>> center;  // world (y, x) of the displayed axes
  std::optional<double> zoom;
  std::optional<std::array<double, 3>> angles;  // accepted; used by 3D
  std::optional<double> perspective;
};

// The scene's "slicing" section: how layers are sliced (docs/scene-reference.md).
struct SlicingSpec {
  std::optional<std::string> mode;        // "batched" (one task for all layers) or "per_layer"
  std::optional<double> debounce_ms;      // wait before slicing data not known to be fast
  std::optional<int> prefetch;            // neighbouring positions to slice ahead when idle
  std::optional<uint64_t> cache_bytes;    // slice cache budget
  std::optional<int> workers;             // slicing threads in per-layer mode (settings only)
};

struct CanvasSpec {
  int width = 800;
  int height = 600;
  Rgba background = {0, 0, 0, 1};
  bool antialiasing = false;  // shapes and vectors with smooth edges (napari's are hard)
};

struct SceneSpec {
  std::string file;       // the scene file as given, for messages
  std::string directory;  // its folder, absolute
  int version = 1;
  CanvasSpec canvas;
  DimsSpec dims;
  CameraSpec camera;
  SlicingSpec slicing;
  // The layers by type; `index` orders them all as the file lists them (drawn in
  // that order, the first at the bottom).
  std::vector<ImageLayerSpec> layers;
  std::vector<LabelsLayerSpec> labels;
  std::vector<PointsLayerSpec> points;
  std::vector<ShapesLayerSpec> shapes;
  std::vector<VectorsLayerSpec> vectors;
};

// Reads, applies `overrides` ("dims.point=[10,0,0]", in order) and parses the file.
Result<SceneSpec> LoadScene(const std::string& path, const std::vector<std::string>& overrides);
// Parses an already-loaded document; `file` and `directory` are used for messages
// and relative paths.
Result<SceneSpec> ParseScene(const nlohmann::json& document, const std::string& file,
                             const std::string& directory);

// Applies one "--set PATH=VALUE" to the document: PATH is dotted, numeric parts
// index arrays ("layers.0.source.path"); VALUE is parsed as JSON, or else taken as
// a plain string. Intermediate objects are created; an index past the end of an
// array, or a path through a non-container, is an error.
Status ApplyOverride(nlohmann::json& document, const std::string& assignment);

}  // namespace stackshot
