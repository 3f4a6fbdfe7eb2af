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
#include "nd/affine.h"

namespace stackshot {

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
