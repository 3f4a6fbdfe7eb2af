#include "layers/image/projection.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <type_traits>
#include <vector>

#include "exec/parallel.h"
#include "nd/nearest_names.h"

namespace stackshot {
namespace {

// Elements per chunk: the accumulators of one chunk stay in the L1/L2 cache while
// every plane streams through, and each plane's run is long enough for the
// hardware prefetcher.
constexpr int64_t kGrain = 16384;

constexpr ProjectionMode kAllModes[] = {ProjectionMode::kNone, ProjectionMode::kSum, ProjectionMode::kMean,
                                        ProjectionMode::kMax, ProjectionMode::kMin};

// The exact accumulator for a sum of `planes` values of T: 32-bit where no sum of
// up to 65536 narrow values can overflow, else 64-bit; floats keep their width.
template <typename T, bool kNarrow>
using SumType = std::conditional_t<
    std::is_floating_point_v<T>, T,
    std::conditional_t<kNarrow && sizeof(T) <= 2, std::conditional_t<std::is_signed_v<T>, int32_t, uint32_t>,
                       std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>>>;

template <typename T>
void ConvertChunk(const T* in, float* out, int64_t begin, int64_t end) {
  for (int64_t e = begin; e < end; ++e) out[e] = static_cast<float>(in[e]);
}

// One step of max or min. Written on values (not std::max's references) so that
// the loops vectorise; for floats a NaN wins, as numpy's max and min propagate it.
template <typename T, bool kMax>
inline T Extreme(T acc, T v) {
  if constexpr (std::is_floating_point_v<T>) {
    return (kMax ? v > acc : v < acc) || v != v ? v : acc;
  } else {
    return (kMax ? v > acc : v < acc) ? v : acc;
  }
}

// The reductions walk four planes per pass over the chunk (fewer trips through
// the accumulators) but apply them to each element in plane order, so the result
// is the plane-by-plane one exactly, for floats too.
template <typename T, bool kMax>
void ExtremeChunk(const T* in, int64_t planes, int64_t m, float* out, int64_t begin, int64_t end) {
  const int64_t n = end - begin;
  std::unique_ptr<T[]> buffer(new T[static_cast<size_t>(n)]);
  T* __restrict acc = buffer.get();  // never aliases the planes: lets the loops vectorise
  std::copy(in + begin, in + end, acc);
  int64_t k = 1;
  for (; k + 3 < planes; k += 4) {
    const T* p = in + k * m + begin;
    for (int64_t i = 0; i < n; ++i) {
      const T a = Extreme<T, kMax>(p[i], p[i + m]);
      const T b = Extreme<T, kMax>(p[i + 2 * m], p[i + 3 * m]);
      acc[i] = Extreme<T, kMax>(acc[i], Extreme<T, kMax>(a, b));
    }
  }
  for (; k < planes; ++k) {
    const T* p = in + k * m + begin;
    for (int64_t i = 0; i < n; ++i) acc[i] = Extreme<T, kMax>(acc[i], p[i]);
  }
  for (int64_t i = 0; i < n; ++i) out[begin + i] = static_cast<float>(acc[i]);
}

template <typename T, typename Acc>
void SumChunk(const T* in, int64_t planes, int64_t m, bool mean, float* out, int64_t begin, int64_t end) {
  const int64_t n = end - begin;
  std::unique_ptr<Acc[]> buffer(new Acc[static_cast<size_t>(n)]);
  Acc* __restrict acc = buffer.get();  // never aliases the planes: lets the loops vectorise
  for (int64_t i = 0; i < n; ++i) acc[i] = static_cast<Acc>(in[begin + i]);
  int64_t k = 1;
  for (; k + 3 < planes; k += 4) {
    const T* p = in + k * m + begin;
    for (int64_t i = 0; i < n; ++i) {
      Acc a = acc[i] + static_cast<Acc>(p[i]);
      a = a + static_cast<Acc>(p[i + m]);
      a = a + static_cast<Acc>(p[i + 2 * m]);
      acc[i] = a + static_cast<Acc>(p[i + 3 * m]);
    }
  }
  for (; k < planes; ++k) {
    const T* p = in + k * m + begin;
    for (int64_t i = 0; i < n; ++i) acc[i] += static_cast<Acc>(p[i]);
  }
  const double count = static_cast<double>(planes);
  for (int64_t i = 0; i < n; ++i) {
    if constexpr (std::is_same_v<Acc, float>) {
      // float32 data: numpy divides the float32 sum; in double then rounded once is
      // the same correctly rounded quotient.
      out[begin + i] = mean ? static_cast<float>(static_cast<double>(acc[i]) / count) : acc[i];
    } else {
      const double sum = static_cast<double>(acc[i]);
      out[begin + i] = static_cast<float>(mean ? sum / count : sum);
    }
  }
}

}  // namespace

const char* ProjectionModeName(ProjectionMode mode) {
  switch (mode) {
    case ProjectionMode::kNone: return "none";
    case ProjectionMode::kSum: return "sum";
    case ProjectionMode::kMean: return "mean";
    case ProjectionMode::kMax: return "max";
    case ProjectionMode::kMin: return "min";
  }
  return "unknown";
}

Result<ProjectionMode> ParseProjectionMode(const std::string& name) {
  std::vector<std::string> names;
  for (ProjectionMode mode : kAllModes) {
    if (name == ProjectionModeName(mode)) return mode;
    names.emplace_back(ProjectionModeName(mode));
  }
  return InvalidArgumentError("unknown projection_mode '" + name + "' (" + SuggestNames(name, names) + ")");
}

Array ProjectPlanes(const Array& stack, int64_t planes, const Shape& out_shape, ProjectionMode mode, int threads) {
  Array out = Array::Uninitialized(DType::kFloat32, out_shape);  // every element is written below
  const int64_t m = out.size();
  if (m == 0 || planes <= 0) return out;
  float* dst = out.mutable_data<float>();
  if (mode == ProjectionMode::kNone) planes = 1;
  VisitDType(stack.dtype(), [&](auto zero) {
    using T = decltype(zero);
    const T* src = stack.data<T>();
    // Sums of up to 65536 narrow integers fit 32 bits (65535 × 65536 < 2^32).
    const bool narrow = planes <= 65536;
    ParallelFor(m, kGrain, threads, [&](int64_t begin, int64_t end) {
      switch (mode) {
        case ProjectionMode::kNone: ConvertChunk(src, dst, begin, end); break;
        case ProjectionMode::kMax: ExtremeChunk<T, true>(src, planes, m, dst, begin, end); break;
        case ProjectionMode::kMin: ExtremeChunk<T, false>(src, planes, m, dst, begin, end); break;
        case ProjectionMode::kSum:
        case ProjectionMode::kMean: {
          const bool mean = mode == ProjectionMode::kMean;
          if (narrow) {
            SumChunk<T, SumType<T, true>>(src, planes, m, mean, dst, begin, end);
          } else {
            SumChunk<T, SumType<T, false>>(src, planes, m, mean, dst, begin, end);
          }
          break;
        }
      }
    });
  });
  return out;
}

}  // namespace stackshot
