#include "render/colormap.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "nd/nearest_names.h"
#include "render/colormap_tables.h"
#include "render/pixel_kernels.h"

namespace stackshot {
namespace {

constexpr char kReversedSuffix[] = "_r";

bool EndsWithReversed(const std::string& name) {
  return name.size() > 2 && name.compare(name.size() - 2, 2, kReversedSuffix) == 0;
}

// np.linspace(0, 1, n, dtype=np.float32), as napari makes default controls: the
// steps are computed in double, cast to float, and the last one is exactly 1.
std::vector<float> EvenControls(size_t n) {
  std::vector<float> controls(n);
  const double step = n > 1 ? 1.0 / static_cast<double>(n - 1) : 0.0;
  for (size_t i = 0; i < n; ++i) controls[i] = static_cast<float>(static_cast<double>(i) * step);
  if (n > 1) controls.back() = 1.0f;
  return controls;
}

Rgba Rgb255(double r, double g, double b) {
  return {static_cast<float>(r / 255), static_cast<float>(g / 255), static_cast<float>(b / 255), 1.0f};
}

Colormap TwoStop(const std::string& name, Rgba from, Rgba to) {
  return Colormap(name, {0.0f, 1.0f}, {from, to});
}

// napari's AVAILABLE_COLORMAPS that we can reproduce exactly, by name.
const std::map<std::string, Colormap>& Registry() {
  static const std::map<std::string, Colormap>* registry = [] {
    auto* maps = new std::map<std::string, Colormap>();
    auto add = [&](Colormap map) { maps->emplace(map.name(), std::move(map)); };
    const Rgba black = {0, 0, 0, 1};
    const Rgba white = {1, 1, 1, 1};
    // matplotlib's gray is the exact ramp; napari's 256 samples of it lie on it.
    add(TwoStop("gray", black, white));
    // napari's SIMPLE_COLORMAPS: black to the primary colour.
    add(TwoStop("red", black, {1, 0, 0, 1}));
    add(TwoStop("green", black, {0, 1, 0, 1}));
    add(TwoStop("blue", black, {0, 0, 1, 1}));
    add(TwoStop("cyan", black, {0, 1, 1, 1}));
    add(TwoStop("magenta", black, {1, 0, 1, 1}));
    add(TwoStop("yellow", black, {1, 1, 0, 1}));
    // napari's INVERSE_COLORMAPS (ChrisLUTs): white to the colour.
    add(TwoStop("I Bordeaux", white, Rgb255(204, 0, 51)));
    add(TwoStop("I Blue", white, Rgb255(0, 51, 204)));
    add(TwoStop("I Forest", white, Rgb255(0, 153, 0)));
    add(TwoStop("I Orange", white, Rgb255(255, 117, 0)));
    add(TwoStop("I Purple", white, Rgb255(117, 0, 255)));
    // The matplotlib maps napari samples at 256 points.
    for (const ColormapTable& table : SampledColormapTables()) {
      std::vector<Rgba> colors(static_cast<size_t>(table.count));
      for (int i = 0; i < table.count; ++i) {
        for (int c = 0; c < 4; ++c) colors[i][c] = table.rgba[i * 4 + c];
      }
      std::vector<float> controls = EvenControls(colors.size());
      add(Colormap(table.name, std::move(controls), std::move(colors)));
    }
    return maps;
  }();
  return *registry;
}

std::string FloatText(float value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

Colormap::Colormap(std::string name, std::vector<float> controls, std::vector<Rgba> colors)
    : name_(std::move(name)), controls_(std::move(controls)), colors_(std::move(colors)) {}

Rgba Colormap::Map(float t) const {
  const int n = static_cast<int>(std::min(controls_.size(), colors_.size()));
  if (n == 0) return {0, 0, 0, 0};
  if (n == 1) return colors_[0];
  return ColormapLookup(controls_.data(), colors_.data(), n, t);
}

Colormap Colormap::Reversed() const {
  std::string name = EndsWithReversed(name_) ? name_.substr(0, name_.size() - 2) : name_ + kReversedSuffix;
  std::vector<Rgba> colors(colors_.rbegin(), colors_.rend());
  const size_t n = controls_.size();
  // Evenly spaced controls stay exactly evenly spaced; others become 1 - c.
  std::vector<float> controls = EvenControls(n);
  if (controls != controls_) {
    for (size_t i = 0; i < n; ++i) controls[i] = 1.0f - controls_[n - 1 - i];
    if (n > 0) {
      controls.front() = 0.0f;
      controls.back() = 1.0f;
    }
  }
  return Colormap(std::move(name), std::move(controls), std::move(colors));
}

std::vector<std::string> ColormapNames() {
  std::vector<std::string> names;
  for (const auto& [name, map] : Registry()) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

Result<Colormap> NamedColormap(const std::string& name) {
  const auto& registry = Registry();
  if (auto it = registry.find(name); it != registry.end()) return it->second;
  if (EndsWithReversed(name)) {
    auto it = registry.find(name.substr(0, name.size() - 2));
    if (it != registry.end()) return it->second.Reversed();
  }
  // Suggest among the reversed names only when a reversed one was asked for.
  std::vector<std::string> candidates = ColormapNames();
  if (EndsWithReversed(name)) {
    for (std::string& candidate : candidates) candidate += kReversedSuffix;
  }
  return InvalidArgumentError("unknown colormap '" + name + "' (" + SuggestNames(name, candidates) + ")");
}

Result<Colormap> ResolveColormap(const ColormapSpec& spec) {
  if (!spec.is_custom()) return NamedColormap(spec.name);
  const size_t n = spec.colors.size();
  if (n < 2) return InvalidArgumentError("a colormap needs at least 2 colours, got " + std::to_string(n));
  for (size_t i = 0; i < n; ++i) {
    for (float v : spec.colors[i]) {
      if (!(v >= 0.0f && v <= 1.0f)) {
        return InvalidArgumentError("colormap colour " + std::to_string(i) + " has a component outside [0, 1]");
      }
    }
  }
  if (spec.controls.empty()) return Colormap("custom", EvenControls(n), spec.colors);
  const std::vector<float>& controls = spec.controls;
  if (controls.size() != n) {
    return InvalidArgumentError("colormap has " + std::to_string(n) + " colours but " +
                                std::to_string(controls.size()) + " controls");
  }
  if (controls.front() != 0.0f || controls.back() != 1.0f) {
    return InvalidArgumentError("colormap controls must start at 0 and end at 1, got " + FloatText(controls.front()) +
                                " and " + FloatText(controls.back()));
  }
  // Equal neighbours are allowed (a hard step), as napari allows them.
  for (size_t i = 1; i < n; ++i) {
    if (!(controls[i] >= controls[i - 1])) {
      return InvalidArgumentError("colormap controls must be in ascending order, got " +
                                  FloatText(controls[i - 1]) + " before " + FloatText(controls[i]));
    }
  }
  return Colormap("custom", controls, spec.colors);
}

}  // namespace stackshot
