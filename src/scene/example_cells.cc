// The bundled example: fluorescence-like nuclei and membranes, generated plane by
// plane from a fixed PRNG so the bytes never depend on the machine or thread count.
//
// Only +, -, *, / and sqrt are used on floats (all correctly rounded in IEEE 754),
// never libm's exp/sin whose last bits may differ between builds.
#include "scene/example_cells.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>
#include <vector>

#include "exec/parallel.h"
#include "io/hdf5_source.h"

namespace stackshot {
namespace {

// --- Random numbers -----------------------------------------------------------

constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ull;

// splitmix64's output function: a good 64-bit mix of one word.
uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() { return Mix(state_ += kGolden); }
  // Uniform in [0, 1) from the top 53 bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }

 private:
  uint64_t state_;
};

// Streams: each plane and each texture gets its own seed, derived from the user's.
uint64_t StreamSeed(uint64_t seed, uint64_t stream, uint64_t index) {
  return Mix(Mix(seed + kGolden) ^ Mix(stream * kGolden + index));
}

// --- Value noise (chromatin and membrane texture) --------------------------------

float Smooth(float t) { return t * t * (3.0f - 2.0f * t); }

// Random values on a lattice with `spacing` voxels between nodes, interpolated
// smoothly. Plane(z) interpolates the lattice along z once per plane; Sample
// then interpolates within the plane.
class ValueNoise {
 public:
  ValueNoise(uint64_t seed, float spacing_z, float spacing_xy, int64_t ny, int64_t nx)
      : seed_(seed), spacing_z_(spacing_z), spacing_xy_(spacing_xy),
        ny_(static_cast<int64_t>(static_cast<float>(ny) / spacing_xy) + 2),
        nx_(static_cast<int64_t>(static_cast<float>(nx) / spacing_xy) + 2) {}

  std::vector<float> Plane(int64_t z) const {
    const float fz = static_cast<float>(z) / spacing_z_;
    const int64_t iz = static_cast<int64_t>(fz);
    const float t = Smooth(fz - static_cast<float>(iz));
    std::vector<float> plane(static_cast<size_t>(ny_ * nx_));
    for (int64_t y = 0; y < ny_; ++y) {
      for (int64_t x = 0; x < nx_; ++x) {
        const float a = Node(iz, y, x);
        const float b = Node(iz + 1, y, x);
        plane[static_cast<size_t>(y * nx_ + x)] = a + (b - a) * t;
      }
    }
    return plane;
  }

  // In [0, 1); y and x are non-negative voxel coordinates inside the volume.
  float Sample(const std::vector<float>& plane, int64_t y, int64_t x) const {
    const float fy = static_cast<float>(y) / spacing_xy_;
    const float fx = static_cast<float>(x) / spacing_xy_;
    const int64_t iy = static_cast<int64_t>(fy);
    const int64_t ix = static_cast<int64_t>(fx);
    const float ty = Smooth(fy - static_cast<float>(iy));
    const float tx = Smooth(fx - static_cast<float>(ix));
    const float* row0 = &plane[static_cast<size_t>(iy * nx_ + ix)];
    const float* row1 = row0 + nx_;
    const float top = row0[0] + (row0[1] - row0[0]) * tx;
    const float bottom = row1[0] + (row1[1] - row1[0]) * tx;
    return top + (bottom - top) * ty;
  }

 private:
  float Node(int64_t z, int64_t y, int64_t x) const {
    const uint64_t h = Mix(seed_ ^ Mix(static_cast<uint64_t>(z) * kGolden ^ Mix(static_cast<uint64_t>(y * nx_ + x))));
    return static_cast<float>(h >> 40) * 0x1.0p-24f;
  }

  uint64_t seed_;
  float spacing_z_;
  float spacing_xy_;
  int64_t ny_;
  int64_t nx_;
};

// --- The cells -----------------------------------------------------------------

struct Cell {
  double z, y, x;           // centre
  double rz, ra, rb;        // nucleus radii: along z, and the two in-plane axes
  double cos_t, sin_t;      // in-plane orientation of axis a
  float nucleus;            // peak nucleus brightness above background
  float membrane;           // peak membrane brightness above background
};

// Nucleus radius 1; the membrane shell sits around it, the cell body inside.
constexpr double kShell = 1.5;
constexpr float kShellHalfWidth = 0.1f;
constexpr float kBackground = 100.0f;
// z distances count this much more when cells are kept apart (cells are flatter in z).
constexpr double kZAspect = 2.5;

enum class Channel { kNuclei, kMembranes };

struct CellsModel {
  int64_t nz = 0, ny = 0, nx = 0;
  uint64_t seed = 0;
  std::vector<Cell> cells;
  ValueNoise fine_texture, coarse_texture, membrane_texture;

