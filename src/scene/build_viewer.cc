#include "scene/build_viewer.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "io/hdf5_source.h"
#include "layers/image/image_layer.h"

namespace stackshot {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string FormatNumber(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
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
  const std::string extension = Lower(std::filesystem::path(source.path).extension().string());
  std::shared_ptr<Source> opened;
  if (extension == ".h5" || extension == ".hdf5" || extension == ".hdf" || extension == ".he5") {
    ASSIGN_OR_RETURN(opened, OpenHdf5Dataset(source.path, source.dataset));
  } else {
    return InvalidArgumentError(source.path + ": unsupported source format '" + extension +
                                "' (supported: .h5, .hdf5, .hdf, .he5)");
  }
  if (source.latency_ms > 0) opened = WithLatency(std::move(opened), source.latency_ms);
  return opened;
}

Result<BuiltScene> BuildViewer(const SceneSpec& spec, MainLoop& loop) {
  BuiltScene built;
  built.viewer = std::make_unique<ViewerModel>(loop);
  built.screenshot.width = spec.canvas.width;
  built.screenshot.height = spec.canvas.height;
  built.screenshot.background = spec.canvas.background;

  for (const ImageLayerSpec& layer_spec : spec.layers) {
    const std::string at = spec.file + layer_spec.pointer;
    auto source = OpenSource(layer_spec.source);
    if (!source.ok()) return source.status().WithContext(spec.file + layer_spec.source.pointer);
    const int ndim = static_cast<int>((*source)->shape().size());
    auto transform = BuildLayerTransform(ndim, layer_spec.transform);
    if (!transform.ok()) return transform.status().WithContext(at);
    auto layer = ImageLayer::Create(layer_spec.name, *source, *transform);
    if (!layer.ok()) return layer.status().WithContext(spec.file + layer_spec.source.pointer);
    ImageLayer& image = **layer;
    image.set_colormap(layer_spec.colormap);
    image.set_interpolation(layer_spec.interpolation);
    image.set_opacity(layer_spec.opacity);
    image.set_blending(layer_spec.blending);
    image.set_visible(layer_spec.visible);
    RETURN_IF_ERROR(image.SetGamma(layer_spec.gamma).WithContext(at + "/gamma"));
    if (layer_spec.contrast_limits) {
      RETURN_IF_ERROR(image.SetContrastLimits(*layer_spec.contrast_limits).WithContext(at + "/contrast_limits"));
    } else {
      auto limits = EstimateContrastLimits(image.data());
      if (!limits.ok()) return limits.status().WithContext(spec.file + layer_spec.source.pointer);
      RETURN_IF_ERROR(image.SetContrastLimits(*limits).WithContext(at));
      built.notes.push_back("layer '" + image.name() + "': contrast limits [" + FormatNumber((*limits)[0]) + ", " +
                            FormatNumber((*limits)[1]) + "] from the data");
    }
    built.viewer->AddLayer(std::move(layer).value());
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
