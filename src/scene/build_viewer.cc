#include "scene/build_viewer.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "io/hdf5_source.h"
#include "io/image_sequence_source.h"
#include "io/oiio_source.h"
#include "layers/image/image_layer.h"
#include "layers/image/multiscale.h"
#include "layers/labels/labels_layer.h"
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

Status BuildLabelsLayer(const SceneSpec& spec, const LabelsLayerSpec& layer_spec, BuiltScene& built) {
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
  labels.set_opacity(layer_spec.opacity);
  labels.set_blending(layer_spec.blending);
  labels.set_visible(layer_spec.visible);
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

  // Every layer in the order the scene lists them, whatever its type.
  size_t next_image = 0;
  size_t next_labels = 0;
  while (next_image < spec.layers.size() || next_labels < spec.labels.size()) {
    const bool image_next = next_labels == spec.labels.size() ||
                            (next_image < spec.layers.size() && spec.layers[next_image].index < spec.labels[next_labels].index);
    if (image_next) {
      RETURN_IF_ERROR(BuildImageLayer(spec, spec.layers[next_image++], flags.threads, built));
    } else {
      RETURN_IF_ERROR(BuildLabelsLayer(spec, spec.labels[next_labels++], built));
    }
  }

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
