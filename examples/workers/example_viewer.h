// The examples' stand-in for napari's viewer: named images rendered with stackshot.
// Where the guide adds a layer or sets its data, an example calls AddImage or
// SetData, and Render() draws every layer through a ViewerModel on the calling
// thread (which must be its loop's main thread) to a PNG in a scratch folder.
//
// Also: deterministic random images (napari's np.random.rand) and a check helper.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "events/main_loop.h"
#include "nd/array.h"
#include "nd/status.h"

namespace stackshot::examples {

class ExampleViewer {
 public:
  // Renders into a fresh folder under the system's temporary folder, removed when
  // the viewer goes (kept when $STACKSHOT_KEEP_EXAMPLE_OUTPUT is set).
  ExampleViewer(MainLoop& loop, const std::string& example_name, int canvas_size = 64);
  ~ExampleViewer();
  ExampleViewer(const ExampleViewer&) = delete;
  ExampleViewer& operator=(const ExampleViewer&) = delete;

  // viewer.add_image(image, name=..., contrast_limits=...), then a render.
  Status AddImage(const Array& image, const std::string& name, std::array<double, 2> contrast_limits = {0, 1});
  // viewer.layers[name].data = image, then a render; fails for an unknown name.
  Status SetData(const std::string& name, const Array& image);
  bool Has(const std::string& name) const { return layers_.count(name) != 0; }

  // PNGs written so far, in order, and the canvas of the last one.
  const std::vector<std::string>& frames() const { return frames_; }
  const std::vector<uint8_t>& last_pixels() const { return last_pixels_; }

 private:
  struct Image {
    Array data;
    std::array<double, 2> contrast_limits;
  };
  Status Render();

  MainLoop& loop_;
  std::filesystem::path folder_;
  int canvas_size_;
  std::vector<std::string> order_;
  std::map<std::string, Image> layers_;
  std::vector<std::string> frames_;
  std::vector<uint8_t> last_pixels_;
};

// Uniform float32 values in [0, 1) from a fixed seed (splitmix64), C-ordered.
Array RandomImage(const Shape& shape, uint64_t& seed);
double Mean(const Array& image);

// Prints "FAILED: <what>" and exits 1 when `ok` is false: the examples are tests.
void Check(bool ok, const std::string& what);
void CheckOk(const Status& status, const std::string& what);

}  // namespace stackshot::examples