  CellsModel(const Shape& shape, uint64_t seed_in)
      : nz(shape[0]), ny(shape[1]), nx(shape[2]), seed(seed_in),
        fine_texture(StreamSeed(seed_in, 2, 0), 2.0f, 4.0f, ny, nx),
        coarse_texture(StreamSeed(seed_in, 3, 0), 6.0f, 16.0f, ny, nx),
        membrane_texture(StreamSeed(seed_in, 4, 0), 3.0f, 7.0f, ny, nx) {
    PlaceCells();
  }

  // Random sequential placement: a candidate that comes too close to a placed
  // cell is dropped, which packs the cells like tissue without overlaps.
  void PlaceCells() {
    // About 240 cells in 60×512×512, scaled by area and by depth (+ a cell's extent).
    const double target = 240.0 * static_cast<double>(ny * nx) / (512.0 * 512.0) *
                          static_cast<double>(nz + 14) / (60.0 + 14.0);
    const int64_t wanted = std::max<int64_t>(1, static_cast<int64_t>(target + 0.5));
    SplitMix64 rng(StreamSeed(seed, 1, 0));
    for (int64_t attempt = 0; attempt < wanted * 60 && static_cast<int64_t>(cells.size()) < wanted; ++attempt) {
      Cell c;
      c.z = rng.Uniform(0.0, static_cast<double>(nz));
      c.y = rng.Uniform(0.0, static_cast<double>(ny));
      c.x = rng.Uniform(0.0, static_cast<double>(nx));
      c.ra = rng.Uniform(13.0, 21.0);
      c.rb = c.ra * rng.Uniform(0.65, 0.95);
      c.rz = c.ra / kZAspect * rng.Uniform(0.85, 1.15);
      // A uniform direction without sin/cos: a point in the unit disc, normalised.
      double a = 0, b = 0, norm2 = 0;
      do {
        a = rng.Uniform(-1.0, 1.0);
        b = rng.Uniform(-1.0, 1.0);
        norm2 = a * a + b * b;
      } while (norm2 > 1.0 || norm2 < 1e-6);
      const double norm = std::sqrt(norm2);
      c.cos_t = a / norm;
      c.sin_t = b / norm;
      c.nucleus = static_cast<float>(rng.Uniform(900.0, 2500.0));
      c.membrane = static_cast<float>(rng.Uniform(500.0, 1100.0));
      if (std::none_of(cells.begin(), cells.end(), [&](const Cell& o) {
            const double dz = (c.z - o.z) * kZAspect, dy = c.y - o.y, dx = c.x - o.x;
            const double gap = 1.2 * (c.ra + o.ra);
            return dz * dz + dy * dy + dx * dx < gap * gap;
          })) {
        cells.push_back(c);
      }
    }
  }

