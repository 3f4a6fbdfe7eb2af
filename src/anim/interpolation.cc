#include "anim/interpolation.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "anim/transform_interpolation.h"
#include "render/colormap.h"

namespace stackshot {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDegrees = 180.0 / kPi;

struct Quaternion {
  double w = 1, x = 0, y = 0, z = 0;
};

Quaternion Multiply(const Quaternion& a, const Quaternion& b) {
  return {a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z, a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
          a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x, a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w};
}

Quaternion Conjugate(const Quaternion& q) { return {q.w, -q.x, -q.y, -q.z}; }

Quaternion AxisAngle(std::array<double, 3> axis, double radians) {
  const double s = std::sin(radians / 2);
  return {std::cos(radians / 2), axis[0] * s, axis[1] * s, axis[2] * s};
}

std::array<double, 3> Rotate(const Quaternion& q, std::array<double, 3> v) {
  const Quaternion r = Multiply(Multiply(q, {0, v[0], v[1], v[2]}), Conjugate(q));
  return {r.x, r.y, r.z};
}

// Intrinsic Z, then Y, then X (scipy's "ZYX", as napari-animation).
Quaternion FromEuler(const std::array<double, 3>& degrees) {
  return Multiply(Multiply(AxisAngle({0, 0, 1}, degrees[0] / kDegrees), AxisAngle({0, 1, 0}, degrees[1] / kDegrees)),
                  AxisAngle({1, 0, 0}, degrees[2] / kDegrees));
}

std::array<double, 3> ToEuler(const Quaternion& q) {
  const double r00 = 1 - 2 * (q.y * q.y + q.z * q.z);
  const double r01 = 2 * (q.x * q.y - q.w * q.z);
  const double r10 = 2 * (q.x * q.y + q.w * q.z);
  const double r11 = 1 - 2 * (q.x * q.x + q.z * q.z);
  const double r20 = 2 * (q.x * q.z - q.w * q.y);
  const double r21 = 2 * (q.y * q.z + q.w * q.x);
  const double r22 = 1 - 2 * (q.x * q.x + q.y * q.y);
  const double sin_b = std::clamp(-r20, -1.0, 1.0);
  if (std::abs(sin_b) > 1 - 1e-12) {
    // Gimbal lock: the third angle is set to 0, as scipy does.
    return {std::atan2(-r01, r11) * kDegrees, std::asin(sin_b) * kDegrees, 0.0};
  }
  return {std::atan2(r10, r00) * kDegrees, std::asin(sin_b) * kDegrees, std::atan2(r21, r22) * kDegrees};
}

template <typename T>
T Switch(const T& a, const T& b, double f) {
  return f < 0.5 ? a : b;
}

template <typename T>
void SwitchField(std::optional<T>& out, const std::optional<T>& a, const std::optional<T>& b, double f) {
  if (a && b) out = Switch(*a, *b, f);
}

// napari-animation's rule for booleans: b from the first in-between frame on.
void SwitchBool(std::optional<bool>& out, const std::optional<bool>& a, const std::optional<bool>& b, double f) {
  if (a && b) out = f > 0 ? *b : *a;
}

// Channel by channel, as BlendColormaps mixes colormap colours.
void BlendColor(std::optional<Rgba>& out, const std::optional<Rgba>& a, const std::optional<Rgba>& b, double f) {
  if (!a || !b) return;
  const float g = static_cast<float>(f);
  Rgba mixed;
  for (int c = 0; c < 4; ++c) mixed[c] = (*a)[c] + ((*b)[c] - (*a)[c]) * g;
  out = mixed;
}

void LerpField(std::optional<double>& out, const std::optional<double>& a, const std::optional<double>& b, double f) {
  if (a && b) out = LerpNumber(*a, *b, f);
}

// Elementwise; lists of different lengths switch instead.
void LerpList(std::optional<std::vector<double>>& out, const std::optional<std::vector<double>>& a,
              const std::optional<std::vector<double>>& b, double f) {
  if (!a || !b) return;
  if (a->size() != b->size()) {
    out = Switch(*a, *b, f);
    return;
  }
  std::vector<double> values(a->size());
  for (size_t i = 0; i < values.size(); ++i) values[i] = LerpNumber((*a)[i], (*b)[i], f);
  out = std::move(values);
}

template <size_t N>
void LerpArray(std::optional<std::array<double, N>>& out, const std::optional<std::array<double, N>>& a,
               const std::optional<std::array<double, N>>& b, double f) {
  if (!a || !b) return;
  std::array<double, N> values;
  for (size_t i = 0; i < N; ++i) values[i] = LerpNumber((*a)[i], (*b)[i], f);
  out = values;
}

}  // namespace

double LerpNumber(double a, double b, double f) { return a + (b - a) * f; }

int64_t LerpInteger(int64_t a, int64_t b, double f) {
  return static_cast<int64_t>(static_cast<double>(a) + static_cast<double>(b - a) * f);
}

