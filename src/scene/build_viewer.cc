#include "scene/build_viewer.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <sstream>

#include "io/hdf5_source.h"
#include "io/image_sequence_source.h"
#include "io/oiio_source.h"
#include "layers/image/image_layer.h"
#include "layers/image/multiscale.h"
#include "layers/labels/labels_layer.h"
#include "layers/points/points_csv.h"
#include "layers/points/points_layer.h"
#include "layers/shapes/shapes_csv.h"
#include "layers/shapes/shapes_layer.h"
#include "layers/vectors/vectors_layer.h"
#include "scene/json_reader.h"
#include "scene/layer_fields_parser.h"
#include "scene/slicing_settings.h"

namespace stackshot {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// "#/dims/point: …" errors at the scene level.
Status AtPointer(const SceneSpec& spec, const std::string& pointer, const Status& status) {
  return status.WithContext(spec.file + pointer);
}

Status ApplyDims(const SceneSpec& spec, Dims& dims) {
  const DimsSpec& d = spec.dims;
  const int ndim = dims.ndim();
  auto check_length = [&](const char* key, size_t size) -> Status {
    if (static_cast<int>(size) == ndim) return Status::Ok();
    return InvalidArgumentError(spec.file + "#/dims/" + key + ": has " + std::to_string(size) +
                                " values but the layers have " + std::to_string(ndim) + " dims");
  };
  if (d.ndisplay) {
    if (*d.ndisplay == 3) {
      return InvalidArgumentError(spec.file + "#/dims/ndisplay: 3D display is not supported yet");
    }
    RETURN_IF_ERROR(AtPointer(spec, "#/dims/ndisplay", dims.SetNDisplay(*d.ndisplay)));
  }
  if (d.order) {
    RETURN_IF_ERROR(check_length("order", d.order->size()));
    RETURN_IF_ERROR(AtPointer(spec, "#/dims/order", dims.SetOrder(*d.order)));
  }
  if (d.point) {
    RETURN_IF_ERROR(check_length("point", d.point->size()));
    RETURN_IF_ERROR(AtPointer(spec, "#/dims/point", dims.SetPoint(*d.point)));
  }
  if (d.margin_left || d.margin_right) {
    std::vector<double> left = d.margin_left.value_or(std::vector<double>(ndim, 0.0));
    std::vector<double> right = d.margin_right.value_or(std::vector<double>(ndim, 0.0));
    RETURN_IF_ERROR(check_length("margin_left", left.size()));
    RETURN_IF_ERROR(check_length("margin_right", right.size()));
    RETURN_IF_ERROR(AtPointer(spec, "#/dims/margin_left", dims.SetMargins(left, right)));
  }
  if (d.axis_labels) {
    RETURN_IF_ERROR(check_length("axis_labels", d.axis_labels->size()));
    RETURN_IF_ERROR(AtPointer(spec, "#/dims/axis_labels", dims.SetAxisLabels(*d.axis_labels)));
  }
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<Source>> OpenSource(const SourceSpec& source) {
  if (!source.multiscale.empty()) return InternalError("a multiscale source opens level by level");
  const std::string extension = Lower(std::filesystem::path(source.path).extension().string());
  std::shared_ptr<Source> opened;
  std::error_code error;
  if (extension == ".h5" || extension == ".hdf5" || extension == ".hdf" || extension == ".he5") {
    ASSIGN_OR_RETURN(opened, OpenHdf5Dataset(source.path, source.dataset));
  } else if (IsGlobPattern(source.path) && !std::filesystem::exists(source.path, error)) {
    ASSIGN_OR_RETURN(opened, OpenImageSequence(source.path));
  } else {
    ASSIGN_OR_RETURN(opened, OpenImageFile(source.path));
  }
  if (source.latency_ms > 0) opened = WithLatency(std::move(opened), source.latency_ms);
  return opened;
}

namespace {

// The levels of a source, level 0 first: the "multiscale" list, the datasets of an
// HDF5 group, or the source alone. Errors carry the scene file and pointer.
Result<std::vector<std::shared_ptr<const Source>>> OpenLevels(const SceneSpec& spec, const SourceSpec& source) {
  std::vector<std::shared_ptr<const Source>> levels;
  if (!source.multiscale.empty()) {
    for (const SourceSpec& level : source.multiscale) {
      auto opened = OpenSource(level);
      if (!opened.ok()) return opened.status().WithContext(spec.file + level.pointer);
      levels.push_back(std::move(opened).value());
    }
  } else if (IsHdf5Path(source.path)) {
    auto opened = OpenHdf5Levels(source.path, source.dataset);
    if (!opened.ok()) return opened.status().WithContext(spec.file + source.pointer);
    for (auto& level : *opened) {
      levels.push_back(source.latency_ms > 0 ? WithLatency(std::move(level), source.latency_ms) : std::move(level));
    }
  } else {
    auto opened = OpenSource(source);
    if (!opened.ok()) return opened.status().WithContext(spec.file + source.pointer);
    levels.push_back(std::move(opened).value());
  }
  if (levels.size() > 1) {
    std::vector<Shape> shapes;
    for (const auto& level : levels) shapes.push_back(level->shape());
    Status shrink = CheckLevelsShrink(shapes);
    if (!shrink.ok()) {
      return shrink.WithContext(spec.file + source.pointer + (source.multiscale.empty() ? "" : "/multiscale"));
    }
  }
  return levels;
}

Status BuildImageLayer(const SceneSpec& spec, const ImageLayerSpec& layer_spec, int threads, BuiltScene& built) {
  const std::string at = spec.file + layer_spec.pointer;
  const std::string source_at = spec.file + layer_spec.source.pointer;
  ASSIGN_OR_RETURN(std::vector<std::shared_ptr<const Source>> levels, OpenLevels(spec, layer_spec.source));
  const Shape& shape = levels[0]->shape();
  const bool rgb = layer_spec.rgb.value_or(GuessRgb(shape));
  const int ndim = static_cast<int>(shape.size()) - (rgb && !shape.empty() ? 1 : 0);
  auto transform = BuildLayerTransform(ndim, layer_spec.transform);
  if (!transform.ok()) return transform.status().WithContext(at);
  auto layer = ImageLayer::Create(layer_spec.name, levels, *transform, rgb);
  if (!layer.ok()) return layer.status().WithContext(layer_spec.rgb ? at + "/rgb" : source_at);
  ImageLayer& image = **layer;
  image.set_colormap(layer_spec.colormap);
  image.set_interpolation(layer_spec.interpolation);
  image.set_projection_mode(layer_spec.projection_mode);
  image.set_slice_threads(threads);
  image.set_opacity(layer_spec.opacity);
  image.set_blending(layer_spec.blending);
  image.set_visible(layer_spec.visible);
  RETURN_IF_ERROR(image.SetGamma(layer_spec.gamma).WithContext(at + "/gamma"));
  if (layer_spec.contrast_limits) {
    RETURN_IF_ERROR(image.SetContrastLimits(*layer_spec.contrast_limits).WithContext(at + "/contrast_limits"));
  } else {
    // napari reads the coarsest level of a pyramid for the default.
    auto limits = EstimateContrastLimits(*levels.back(), rgb);
    if (!limits.ok()) return limits.status().WithContext(source_at);
    RETURN_IF_ERROR(image.SetContrastLimits(*limits).WithContext(at));
    built.notes.push_back("layer '" + image.name() + "': contrast limits [" + FormatNumber((*limits)[0]) + ", " +
                          FormatNumber((*limits)[1]) + "] from the data");
  }
  if (levels.size() > 1 || rgb) {
    built.notes.push_back("layer '" + image.name() + "': " + (rgb ? "rgb" : "") +
                          (levels.size() > 1 && rgb ? ", " : "") +
                          (levels.size() > 1 ? std::to_string(levels.size()) + " pyramid levels" : ""));
  }
  built.viewer->AddLayer(std::move(layer).value());
  return Status::Ok();
}

Status BuildLabelsLayer(const SceneSpec& spec, const LabelsLayerSpec& layer_spec, int threads, BuiltScene& built) {
  const std::string at = spec.file + layer_spec.pointer;
  auto source = OpenSource(layer_spec.source);
  if (!source.ok()) return source.status().WithContext(spec.file + layer_spec.source.pointer);
  const int ndim = static_cast<int>((*source)->shape().size());
  auto transform = BuildLayerTransform(ndim, layer_spec.transform);
  if (!transform.ok()) return transform.status().WithContext(at);
  auto layer = LabelsLayer::Create(layer_spec.name, *source, *transform);
  if (!layer.ok()) return layer.status().WithContext(spec.file + layer_spec.source.pointer);
  LabelsLayer& labels = **layer;
  RETURN_IF_ERROR(labels.SetStyle(layer_spec.style).WithContext(at));
  labels.set_slice_threads(threads);
  labels.set_opacity(layer_spec.opacity);
  labels.set_blending(layer_spec.blending);
  labels.set_visible(layer_spec.visible);
  built.viewer->AddLayer(std::move(layer).value());
  return Status::Ok();
}

// A points colour given as a feature: a cycle for text or when a cycle was given,
// else a colormap (napari's default viridis) for numbers.
void DecidePointColorMode(PointColor& color, bool cycle_given, bool colormap_given, const PointsData& data) {
  if (color.mode == PointColor::Mode::kDirect) return;
  const PointsFeature* feature = data.FindFeature(color.feature);
  const bool numeric = feature && feature->numeric;
  if (colormap_given || (numeric && !cycle_given)) {
    color.mode = PointColor::Mode::kColormap;
    if (!colormap_given) color.colormap.name = "viridis";
  } else {
    color.mode = PointColor::Mode::kCycle;
    if (!cycle_given) color.cycle = DefaultColorCycle();
  }
}

Status BuildPointsLayer(const SceneSpec& spec, const PointsLayerSpec& layer_spec, int threads, BuiltScene& built) {
  const std::string at = spec.file + layer_spec.pointer;
  PointsData data = layer_spec.data;
  if (layer_spec.source) {
    const std::string source_at = spec.file + layer_spec.source->pointer;
    const std::string extension = Lower(std::filesystem::path(layer_spec.source->path).extension().string());
    if (extension == ".csv") {
      auto read = ReadPointsCsv(layer_spec.source->path);
      if (!read.ok()) return read.status().WithContext(source_at);
      data = std::move(read).value();
    } else {
      auto source = OpenSource(*layer_spec.source);
      if (!source.ok()) return source.status().WithContext(source_at);
      auto array = (*source)->Read(FullBox((*source)->shape()));
      if (!array.ok()) return array.status().WithContext(source_at);
      auto points = PointsFromArray(*array, (*source)->Describe());
      if (!points.ok()) return points.status().WithContext(source_at);
      data = std::move(points).value();
    }
  }
  auto transform = BuildLayerTransform(data.ndim, layer_spec.transform);
  if (!transform.ok()) return transform.status().WithContext(at);
  auto shared = std::make_shared<const PointsData>(std::move(data));
  auto layer = PointsLayer::Create(layer_spec.name, shared, *transform);
  if (!layer.ok()) return layer.status().WithContext(at);
  PointsLayer& points = **layer;
  if (layer_spec.size) RETURN_IF_ERROR(points.SetSize(*layer_spec.size).WithContext(at + "/size"));
  if (!layer_spec.sizes.empty()) RETURN_IF_ERROR(points.SetSizes(layer_spec.sizes).WithContext(at + "/size"));
  if (!layer_spec.shown.empty()) RETURN_IF_ERROR(points.SetShown(layer_spec.shown).WithContext(at + "/shown"));
  PointsAppearance style = layer_spec.style;
  DecidePointColorMode(style.face_color, layer_spec.face_cycle_given, layer_spec.face_colormap_given, *shared);
  DecidePointColorMode(style.border_color, layer_spec.border_cycle_given, layer_spec.border_colormap_given, *shared);
  RETURN_IF_ERROR(points.SetStyle(std::move(style)).WithContext(at));
  points.set_out_of_slice_display(layer_spec.out_of_slice_display);
  points.set_projection_mode(layer_spec.projection_mode);
  points.set_slice_threads(threads);
  points.set_opacity(layer_spec.opacity);
  points.set_blending(layer_spec.blending);
  points.set_visible(layer_spec.visible);
  built.viewer->AddLayer(std::move(layer).value());
  return Status::Ok();
}

Status BuildShapesLayer(const SceneSpec& spec, const ShapesLayerSpec& layer_spec, BuiltScene& built) {
  const std::string at = spec.file + layer_spec.pointer;
  ShapesData data = layer_spec.data;
  if (layer_spec.source) {
    auto read = ReadShapesCsv(layer_spec.source->path);
    if (!read.ok()) return read.status().WithContext(spec.file + layer_spec.source->pointer);
    data = std::move(read).value();
  }
  auto transform = BuildLayerTransform(data.ndim, layer_spec.transform);
  if (!transform.ok()) return transform.status().WithContext(at);
  auto layer = ShapesLayer::Create(layer_spec.name, std::make_shared<const ShapesData>(std::move(data)), *transform);
  if (!layer.ok()) return layer.status().WithContext(at);
  ShapesLayer& shapes = **layer;
  RETURN_IF_ERROR(shapes.SetStyle(layer_spec.style).WithContext(at));
  shapes.set_opacity(layer_spec.opacity);
  shapes.set_blending(layer_spec.blending);
  shapes.set_visible(layer_spec.visible);
  built.viewer->AddLayer(std::move(layer).value());
  return Status::Ok();
}

// Colour by a feature: numbers through the colormap (contrast limits default to
// the values' range), text through the colour cycle in order of first appearance.
Status ColorByFeature(const VectorsLayerSpec& layer_spec, const VectorsFeature& feature, VectorsAppearance& style) {
  if (feature.numeric) {
    style.color_values = feature.numbers;
    if (layer_spec.contrast_limits) {
      style.contrast_limits = *layer_spec.contrast_limits;
    } else if (!feature.numbers.empty()) {
      const auto [lo, hi] = std::minmax_element(feature.numbers.begin(), feature.numbers.end());
      style.contrast_limits = {*lo, *hi};
    }
    return Status::Ok();
  }
  if (layer_spec.color_cycle.empty()) {
    return InvalidArgumentError("edge_color: feature '" + feature.name + "' holds text: give edge_color_cycle");
  }
  std::vector<std::string> seen;
  style.edge_color.clear();
  for (const std::string& value : feature.strings) {
    size_t k = std::find(seen.begin(), seen.end(), value) - seen.begin();
    if (k == seen.size()) seen.push_back(value);
    style.edge_color.push_back(layer_spec.color_cycle[k % layer_spec.color_cycle.size()]);
  }
  if (style.edge_color.empty()) style.edge_color = {Rgba{1, 0, 0, 1}};
  return Status::Ok();
}

Status BuildVectorsLayer(const SceneSpec& spec, const VectorsLayerSpec& layer_spec, BuiltScene& built) {
  const std::string at = spec.file + layer_spec.pointer;
  VectorsData data = layer_spec.data;
  if (layer_spec.source) {
    const std::string source_at = spec.file + layer_spec.source->pointer;
    auto source = OpenSource(*layer_spec.source);
    if (!source.ok()) return source.status().WithContext(source_at);
    auto array = (*source)->Read(FullBox((*source)->shape()));
    if (!array.ok()) return array.status().WithContext(source_at);
    auto vectors = VectorsFromArray(*array, (*source)->Describe());
    if (!vectors.ok()) return vectors.status().WithContext(source_at);
    data = std::move(vectors).value();
  }
  for (const VectorsFeature& feature : layer_spec.features) {
    const size_t size = feature.numeric ? feature.numbers.size() : feature.strings.size();
    if (static_cast<int64_t>(size) != data.size()) {
      return InvalidArgumentError(at + "/features/" + EscapePointerToken(feature.name) + ": has " +
                                  std::to_string(size) + " values for " + std::to_string(data.size()) + " vectors");
    }
  }
  data.features = layer_spec.features;
  VectorsAppearance style = layer_spec.style;
  if (!layer_spec.color_feature.empty()) {
    RETURN_IF_ERROR(ColorByFeature(layer_spec, *data.FindFeature(layer_spec.color_feature), style).WithContext(at));
  }
  auto transform = BuildLayerTransform(data.ndim, layer_spec.transform);
  if (!transform.ok()) return transform.status().WithContext(at);
  auto layer = VectorsLayer::Create(layer_spec.name, std::make_shared<const VectorsData>(std::move(data)), *transform);
  if (!layer.ok()) return layer.status().WithContext(at);
  VectorsLayer& vectors = **layer;
  RETURN_IF_ERROR(vectors.SetStyle(std::move(style)).WithContext(at));
  vectors.set_out_of_slice_display(layer_spec.out_of_slice_display);
  vectors.set_opacity(layer_spec.opacity);
  vectors.set_blending(layer_spec.blending);
  vectors.set_visible(layer_spec.visible);
  built.viewer->AddLayer(std::move(layer).value());
  return Status::Ok();
}

}  // namespace

Result<BuiltScene> BuildViewer(const SceneSpec& spec, MainLoop& loop, const BuildFlags& flags) {
  ASSIGN_OR_RETURN(SlicerOptions slicer, LoadUserSlicerOptions());
  RETURN_IF_ERROR(ApplySlicingSpec(spec.slicing, slicer).WithContext(spec.file + "#/slicing"));
  if (flags.cache_bytes) slicer.cache_bytes = *flags.cache_bytes;
  if (flags.latency_log) {
    slicer.latency_log = *flags.latency_log;
  } else if (const char* env = std::getenv("STACKSHOT_LATENCY_LOG"); env && *env) {
    slicer.latency_log = env;
  }

  BuiltScene built;
  built.viewer = std::make_unique<ViewerModel>(loop, slicer);
  RETURN_IF_ERROR(built.viewer->slicer().status());
  built.viewer->SetCanvasSize(spec.canvas.width, spec.canvas.height);
  built.screenshot.width = spec.canvas.width;
  built.screenshot.height = spec.canvas.height;
  built.screenshot.background = spec.canvas.background;
  built.screenshot.antialiasing = spec.canvas.antialiasing;

  // Every layer in the order the scene lists them, whatever its type.
  std::vector<std::pair<int, std::function<Status()>>> builds;
  for (const auto& layer : spec.layers) {
    builds.emplace_back(layer.index, [&] { return BuildImageLayer(spec, layer, flags.threads, built); });
  }
  for (const auto& layer : spec.labels) {
    builds.emplace_back(layer.index, [&] { return BuildLabelsLayer(spec, layer, flags.threads, built); });
  }
  for (const auto& layer : spec.points) {
    builds.emplace_back(layer.index, [&] { return BuildPointsLayer(spec, layer, flags.threads, built); });
  }
  for (const auto& layer : spec.shapes) builds.emplace_back(layer.index, [&] { return BuildShapesLayer(spec, layer, built); });
  for (const auto& layer : spec.vectors) {
    builds.emplace_back(layer.index, [&] { return BuildVectorsLayer(spec, layer, built); });
  }
  std::sort(builds.begin(), builds.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [index, build] : builds) RETURN_IF_ERROR(build());

  Dims dims = built.viewer->dims();
  RETURN_IF_ERROR(ApplyDims(spec, dims));
  RETURN_IF_ERROR(built.viewer->SetDims(std::move(dims), /*refresh=*/false));

  if (spec.camera.center || spec.camera.zoom) {
    Camera2D camera = built.viewer->CameraFor(spec.canvas.width, spec.canvas.height);
    if (spec.camera.center) {
      camera.center_y = (*spec.camera.center)[0];
      camera.center_x = (*spec.camera.center)[1];
    }
    if (spec.camera.zoom) camera.zoom = *spec.camera.zoom;
    built.viewer->SetCamera(camera);
  }
  return built;
}

}  // namespace stackshot