  // Signal above background for plane z of one channel, added into `plane`.
  void AddSignal(Channel channel, int64_t z, std::vector<float>& plane) const {
    const double reach = channel == Channel::kNuclei ? 1.1 : kShell + 0.15;
    const std::vector<float> fine = fine_texture.Plane(z);
    const std::vector<float> coarse = coarse_texture.Plane(z);
    const std::vector<float> membrane_tex =
        channel == Channel::kMembranes ? membrane_texture.Plane(z) : std::vector<float>();
    for (const Cell& c : cells) {
      const double dz = (static_cast<double>(z) - c.z) / c.rz;
      if (dz * dz >= reach * reach) continue;
      // Bounding square of the ellipse in this plane.
      const double half = reach * c.ra;
      const int64_t y0 = std::max<int64_t>(0, static_cast<int64_t>(std::floor(c.y - half)));
      const int64_t y1 = std::min<int64_t>(ny - 1, static_cast<int64_t>(std::ceil(c.y + half)));
      const int64_t x0 = std::max<int64_t>(0, static_cast<int64_t>(std::floor(c.x - half)));
      const int64_t x1 = std::min<int64_t>(nx - 1, static_cast<int64_t>(std::ceil(c.x + half)));
      const float dz2 = static_cast<float>(dz * dz);
      for (int64_t y = y0; y <= y1; ++y) {
        const float dy = static_cast<float>(static_cast<double>(y) - c.y);
        for (int64_t x = x0; x <= x1; ++x) {
          const float dx = static_cast<float>(static_cast<double>(x) - c.x);
          const float u = (dx * static_cast<float>(c.cos_t) + dy * static_cast<float>(c.sin_t)) /
                          static_cast<float>(c.ra);
          const float v = (dy * static_cast<float>(c.cos_t) - dx * static_cast<float>(c.sin_t)) /
                          static_cast<float>(c.rb);
          const float r2 = u * u + v * v + dz2;
          if (r2 >= static_cast<float>(reach * reach)) continue;
          // A wobbly outline: the coarse texture bends the radius by ±6%.
          const float r = std::sqrt(r2) * (0.94f + 0.12f * coarse_texture.Sample(coarse, y, x));
          float& out = plane[static_cast<size_t>(y * nx + x)];
          if (channel == Channel::kNuclei) {
            // Sharp-ish rim, slightly brighter core, chromatin texture.
            const float edge = 1.0f - Smooth(std::clamp((r - 0.85f) / 0.2f, 0.0f, 1.0f));
            const float dome = 1.0f - 0.15f * r * r;
            const float chromatin = 0.7f + 0.6f * fine_texture.Sample(fine, y, x);
            out += c.nucleus * edge * dome * chromatin;
          } else {
            // A thin shell with patchy staining, a faint cell body inside it.
            const float t = (r - static_cast<float>(kShell)) / kShellHalfWidth;
            const float bump = t * t < 1.0f ? (1.0f - t * t) * (1.0f - t * t) * (1.0f - t * t) : 0.0f;
            const float patch = 0.5f + 1.0f * membrane_texture.Sample(membrane_tex, y, x);
            const float body = r < static_cast<float>(kShell) ? 0.06f : 0.0f;
            out += c.membrane * (bump * patch + body);
          }
        }
      }
    }
  }

  // One finished plane: background, signal and camera noise, rounded to uint16.
  void RenderPlane(Channel channel, int64_t z, uint16_t* out) const {
    std::vector<float> signal(static_cast<size_t>(ny * nx), 0.0f);
    AddSignal(channel, z, signal);
    SplitMix64 noise(StreamSeed(seed, channel == Channel::kNuclei ? 10 : 11, static_cast<uint64_t>(z)));
    for (size_t i = 0; i < signal.size(); ++i) {
      // Four 16-bit uniforms summed: close to a Gaussian, scaled to unit variance.
      const uint64_t bits = noise.Next();
      const float sum = static_cast<float>((bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) +
                                           (bits >> 48)) * (1.0f / 65536.0f);
      const float gaussian = (sum - 2.0f) * 1.7320508f;
      // Read noise plus shot noise that grows with the signal.
      const float sigma = std::sqrt(16.0f + 1.2f * signal[i]);
      const float value = kBackground + signal[i] + gaussian * sigma;
      out[i] = static_cast<uint16_t>(std::clamp(value + 0.5f, 0.0f, 65535.0f));
    }
  }
};

bool IsValidShape(const Shape& shape) {
  return shape.size() == 3 && std::all_of(shape.begin(), shape.end(), [](int64_t s) { return s > 0; });
}

// Planes [z0, z1) of one channel into a {z1 - z0, ny, nx} array. Each plane is
// independent, so how planes are shared among threads does not change the bytes.
Array RenderPlanes(const CellsModel& model, Channel channel, int64_t z0, int64_t z1, int threads) {
  Array out = Array::Zeros(DType::kUInt16, {z1 - z0, model.ny, model.nx});
  const int64_t plane_size = model.ny * model.nx;
  std::atomic<int64_t> next{z0};
  auto work = [&] {
    for (int64_t z = next++; z < z1; z = next++) {
      model.RenderPlane(channel, z, out.mutable_data<uint16_t>() + (z - z0) * plane_size);
    }
  };
  const int64_t helpers = std::min<int64_t>(ResolveThreadCount(threads), z1 - z0) - 1;
  std::vector<std::thread> pool;
  for (int64_t i = 0; i < helpers; ++i) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  return out;
}

Array GenerateVolume(const CellsExampleOptions& options, Channel channel) {
  if (!IsValidShape(options.shape)) return Array::Zeros(DType::kUInt16, options.shape);
  const CellsModel model(options.shape, options.seed);
  return RenderPlanes(model, channel, 0, options.shape[0], options.threads);
}

Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return IoError(path + ": cannot write");
  return Status::Ok();
}

