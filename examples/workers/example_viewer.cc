#include "example_viewer.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "io/source.h"
#include "layers/image/image_layer.h"
#include "render/image_writer.h"
#include "viewer/viewer_model.h"

namespace stackshot::examples {

ExampleViewer::ExampleViewer(MainLoop& loop, const std::string& example_name, int canvas_size)
    : loop_(loop),
      folder_(std::filesystem::temp_directory_path() / "stackshot-worker-examples" /
              (example_name + "-" + std::to_string(::getpid()))),
      canvas_size_(canvas_size) {
  std::filesystem::create_directories(folder_);
}

ExampleViewer::~ExampleViewer() {
  if (std::getenv("STACKSHOT_KEEP_EXAMPLE_OUTPUT") != nullptr) return;
  std::error_code ec;
  std::filesystem::remove_all(folder_, ec);
}

Status ExampleViewer::AddImage(const Array& image, const std::string& name, std::array<double, 2> contrast_limits) {
  if (!Has(name)) order_.push_back(name);
  layers_[name] = Image{image, contrast_limits};
  return Render();
}

Status ExampleViewer::SetData(const std::string& name, const Array& image) {
  auto it = layers_.find(name);
  if (it == layers_.end()) return NotFoundError("no layer named '" + name + "'");
  it->second.data = image;
  return Render();
}

Status ExampleViewer::Render() {
  // A fresh viewer per frame keeps the stand-in small; slicing is synchronous here
  // so that the screenshot needs no nested run of the loop.
  ViewerModel viewer(loop_);
  for (const std::string& name : order_) {
    const Image& image = layers_.at(name);
    const int ndim = static_cast<int>(image.data.shape().size());
    auto layer = ImageLayer::Create(name, MakeMemorySource(image.data, name), Affine::Identity(ndim));
    RETURN_IF_ERROR(layer.status());
    RETURN_IF_ERROR((*layer)->SetContrastLimits(image.contrast_limits));
    viewer.AddLayer(*layer);
  }
  viewer.SetCanvasSize(canvas_size_, canvas_size_);
  LayerSlicer::SyncSlicing sync(viewer.slicer());
  RETURN_IF_ERROR(viewer.Refresh());
  ScreenshotOptions options;
  options.width = canvas_size_;
  options.height = canvas_size_;
  options.threads = 1;
  ASSIGN_OR_RETURN(RgbaImage frame, viewer.Screenshot(options));
  char name[32];
  std::snprintf(name, sizeof name, "frame-%04zu.png", frames_.size());
  const std::string path = (folder_ / name).string();
  RETURN_IF_ERROR(WriteImageFile(frame, path));
  frames_.push_back(path);
  last_pixels_ = frame.pixels;
  return Status::Ok();
}

Array RandomImage(const Shape& shape, uint64_t& seed) {
  Array image = Array::Zeros(DType::kFloat32, shape);
  float* values = image.mutable_data<float>();
  for (int64_t i = 0; i < image.size(); ++i) {
    uint64_t z = (seed += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    values[i] = static_cast<float>(z >> 40) / static_cast<float>(1 << 24);
  }
  return image;
}

double Mean(const Array& image) {
  const float* values = image.data<float>();
  double sum = 0;
  for (int64_t i = 0; i < image.size(); ++i) sum += values[i];
  return image.size() > 0 ? sum / static_cast<double>(image.size()) : 0;
}

void Check(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "FAILED: %s\n", what.c_str());
  std::exit(1);
}

void CheckOk(const Status& status, const std::string& what) {
  Check(status.ok(), what + ": " + status.message());
}

}  // namespace stackshot::examples
