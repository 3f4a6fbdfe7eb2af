#include "render/label_colormap.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace stackshot {
namespace {

// scikit-image's LAB range over all 8-bit sRGB colours (napari's LABMIN / LABMAX).
constexpr double kLabMin[3] = {0.0, -86.18302974, -107.85730021};
constexpr double kLabMax[3] = {100.0, 98.23305386, 94.47812228};
constexpr double kPhi[3] = {1.6180339887498948482, 1.32471795724474602596, 1.22074408460575947536};
constexpr double kSeed = 0.5;
// D65, 2° observer, as scikit-image's illuminants table has it.
constexpr double kWhite[3] = {0.95047, 1.0, 1.08883};
constexpr double kXyzFromRgb[3][3] = {
    {0.412453, 0.357580, 0.180423}, {0.212671, 0.715160, 0.072169}, {0.019334, 0.119193, 0.950227}};

struct Matrix3 {
  double m[3][3];
};

// scikit-image's rgb_from_xyz = inv(xyz_from_rgb), by cofactors.
Matrix3 RgbFromXyz() {
  const auto& a = kXyzFromRgb;
  const double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
                     a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
                     a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  Matrix3 inv;
  inv.m[0][0] = (a[1][1] * a[2][2] - a[1][2] * a[2][1]) / det;
  inv.m[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / det;
  inv.m[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / det;
  inv.m[1][0] = (a[1][2] * a[2][0] - a[1][0] * a[2][2]) / det;
  inv.m[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / det;
  inv.m[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / det;
  inv.m[2][0] = (a[1][0] * a[2][1] - a[1][1] * a[2][0]) / det;
  inv.m[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / det;
  inv.m[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / det;
  return inv;
}

// scikit-image's lab2rgb without the final clip: sRGB that may fall outside [0, 1].
std::array<double, 3> LabToRgb(const double lab[3], const Matrix3& rgb_from_xyz) {
  const double y = (lab[0] + 16.0) / 116.0;
  const double x = lab[1] / 500.0 + y;
  double z = y - lab[2] / 200.0;
  if (z < 0) z = 0;
  double xyz[3] = {x, y, z};
  for (int i = 0; i < 3; ++i) {
    xyz[i] = xyz[i] > 0.2068966 ? std::pow(xyz[i], 3.0) : (xyz[i] - 16.0 / 116.0) / 7.787;
    xyz[i] *= kWhite[i];
  }
  std::array<double, 3> rgb;
  for (int i = 0; i < 3; ++i) {
    double v = rgb_from_xyz.m[i][0] * xyz[0] + rgb_from_xyz.m[i][1] * xyz[1] + rgb_from_xyz.m[i][2] * xyz[2];
    v = v > 0.0031308 ? 1.055 * std::pow(v, 1 / 2.4) - 0.055 : v * 12.92;
    rgb[i] = v;
  }
  return rgb;
}

// napari's _color_random(n, colorspace='lab', seed=0.5): the first n in-gamut colours
// of the low-discrepancy sequence (napari draws 6n points, doubling until it has n;
// the sequence's prefix is the same, so walking it gives the same colours).
std::vector<std::array<double, 3>> RandomLabColors(int n) {
  const Matrix3 rgb_from_xyz = RgbFromXyz();
  std::vector<std::array<double, 3>> colors;
  for (int64_t k = 0; static_cast<int>(colors.size()) < n; ++k) {
    double lab[3];
    for (int d = 0; d < 3; ++d) {
      const double point = std::fmod(kSeed + static_cast<double>(k) * (1.0 / kPhi[d]), 1.0);
      lab[d] = point * (kLabMax[d] - kLabMin[d]) + kLabMin[d];
    }
    const auto rgb = LabToRgb(lab, rgb_from_xyz);
    if (std::all_of(rgb.begin(), rgb.end(), [](double v) { return v >= 0.0 && v <= 1.0; })) colors.push_back(rgb);
  }
  return colors;
}

// napari's low_discrepancy_image for one value, in float32 as numpy computes it.
float LowDiscrepancy(int value) {
  if (value == 0) return 0.0f;
  constexpr float kMargin = 1.0f / 256.0f;
  const float x = static_cast<float>(kSeed) + static_cast<float>(value) * static_cast<float>(0.6180339887498948482);
  const float frac = x - std::floor(x);
  return kMargin + static_cast<float>(1.0 - 2.0 / 256.0) * frac;
}

std::array<Rgba, kLabelColorCycle + 1> MakeColors() {
  constexpr int kColors = kLabelColorCycle;
  const std::vector<std::array<double, 3>> random = RandomLabColors(kColors + 2);
  // Control points: 0, linspace(1e-5, 1 - 1e-5, 50), 1.
  std::vector<double> controls = {0.0};
  for (int i = 0; i <= kColors; ++i) {
    controls.push_back(0.00001 + static_cast<double>(i) * ((1 - 0.00001 - 0.00001) / kColors));
  }
  controls.back() = 1 - 0.00001;
  controls.push_back(1.0);
  std::array<Rgba, kColors + 1> table{};
  for (int value = 0; value <= kColors; ++value) {
    // searchsorted(controls, x, side='right') - 1, clipped.
    const double x = LowDiscrepancy(value);
    const auto it = std::upper_bound(controls.begin(), controls.end(), x);
    const int index = std::clamp(static_cast<int>(it - controls.begin()) - 1, 0, static_cast<int>(controls.size()) - 1);
    const auto& rgb = random[static_cast<size_t>(index)];
    for (int c = 0; c < 3; ++c) {
      // uint8(c × 255) truncates; napari keeps colours at 8-bit precision.
      const double byte = std::trunc(rgb[c] * 255.0);
      table[value][c] = static_cast<float>(byte) / 255.0f;
    }
    table[value][3] = 1.0f;
  }
  table[0] = {0, 0, 0, 0};
  return table;
}

// The table MakeColors gives, stored so that the colours never depend on the libm
// (pow) of the machine; label_colormap_test.cc checks that they still agree.
constexpr uint8_t kNapariLabelBytes[kLabelColorCycle][3] = {
    {120, 37, 6},    {91, 213, 248},  {146, 137, 232}, {108, 2, 193},   {71, 58, 159},   {171, 236, 138},
    {143, 173, 178}, {134, 144, 154}, {254, 247, 28},  {247, 68, 59},   {3, 78, 57},     {113, 178, 96},
    {105, 149, 74},  {60, 27, 135},   {46, 71, 16},    {92, 183, 222},  {71, 157, 118},  {71, 66, 88},
    {239, 86, 101},  {184, 80, 123},  {166, 42, 100},  {241, 180, 236}, {75, 30, 32},    {180, 197, 62},
    {156, 96, 47},   {138, 67, 27},   {216, 190, 154}, {180, 125, 189}, {166, 94, 164},  {96, 122, 52},
    {193, 227, 87},  {215, 149, 85},  {158, 135, 111}, {0, 44, 235},    {202, 230, 224}, {225, 139, 30},
    {120, 240, 1},   {123, 142, 15},  {229, 221, 178}, {171, 236, 138}, {66, 216, 166},  {70, 186, 142},
    {254, 247, 28},  {247, 68, 59},   {175, 75, 242},  {176, 12, 63},   {105, 149, 74},  {246, 135, 167},
    {203, 50, 199},
};

}  // namespace

const std::array<Rgba, kLabelColorCycle + 1>& NapariLabelColors() {
  static const std::array<Rgba, kLabelColorCycle + 1> colors = [] {
    std::array<Rgba, kLabelColorCycle + 1> table{};
    table[0] = {0, 0, 0, 0};
    for (int i = 0; i < kLabelColorCycle; ++i) {
      for (int c = 0; c < 3; ++c) table[i + 1][c] = static_cast<float>(kNapariLabelBytes[i][c]) / 255.0f;
      table[i + 1][3] = 1.0f;
    }
    return table;
  }();
  return colors;
}

std::array<Rgba, kLabelColorCycle + 1> ComputeNapariLabelColors() { return MakeColors(); }

}  // namespace stackshot
