// vispy's interpolation kernels: the committed table against the kernel formulas,
// the way vispy's shader reads it, and the image drawer against that shader.
#include "render/spatial_filters.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "image_plane_fixture.h"
#include "layers/image/image_slice.h"
#include "render/image_drawer.h"
#include "render/spatial_filter_tables.h"

namespace stackshot {
namespace {

// ---- The kernels as vispy's build_spatial_filters.py defines them (libm is fine
// here: this only checks the committed table).

double BesselI0(double x) {
  double total = 1, y = x * x / 4, term = y;
  for (int k = 2; term > 1e-12; ++k) {
    total += term;
    term *= y / (k * k);
  }
  return total;
}

// J_n by Miller's downward recurrence, restarted until two results agree to 1e-6.
double BesselJ(double x, int n) {
  if (std::fabs(x) <= 1e-6) return n == 0 ? 1 : 0;
  double previous = 0;
  int order = std::fabs(x) > 5 ? static_cast<int>(std::fabs(1.4 * x + 60 / x)) : static_cast<int>(std::fabs(x)) + 6;
  order = std::max(order, static_cast<int>(n + 2 + std::fabs(x) / 4));
  while (true) {
    double below = 0, current = 1e-30, norm = 0, result = 0;
    int sign = order % 2 == 0 ? -1 : 1;
    for (int i = 1; i <= order - 2; ++i) {
      const double next = 2 * (order - i) * current / x - below;
      below = current;
      current = next;
      if (order - i - 1 == n) result = next;
      sign = -sign;
      if (sign > 0) norm += 2 * next;
    }
    const double next = 2 * current / x - below;
    if (n == 0) result = next;
    norm += next;
    result /= norm;
    if (std::fabs(result - previous) < 1e-6) return result;
    previous = result;
    order += 3;
  }
}

double Formula(const std::string& name, double x) {
  constexpr double kPi = std::numbers::pi;
  if (name == "linear") return 1 - x;
  if (name == "hanning") return 0.5 + 0.5 * std::cos(kPi * x);
  if (name == "hamming") return 0.54 + 0.46 * std::cos(kPi * x);
  if (name == "hermite") return (2 * x - 3) * x * x + 1;
  if (name == "kaiser") return x > 1 ? 0 : BesselI0(6.33 * std::sqrt(1 - x * x)) * (1 / BesselI0(6.33));
  if (name == "quadric") return x < 0.75 ? 0.75 - x * x : (x < 1.5 ? 0.5 * (x - 1.5) * (x - 1.5) : 0);
  if (name == "cubic") {
    return (1.0 / 6) * (std::pow(x + 2, 3) - 4 * std::pow(x + 1, 3) + 6 * std::pow(x, 3) - 4 * std::pow(x - 1, 3));
  }
  if (name == "catrom") return x < 1 ? 0.5 * (2 + x * x * (-5 + x * 3)) : (x < 2 ? 0.5 * (4 + x * (-8 + x * (5 - x))) : 0);
  if (name == "mitchell") {
    const double b = 1.0 / 3, c = 1.0 / 3;
    if (x < 1) return (6 - 2 * b) / 6 + x * x * ((-18 + 12 * b + 6 * c) / 6 + x * ((12 - 9 * b - 6 * c) / 6));
    if (x < 2) {
      return (8 * b + 24 * c) / 6 +
             x * ((-12 * b - 48 * c) / 6 + x * ((6 * b + 30 * c) / 6 + x * ((-b - 6 * c) / 6)));
    }
    return 0;
  }
  if (name == "spline16") {
    if (x < 1) return ((x - 9.0 / 5) * x - 1.0 / 5) * x + 1;
    const double t = x - 1;
    return ((-1.0 / 3 * t + 4.0 / 5) * t - 7.0 / 15) * t;
  }
  if (name == "spline36") {
    if (x < 1) return ((13.0 / 11 * x - 453.0 / 209) * x - 3.0 / 209) * x + 1;
    if (x < 2) {
      const double t = x - 1;
      return ((-6.0 / 11 * t + 270.0 / 209) * t - 156.0 / 209) * t;
    }
    const double t = x - 2;
    return ((1.0 / 11 * t - 45.0 / 209) * t + 26.0 / 209) * t;
  }
  if (name == "gaussian") return std::exp(-2 * x * x) * std::sqrt(2 / kPi);
  if (name == "bessel") return x == 0 ? kPi / 4 : BesselJ(kPi * x, 1) / (2 * x);
  const double p = kPi * x, q = p / 4;
  if (name == "sinc") return x == 0 ? 1 : std::sin(p) / p;
  if (name == "lanczos") return x == 0 ? 1 : (x > 4 ? 0 : (std::sin(p) / p) * (std::sin(q) / q));
  if (name == "blackman") {
    return x == 0 ? 1 : (x > 4 ? 0 : (std::sin(p) / p) * (0.42 + 0.5 * std::cos(q) + 0.08 * std::cos(2 * q)));
  }
  ADD_FAILURE() << "no formula for " << name;
  return 0;
}

// vispy's SpatialFilter.kernel: samples at linspace(0, R, 1024), each divided by the
// sum of its mirror entries.
std::vector<double> Sampled(const std::string& name, int radius) {
  const int n = kSpatialFilterSize;
  std::vector<double> k(n);
  for (int i = 0; i < n; ++i) k[i] = Formula(name, i == n - 1 ? radius : i * (static_cast<double>(radius) / (n - 1)));
  const int s = n / radius;
  std::vector<double> norm(s, 0.0);
  for (int i = 0; i < radius; ++i) {
    for (int j = 0; j < s; ++j) norm[j] += k[i * s + j] + k[n - 1 - (i * s + j)];
  }
  for (int i = 0; i < radius; ++i) {
    for (int j = 0; j < s; ++j) k[i * s + j] /= norm[j];
  }
  return k;
}

// numpy's pack_unit: four base-256 digits of the float32, each cast to a byte.
uint32_t Pack(float value) {
  double v = value;
  uint32_t packed = 0;
  for (int i = 0; i < 4; ++i) {
    v *= 256.0;
    const double digit = std::floor(v);
    v -= digit;
    packed = (packed << 8) | (static_cast<uint32_t>(digit) & 0xFFu);
  }
  return packed;
}

struct Recomputed {
  double bias = 0, scale = 0;
  std::vector<std::vector<double>> tables;  // weights as the shader reads them
};

const Recomputed& FromFormulas() {
  static const Recomputed recomputed = [] {
    Recomputed r;
    std::vector<std::vector<double>> sampled;
    double lo = 1e300, hi = -1e300;
    for (const PackedSpatialFilter& filter : kPackedSpatialFilters) {
      sampled.push_back(Sampled(filter.name, filter.radius));
      lo = std::min(lo, *std::min_element(sampled.back().begin(), sampled.back().end()));
      hi = std::max(hi, *std::max_element(sampled.back().begin(), sampled.back().end()));
    }
    r.bias = lo;
    r.scale = hi - lo;
    for (const std::vector<double>& table : sampled) {
      std::vector<double> weights;
      for (double v : table) {
        const uint32_t packed = Pack(static_cast<float>((v - r.bias) / r.scale));
        weights.push_back(packed / (255.0 * 16777216.0) * static_cast<float>(r.scale) + static_cast<float>(r.bias));
      }
      r.tables.push_back(std::move(weights));
    }
    return r;
  }();
  return recomputed;
}

TEST(SpatialFilterTableTest, CommittedTableMatchesTheFormulas) {
  const Recomputed& r = FromFormulas();
  EXPECT_NEAR(kSpatialFilterBias, r.bias, 1e-12);
  EXPECT_NEAR(kSpatialFilterScale, r.scale, 1e-12);
  for (int k = 0; k < kPackedSpatialFilterCount; ++k) {
    double worst = 0;
    for (int i = 0; i < kSpatialFilterSize; ++i) {
      worst = std::max(worst, std::fabs(UnpackSpatialFilterEntry(kPackedSpatialFilters[k].entries[i]) - r.tables[k][i]));
    }
    // A float32 step of an entry is at most 2^-24 × scale.
    EXPECT_LE(worst, 1e-7) << kPackedSpatialFilters[k].name;
  }
}

TEST(SpatialFilterTableTest, EveryKernelNameHasItsRow) {
  for (Interpolation interpolation : AllInterpolations()) {
    const SpatialFilter filter = FindSpatialFilter(interpolation);
    const bool gpu_filtered = interpolation == Interpolation::kNearest || interpolation == Interpolation::kLinear;
    EXPECT_EQ(filter.radius == 0, gpu_filtered) << InterpolationName(interpolation);
  }
  EXPECT_EQ(FindSpatialFilter(Interpolation::kCubic).radius, 2);
  EXPECT_EQ(FindSpatialFilter(Interpolation::kSpline36).radius, 3);
  EXPECT_EQ(FindSpatialFilter(Interpolation::kBessel).radius, 4);  // ceil(3.2383)
}

TEST(SpatialFilterTest, EntriesReadBackAsDigitsOver255) {
  // Digits d0..d3 read as d / 255 and weighed 1, 1/256, 1/256², 1/256³: the entry
  // 0x80000000 (0.5 as packed) reads back as 128 / 255, not 0.5.
  const double bias = static_cast<float>(kSpatialFilterBias);
  const double scale = static_cast<float>(kSpatialFilterScale);
  EXPECT_DOUBLE_EQ(UnpackSpatialFilterEntry(0), bias);
  EXPECT_DOUBLE_EQ(UnpackSpatialFilterEntry(0x80000000u), 128.0 / 255.0 * scale + bias);
  EXPECT_DOUBLE_EQ(UnpackSpatialFilterEntry(0x01010101u), (1 + 1 / 256.0 + 1 / 65536.0 + 1 / 16777216.0) / 255 * scale + bias);
}

TEST(SpatialFilterTest, SincPeakWrapsToTheBiasAsVispyPacksIt) {
  // Sinc's entry 19 is the table's largest (1.0 after mapping): its first digit is
  // 256, which numpy's cast wraps to 0, so the shader reads the bias there.
  const SpatialFilter sinc = FindSpatialFilter(Interpolation::kSinc);
  EXPECT_EQ(kPackedSpatialFilters[13].entries[19], 0u);
  EXPECT_STREQ(kPackedSpatialFilters[13].name, "sinc");
  EXPECT_DOUBLE_EQ(SpatialFilterWeight(sinc, 19.0 / 256.0), static_cast<float>(kSpatialFilterBias));
  EXPECT_GT(SpatialFilterWeight(sinc, 18.0 / 256.0), 1.0);
}

TEST(SpatialFilterTest, ReadsBetweenEntriesLinearlyAndRepeatsTheLast) {
  // Position 1024 · d / R: distance 1 of a radius-2 kernel is entry 512 exactly,
  // halfway to the next entry is their mean, and distance R reads entry 1023.
  const SpatialFilter catrom = FindSpatialFilter(Interpolation::kCatrom);
  const auto& e = kPackedSpatialFilters[7].entries;
  ASSERT_STREQ(kPackedSpatialFilters[7].name, "catrom");
  EXPECT_DOUBLE_EQ(SpatialFilterWeight(catrom, 1.0), UnpackSpatialFilterEntry(e[512]));
  EXPECT_DOUBLE_EQ(SpatialFilterWeight(catrom, 1.0 + 0.5 / 512),
                   UnpackSpatialFilterEntry(e[512]) +
                       (UnpackSpatialFilterEntry(e[513]) - UnpackSpatialFilterEntry(e[512])) * 0.5);
  EXPECT_DOUBLE_EQ(SpatialFilterWeight(catrom, 2.0), UnpackSpatialFilterEntry(e[1023]));
}

// ---- The drawer against vispy's shader.

using testing::kBackground;
using testing::Plane;

ImageDrawItem Item(std::shared_ptr<ImageSliceResponse> response, Interpolation interpolation, double hi = 1.0) {
  ImageDrawItem item;
  item.response = std::move(response);
  item.appearance.colormap.name = "gray";
  item.appearance.contrast_limits = {0.0, hi};
  item.appearance.interpolation = interpolation;
  return item;
}

struct StepCase {
  Interpolation interpolation;
  double at_centre;   // the last 0 of the step, at its centre (f = 0)
  double halfway;     // halfway between the last 0 and the first 1 (f = 0.5)
};

// A 1×8 step 0 0 0 0 1 1 1 1 at the centre of pixel 3 gives the weights of the taps
// at distances 1…R, and halfway to pixel 4 half the weights' sum; both times the sum
// of the row weights (the one row is repeated). Values from a separate model of
// vispy's shader; the textbook kernel gives: cubic 0.1 (vispy's (2 - x)³ / 6
// normalised: 0.8, 0.1, 0.1), catrom, spline16/36, hanning, hermite, sinc, lanczos,
// blackman 0 (they interpolate), mitchell 1/18, quadric 0.125, hamming 0.08 / 1.08,
// gaussian 0.106, and 0.5 halfway; vispy's table adds about 0.5–1 %.
const StepCase kStepCases[] = {
    {Interpolation::kHanning, 0.000924416, 0.505001267},  {Interpolation::kHamming, 0.075717308, 0.505116076},
    {Interpolation::kHermite, 0.000924416, 0.505036173},  {Interpolation::kKaiser, 0.011907957, 0.504961661},
    {Interpolation::kQuadric, 0.127677400, 0.506146595},  {Interpolation::kCubic, 0.102650739, 0.506271962},
    {Interpolation::kCatrom, 0.001357448, 0.505899538},   {Interpolation::kMitchell, 0.057499593, 0.506063800},
    {Interpolation::kSpline16, 0.001389986, 0.505850633}, {Interpolation::kSpline36, 0.002290747, 0.508495120},
    {Interpolation::kGaussian, 0.109316425, 0.506183325}, {Interpolation::kBessel, 0.103205093, 0.508226227},
    {Interpolation::kSinc, 0.002718970, 0.507212634},     {Interpolation::kLanczos, 0.003152001, 0.507675003},
    {Interpolation::kBlackman, 0.003215195, 0.507708622},
};

TEST(ImageDrawerKernelTest, StepAtACentreAndHalfwayFollowsVispysTable) {
  // 16 columns at zoom 2 centred on x = 3.75: column 6 samples x = 3, column 7 x = 3.5.
  for (const StepCase& step : kStepCases) {
    Canvas canvas(16, 1, kBackground);
    ASSERT_TRUE(
        DrawImage(canvas, Camera2D{0, 3.75, 2}, Item(Plane(1, 8, {0, 0, 0, 0, 1, 1, 1, 1}), step.interpolation), 1)
            .ok());
    EXPECT_NEAR(canvas.row(0)[6 * 4], step.at_centre, 1e-6) << InterpolationName(step.interpolation);
    EXPECT_NEAR(canvas.row(0)[7 * 4], step.halfway, 1e-6) << InterpolationName(step.interpolation);
  }
}

// vispy's filter2D_radiusR as its generated GLSL spells it (tap i on the left read
// at 1 - (i+1)/R + x/R, on the right at (i+1)/R - x/R; the kernel texture read at
// floor(1024 u) and the next entry, clamped), over the table from the formulas.
double ShaderWeight(const std::vector<double>& table, double u) {
  const double p = u * kSpatialFilterSize;
  const double i = std::floor(p);
  const double frac = p - i;
  const auto entry = [&](double j) { return table[static_cast<size_t>(std::min(j, kSpatialFilterSize - 1.0))]; };
  return entry(i) * (1 - frac) + entry(i + 1) * frac;
}

double ShaderFilter1D(const std::vector<double>& table, int radius, double x, const std::vector<double>& c) {
  double sum = 0;
  for (int i = 0; i < radius; ++i) {
    sum += c[i] * ShaderWeight(table, 1.0 - (i + 1.0) / radius + x / radius);
    sum += c[i + radius] * ShaderWeight(table, (i + 1.0) / radius - x / radius);
  }
  return sum;
}

double ShaderSample(const std::vector<double>& table, int radius, const std::vector<float>& image, int rows, int cols,
                    double r, double c) {
  const double rf = std::floor(r), cf = std::floor(c);
  std::vector<double> row_values;
  for (int j = 0; j < 2 * radius; ++j) {
    const int ri = std::clamp(static_cast<int>(rf) - radius + 1 + j, 0, rows - 1);
    std::vector<double> taps;
    for (int i = 0; i < 2 * radius; ++i) {
      taps.push_back(image[ri * cols + std::clamp(static_cast<int>(cf) - radius + 1 + i, 0, cols - 1)]);
    }
    row_values.push_back(ShaderFilter1D(table, radius, c - cf, taps));
  }
  return ShaderFilter1D(table, radius, r - rf, row_values);
}

TEST(ImageDrawerKernelTest, EveryKernelMatchesVispysShaderOnAZoomedImage) {
  // A 6×7 image with edges, a peak and a ramp, zoomed 9.3× off-centre so the canvas
  // reaches past the clamped edges; values in [0, 100] with contrast limits [0, 100].
  const int rows = 6, cols = 7;
  std::vector<float> image(rows * cols);
  for (int i = 0; i < rows * cols; ++i) image[i] = static_cast<float>((i * 37) % 101);
  const Camera2D camera{2.6, 3.1, 9.3};
  const int width = 72, height = 64;
  for (int k = 0; k < kPackedSpatialFilterCount; ++k) {
    const std::string name = kPackedSpatialFilters[k].name;
    if (name == "linear") continue;  // the GPU's bilinear filter, not the table
    Result<Interpolation> interpolation = ParseInterpolation(name);
    ASSERT_TRUE(interpolation.ok()) << name;
    Canvas canvas(width, height, kBackground);
    ASSERT_TRUE(DrawImage(canvas, camera, Item(Plane(rows, cols, image), *interpolation, 100.0), 1).ok());
    double worst = 0;
    int drawn = 0;
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        const double r = camera.center_y + (y + 0.5 - height / 2.0) / camera.zoom;
        const double c = camera.center_x + (x + 0.5 - width / 2.0) / camera.zoom;
        if (r < -0.5 || c < -0.5 || r > rows - 0.5 || c > cols - 0.5) continue;
        const double value = ShaderSample(FromFormulas().tables[k], kPackedSpatialFilters[k].radius, image, rows, cols, r, c);
        const double expected = std::clamp(value / 100.0, 0.0, 1.0);
        worst = std::max(worst, std::fabs(canvas.row(y)[x * 4] - expected));
        ++drawn;
      }
    }
    EXPECT_GT(drawn, 2000) << name;
    EXPECT_LT(worst * 255, 0.01) << name << ": max difference " << worst * 255 << " / 255";
  }
}

}  // namespace
}  // namespace stackshot