// Writes both datasets into `h5_path`, plane block by plane block.
Status WriteVolumes(const std::string& h5_path, const CellsExampleOptions& options,
                    const ExampleProgress& progress) {
  const Shape& shape = options.shape;
  Hdf5WriteOptions write_options;
  write_options.gzip_level = options.gzip_level;
  if (!options.chunks.empty()) {
    if (options.chunks.size() != 3) {
      return InvalidArgumentError("chunks " + ShapeToString(options.chunks) + " must have 3 axes");
    }
    // Chunks larger than the volume (a small example) shrink to fit.
    for (size_t axis = 0; axis < 3; ++axis) {
      write_options.chunks.push_back(std::clamp<int64_t>(options.chunks[axis], 1, shape[axis]));
    }
  }
  // Blocks of whole chunks along z, so that no compressed chunk is written twice.
  const int64_t chunk_z = write_options.chunks.empty() ? 1 : write_options.chunks[0];
  const int64_t block = chunk_z * ((8 + chunk_z - 1) / chunk_z);

  const CellsModel model(shape, options.seed);
  const int64_t total = 2 * shape[0];
  int64_t done = 0;
  if (progress) progress(done, total);
  bool truncate = true;
  for (auto [channel, dataset] : {std::pair{Channel::kNuclei, "/nuclei"}, std::pair{Channel::kMembranes, "/membranes"}}) {
    RETURN_IF_ERROR(CreateHdf5Dataset(h5_path, dataset, DType::kUInt16, shape, write_options, truncate));
    truncate = false;
    for (int64_t z0 = 0; z0 < shape[0]; z0 += block) {
      const int64_t z1 = std::min(shape[0], z0 + block);
      const Array planes = RenderPlanes(model, channel, z0, z1, options.threads);
      RETURN_IF_ERROR(WriteHdf5Box(h5_path, dataset, Box{{z0, 0, 0}, {z1 - z0, shape[1], shape[2]}}, planes));
      done += z1 - z0;
      if (progress) progress(done, total);
    }
  }
  return Status::Ok();
}

}  // namespace

Array GenerateNucleiVolume(const CellsExampleOptions& options) {
  return GenerateVolume(options, Channel::kNuclei);
}

Array GenerateMembraneVolume(const CellsExampleOptions& options) {
  return GenerateVolume(options, Channel::kMembranes);
}

Status WriteCellsExample(const std::string& directory, const CellsExampleOptions& options,
                         const ExampleProgress& progress) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) return NotFoundError(directory + ": no such directory");
  if (!IsValidShape(options.shape)) {
    return InvalidArgumentError("cells example: shape " + ShapeToString(options.shape) +
                                " must have 3 axes of positive size");
  }
  const std::filesystem::path dir(directory);
  const std::string h5 = (dir / "cells.h5").string();
  const std::string json = (dir / "cells.json").string();
  const std::string h5_tmp = h5 + ".tmp";
  const std::string json_tmp = json + ".tmp";

  // Everything goes to temporary names first and is renamed at the end, so a
  // failure never leaves a half-written example behind.
  Status status = WriteVolumes(h5_tmp, options, progress);
  if (status.ok()) status = WriteText(json_tmp, CellsSceneJson());
  if (status.ok()) {
    std::filesystem::rename(h5_tmp, h5, ec);
    if (!ec) std::filesystem::rename(json_tmp, json, ec);
    if (ec) status = IoError(directory + ": cannot move the example into place: " + ec.message());
  }
  std::filesystem::remove(h5_tmp, ec);
  std::filesystem::remove(json_tmp, ec);
  return status.WithContext("cells example");
}

std::string CellsSceneJson() {
  return R"({
  "version": 1,
  "canvas": {"size": [1024, 1024], "background": "black"},
  "dims": {"point": [30, 0, 0], "axis_labels": ["z", "y", "x"]},
  "layers": [
    {
      "type": "image",
      "name": "membranes",
      "source": {"path": "cells.h5", "dataset": "/membranes"},
      "colormap": "green",
      "contrast_limits": [100, 1400],
      "blending": "translucent"
    },
    {
      "type": "image",
      "name": "nuclei",
      "source": {"path": "cells.h5", "dataset": "/nuclei"},
      "colormap": "magma",
      "contrast_limits": [100, 2800],
      "blending": "additive"
    }
  ]
}
)";
}

}  // namespace stackshot