double LerpLog(double a, double b, double f) { return std::pow(10.0, LerpNumber(std::log10(a), std::log10(b), f)); }

std::array<double, 3> SlerpAngles(const std::array<double, 3>& a, const std::array<double, 3>& b, double f,
                                  int turns) {
  const Quaternion q0 = FromEuler(a);
  Quaternion relative = Multiply(Conjugate(q0), FromEuler(b));
  if (relative.w < 0) relative = {-relative.w, -relative.x, -relative.y, -relative.z};  // shorter arc
  const double norm = std::sqrt(relative.x * relative.x + relative.y * relative.y + relative.z * relative.z);
  const double angle = 2 * std::atan2(norm, relative.w);
  std::array<double, 3> axis;
  if (norm < 1e-12) {
    if (turns == 0) return a;
    axis = Rotate(Conjugate(q0), {0, 0, 1});  // world z in the start's own frame
  } else {
    axis = {relative.x / norm, relative.y / norm, relative.z / norm};
  }
  const double total = angle + 2 * kPi * turns;
  return ToEuler(Multiply(q0, AxisAngle(axis, f * total)));
}

Result<ColormapSpec> BlendColormaps(const ColormapSpec& a, const ColormapSpec& b, double f) {
  if (a == b) return a;
  ASSIGN_OR_RETURN(Colormap map_a, ResolveColormap(a));
  ASSIGN_OR_RETURN(Colormap map_b, ResolveColormap(b));
  // Both are piecewise linear; so is their blend, with knots at the union of theirs.
  std::vector<float> controls = map_a.controls();
  controls.insert(controls.end(), map_b.controls().begin(), map_b.controls().end());
  std::sort(controls.begin(), controls.end());
  controls.erase(std::unique(controls.begin(), controls.end()), controls.end());
  ColormapSpec blend;
  blend.name = "blend";
  blend.controls = controls;
  const float g = static_cast<float>(f);
  for (float t : controls) {
    const Rgba ca = map_a.Map(t);
    const Rgba cb = map_b.Map(t);
    Rgba mixed;
    for (int c = 0; c < 4; ++c) mixed[c] = ca[c] + (cb[c] - ca[c]) * g;
    blend.colors.push_back(mixed);
  }
  return blend;
}

Result<ViewState> InterpolateState(const ViewState& a, const ViewState& b, double f, int turns) {
  if (f == 0) return a;
  if (f == 1) return b;
  ViewState out = a;
  SwitchField(out.dims.ndisplay, a.dims.ndisplay, b.dims.ndisplay, f);
  SwitchField(out.dims.order, a.dims.order, b.dims.order, f);
  LerpList(out.dims.point, a.dims.point, b.dims.point, f);
  LerpList(out.dims.margin_left, a.dims.margin_left, b.dims.margin_left, f);
  LerpList(out.dims.margin_right, a.dims.margin_right, b.dims.margin_right, f);
  LerpArray(out.camera.center, a.camera.center, b.camera.center, f);
  if (a.camera.zoom && b.camera.zoom) out.camera.zoom = LerpLog(*a.camera.zoom, *b.camera.zoom, f);
  if (a.camera.angles && b.camera.angles) out.camera.angles = SlerpAngles(*a.camera.angles, *b.camera.angles, f, turns);
  LerpField(out.camera.perspective, a.camera.perspective, b.camera.perspective, f);
  for (auto& [name, layer] : out.layers) {
    auto other = b.layers.find(name);
    if (other == b.layers.end()) continue;
    const LayerState& from = a.layers.at(name);
    const LayerState& to = other->second;
    LerpField(layer.opacity, from.opacity, to.opacity, f);
    SwitchBool(layer.visible, from.visible, to.visible, f);
    SwitchField(layer.blending, from.blending, to.blending, f);
    SwitchField(layer.interpolation, from.interpolation, to.interpolation, f);
    LerpArray(layer.contrast_limits, from.contrast_limits, to.contrast_limits, f);
    LerpField(layer.gamma, from.gamma, to.gamma, f);
    LerpField(layer.size, from.size, to.size, f);
    LerpField(layer.border_width, from.border_width, to.border_width, f);
    LerpField(layer.edge_width, from.edge_width, to.edge_width, f);
    LerpField(layer.length, from.length, to.length, f);
    BlendColor(layer.face_color, from.face_color, to.face_color, f);
    BlendColor(layer.border_color, from.border_color, to.border_color, f);
    BlendColor(layer.edge_color, from.edge_color, to.edge_color, f);
    if (from.colormap && to.colormap) {
      Result<ColormapSpec> blend = BlendColormaps(*from.colormap, *to.colormap, f);
      if (!blend.ok()) return blend.status().WithContext("layer '" + name + "' colormap");
      layer.colormap = std::move(*blend);
    }
    Status moved = InterpolateTransform(from, to, f, layer);
    if (!moved.ok()) return moved.WithContext("layer '" + name + "' transform");
  }
  return out;
}

}  // namespace stackshot
