#include "io/hdf5_chunk_reader.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <utility>

#include "exec/parallel.h"
#include "io/hdf5_file.h"

namespace stackshot {
namespace {

constexpr size_t kFletcherBytes = 4;
// Scratch buffers larger than this are freed after a read rather than kept.
constexpr size_t kKeepScratchBytes = size_t{8} << 20;

struct DecompressorDeleter {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

// One thread's buffers, kept from chunk to chunk and read to read: chunks are
// usually just over malloc's mmap threshold, so fresh buffers would cost a map,
// page faults and an unmap each.
struct DecodeScratch {
  std::vector<std::byte> stored;
  std::vector<std::byte> buffers[2];
  int next = 0;
  std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> inflater;

  // A buffer of `size` bytes, never the one returned just before.
  std::byte* Take(size_t size) {
    std::vector<std::byte>& buffer = buffers[next];
    next ^= 1;
    buffer.resize(size);
    return buffer.data();
  }
  void Trim() {
    for (std::vector<std::byte>* buffer : {&stored, &buffers[0], &buffers[1]}) {
      if (buffer->capacity() > kKeepScratchBytes) std::vector<std::byte>().swap(*buffer);
    }
  }
};

DecodeScratch& ThreadScratch() {
  thread_local DecodeScratch scratch;
  return scratch;
}

// A chunk's stored bytes (in scratch.stored), or that it was never written.
struct StoredChunk {
  bool written = false;
  unsigned filter_mask = 0;
  const std::byte* bytes = nullptr;
  size_t size = 0;
};

size_t ChunkBytes(const Hdf5ChunkLayout& layout) {
  size_t bytes = layout.item;
  for (int64_t c : layout.chunks) bytes *= static_cast<size_t>(c);
  return bytes;
}

template <size_t kItem>
void UnshuffleFixed(const std::byte* in, size_t count, std::byte* out) {
  for (size_t i = 0; i < count; ++i) {
    for (size_t b = 0; b < kItem; ++b) out[i * kItem + b] = in[b * count + i];
  }
}

void Unshuffle(const std::byte* in, size_t size, size_t item, std::byte* out) {
  const size_t count = item > 1 ? size / item : 0;
  if (count <= 1) {
    std::memcpy(out, in, size);
    return;
  }
  // The shuffle stores byte b of every element together: in[b * count + i].
  switch (item) {
    case 2: UnshuffleFixed<2>(in, count, out); break;
    case 4: UnshuffleFixed<4>(in, count, out); break;
    case 8: UnshuffleFixed<8>(in, count, out); break;
    default:
      for (size_t i = 0; i < count; ++i) {
        for (size_t b = 0; b < item; ++b) out[i * item + b] = in[b * count + i];
      }
  }
  const size_t tail = count * item;  // bytes past whole elements are stored as they are
  std::memcpy(out + tail, in + tail, size - tail);
}

void SwapBytes(std::byte* data, size_t size, size_t item) {
  for (size_t i = 0; i + item <= size; i += item) std::reverse(data + i, data + i + item);
}

bool CheckFletcher32(const std::byte* data, size_t size) {
  if (size < kFletcherBytes) return false;
  const size_t payload = size - kFletcherBytes;
  const auto* tail = reinterpret_cast<const unsigned char*>(data + payload);
  const uint32_t stored = uint32_t{tail[0]} | uint32_t{tail[1]} << 8 | uint32_t{tail[2]} << 16 |
                          uint32_t{tail[3]} << 24;
  const uint32_t sum = Hdf5Fletcher32(data, payload);
  // HDF5 before 1.6.3 stored the checksum with each byte pair swapped on
  // little-endian machines; HDF5 accepts both, and so do we.
  const uint32_t pair_swapped = ((sum & 0x00ff00ffu) << 8) | ((sum >> 8) & 0x00ff00ffu);
  return stored == sum || stored == pair_swapped;
}

// Undoes the pipeline of one written chunk: the full chunk in native byte order,
// inside `scratch`, or null when the stored bytes do not decode to exactly a chunk.
const std::byte* DecodeChunk(const Hdf5ChunkLayout& layout, const StoredChunk& chunk, DecodeScratch& scratch) {
  const size_t chunk_bytes = ChunkBytes(layout);
  // The size each stage's input had on write: the chunk plus every checksum
  // appended by an earlier, applied fletcher32.
  std::vector<size_t> input_size(layout.filters.size());
  size_t expected = chunk_bytes;
  for (size_t f = 0; f < layout.filters.size(); ++f) {
    input_size[f] = expected;
    const bool applied = (chunk.filter_mask & (1u << f)) == 0;
    if (applied && layout.filters[f] == Hdf5ChunkFilter::kFletcher32) expected += kFletcherBytes;
  }
  const std::byte* data = chunk.bytes;
  size_t size = chunk.size;
  std::byte* owned = nullptr;  // `data` when it is in scratch (and so may be changed in place)
  for (size_t f = layout.filters.size(); f-- > 0;) {
    if ((chunk.filter_mask & (1u << f)) != 0) continue;  // skipped on write (an optional filter failed)
    switch (layout.filters[f]) {
      case Hdf5ChunkFilter::kFletcher32:
        if (!CheckFletcher32(data, size)) return nullptr;
        size -= kFletcherBytes;
        break;
      case Hdf5ChunkFilter::kShuffle: {
        std::byte* out = scratch.Take(size);
        Unshuffle(data, size, layout.shuffle_sizes[f], out);
        data = owned = out;
        break;
      }
      case Hdf5ChunkFilter::kDeflate: {
        if (!scratch.inflater) scratch.inflater.reset(libdeflate_alloc_decompressor());
        if (!scratch.inflater) return nullptr;
        std::byte* out = scratch.Take(input_size[f]);
        size_t consumed = 0;  // bytes past the zlib stream are ignored, as by HDF5
        size_t produced = 0;
        if (libdeflate_zlib_decompress_ex(scratch.inflater.get(), data, size, out, input_size[f], &consumed,
                                          &produced) != LIBDEFLATE_SUCCESS ||
            produced != input_size[f]) {
          return nullptr;
        }
        data = owned = out;
        size = produced;
        break;
      }
    }
  }
  if (size != chunk_bytes) return nullptr;
  if (layout.swap_bytes) {
    if (owned == nullptr) {
      owned = scratch.Take(size);
      std::memcpy(owned, data, size);
    }
    SwapBytes(owned, size, layout.item);
    data = owned;
  }
  return data;
}

// Copies the part of one chunk (`data`: the full chunk, or null for the fill
// value) that lies in `box` to its place in `out`.
void CopyChunkPart(const Hdf5ChunkLayout& layout, const std::vector<int64_t>& index, const std::byte* data,
                   const Box& box, std::byte* out) {
  const size_t rank = layout.chunks.size();
  std::vector<int64_t> lo(rank), hi(rank);  // the part, in dataset coordinates
  for (size_t a = 0; a < rank; ++a) {
    const int64_t origin = index[a] * layout.chunks[a];
    lo[a] = std::max(box.start[a], origin);
    hi[a] = std::min(box.start[a] + box.count[a], origin + layout.chunks[a]);
  }
  const size_t item = layout.item;
  const size_t run = static_cast<size_t>(hi[rank - 1] - lo[rank - 1]);
  std::vector<int64_t> at = lo;  // odometer over every axis but the last
  while (true) {
    size_t out_offset = 0;
    size_t in_offset = 0;
    for (size_t a = 0; a < rank; ++a) {
      out_offset = out_offset * static_cast<size_t>(box.count[a]) + static_cast<size_t>(at[a] - box.start[a]);
      in_offset = in_offset * static_cast<size_t>(layout.chunks[a]) +
                  static_cast<size_t>(at[a] - index[a] * layout.chunks[a]);
    }
    std::byte* target = out + out_offset * item;
    if (data != nullptr) {
      std::memcpy(target, data + in_offset * item, run * item);
    } else {
      for (size_t i = 0; i < run; ++i) std::memcpy(target + i * item, layout.fill.data(), item);
    }
    size_t a = rank - 1;
    while (a-- > 0) {
      if (++at[a] < hi[a]) break;
      at[a] = lo[a];
    }
    if (a == static_cast<size_t>(-1)) return;
  }
}

// Reads the stored bytes of the chunk at `offset` into scratch.stored, under the lock.
Result<StoredChunk> FetchChunk(hid_t dataset, const std::string& name, const std::vector<hsize_t>& offset,
                               DecodeScratch& scratch) {
  Hdf5Lock lock;
  StoredChunk chunk;
  haddr_t address = HADDR_UNDEF;
  hsize_t size = 0;
  if (H5Dget_chunk_info_by_coord(dataset, offset.data(), &chunk.filter_mask, &address, &size) < 0) {
    return IoError(name + ": read failed: " + Hdf5ErrorText());
  }
  chunk.written = address != HADDR_UNDEF;
  if (!chunk.written) return chunk;
  scratch.stored.resize(static_cast<size_t>(size));
  uint32_t filters = 0;
  if (H5Dread_chunk(dataset, H5P_DEFAULT, offset.data(), &filters, scratch.stored.data()) < 0) {
    return IoError(name + ": read failed: " + Hdf5ErrorText());
  }
  chunk.filter_mask = filters;
  chunk.bytes = scratch.stored.data();
  chunk.size = scratch.stored.size();
  return chunk;
}

}  // namespace

uint32_t Hdf5Fletcher32(const std::byte* bytes, size_t size) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes);
  size_t words = size / 2;
  uint32_t sum1 = 0;
  uint32_t sum2 = 0;
  // 360 is the most 16-bit words that can be summed before the sums overflow.
  while (words > 0) {
    size_t run = std::min<size_t>(words, 360);
    words -= run;
    for (; run > 0; --run, data += 2) {
      sum1 += (uint32_t{data[0]} << 8) | uint32_t{data[1]};
      sum2 += sum1;
    }
    sum1 = (sum1 & 0xffff) + (sum1 >> 16);
    sum2 = (sum2 & 0xffff) + (sum2 >> 16);
  }
  if (size % 2 != 0) {
    sum1 += uint32_t{data[0]} << 8;
    sum2 += sum1;
    sum1 = (sum1 & 0xffff) + (sum1 >> 16);
    sum2 = (sum2 & 0xffff) + (sum2 >> 16);
  }
  sum1 = (sum1 & 0xffff) + (sum1 >> 16);
  sum2 = (sum2 & 0xffff) + (sum2 >> 16);
  return (sum2 << 16) | sum1;
}

std::optional<Hdf5ChunkLayout> InspectHdf5Chunks(hid_t dataset, DType dtype, size_t rank) {
  if (rank == 0) return std::nullopt;
  Hdf5ChunkLayout layout;
  layout.item = DTypeSize(dtype);
  Hdf5Id dcpl(H5Dget_create_plist(dataset), H5Pclose);
  if (!dcpl.valid() || H5Pget_layout(dcpl.get()) != H5D_CHUNKED) return std::nullopt;
  std::vector<hsize_t> dims(rank);
  if (H5Pget_chunk(dcpl.get(), static_cast<int>(rank), dims.data()) != static_cast<int>(rank)) return std::nullopt;
  layout.chunks.assign(dims.begin(), dims.end());

  // The pipeline: only filters we undo exactly, and at least one deflate (else
  // there is nothing worth decoding in parallel).
  const int nfilters = H5Pget_nfilters(dcpl.get());
  if (nfilters <= 0 || nfilters > 16) return std::nullopt;
  bool deflate = false;
  for (int f = 0; f < nfilters; ++f) {
    unsigned flags = 0;
    size_t cd_count = 8;
    unsigned cd_values[8] = {};
    unsigned config = 0;
    const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), static_cast<unsigned>(f), &flags, &cd_count, cd_values,
                                           0, nullptr, &config);
    if (id == H5Z_FILTER_DEFLATE) {
      layout.filters.push_back(Hdf5ChunkFilter::kDeflate);
      layout.shuffle_sizes.push_back(0);
      deflate = true;
    } else if (id == H5Z_FILTER_SHUFFLE) {
      layout.filters.push_back(Hdf5ChunkFilter::kShuffle);
      layout.shuffle_sizes.push_back(cd_count >= 1 && cd_values[0] > 0 ? cd_values[0] : layout.item);
    } else if (id == H5Z_FILTER_FLETCHER32) {
      layout.filters.push_back(Hdf5ChunkFilter::kFletcher32);
      layout.shuffle_sizes.push_back(0);
    } else {
      H5Eclear2(H5E_DEFAULT);
      return std::nullopt;
    }
  }
  if (!deflate) return std::nullopt;

  // The stored type: our dtype's native type, in either byte order.
  Hdf5Id file_type(H5Dget_type(dataset), H5Tclose);
  Hdf5Id expected(H5Tcopy(NativeHdf5Type(dtype)), H5Tclose);
  if (!file_type.valid() || !expected.valid()) return std::nullopt;
  const H5T_order_t order = H5Tget_order(file_type.get());
  const H5T_order_t native = H5Tget_order(NativeHdf5Type(dtype));
  if (layout.item > 1) {
    if ((order != H5T_ORDER_LE && order != H5T_ORDER_BE) || H5Tset_order(expected.get(), order) < 0) {
      H5Eclear2(H5E_DEFAULT);
      return std::nullopt;
    }
    layout.swap_bytes = order != native;
  }
  if (H5Tequal(file_type.get(), expected.get()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }

  // Chunks never written read as the fill value, as long as H5Dread would fill
  // them at all (it leaves the buffer alone when there is no fill value to use).
  H5D_fill_time_t fill_time = H5D_FILL_TIME_IFSET;
  H5D_fill_value_t fill_status = H5D_FILL_VALUE_UNDEFINED;
  if (H5Pget_fill_time(dcpl.get(), &fill_time) < 0 || H5Pfill_value_defined(dcpl.get(), &fill_status) < 0 ||
      fill_time == H5D_FILL_TIME_NEVER || fill_status == H5D_FILL_VALUE_UNDEFINED) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  layout.fill.assign(layout.item, std::byte{0});
  if (H5Pget_fill_value(dcpl.get(), NativeHdf5Type(dtype), layout.fill.data()) < 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  return layout;
}

Result<bool> ReadHdf5Chunks(hid_t dataset, const std::string& name, const Hdf5ChunkLayout& layout,
                            const Box& box, std::byte* out, const CancelToken& cancel, int threads) {
  const size_t rank = layout.chunks.size();
  if (box.start.size() != rank || box.count.size() != rank) {
    return InvalidArgumentError(name + ": box rank does not match the chunks");
  }
  std::vector<int64_t> first(rank), extent(rank);  // the chunk grid range the box touches
  int64_t total = 1;
  for (size_t a = 0; a < rank; ++a) {
    if (box.count[a] <= 0) return true;
    first[a] = box.start[a] / layout.chunks[a];
    extent[a] = (box.start[a] + box.count[a] - 1) / layout.chunks[a] - first[a] + 1;
    total *= extent[a];
  }

  // One task per chunk (a fixed split): it fetches the chunk under the lock, then
  // decodes it outside and writes only its own part of `out`, so fetching one
  // chunk overlaps decoding others. Failures are kept per chunk and reported
  // lowest chunk first, whatever the timing.
  enum Outcome : char { kDone, kCancelled, kUndecodable, kFailed };
  std::vector<char> outcome(static_cast<size_t>(total), kDone);
  std::mutex error_mutex;
  int64_t error_chunk = total;
  Status error;
  ParallelFor(total, 1, threads, [&](int64_t begin, int64_t end) {
    DecodeScratch& scratch = ThreadScratch();
    std::vector<int64_t> index(rank);
    std::vector<hsize_t> offset(rank);
    for (int64_t k = begin; k < end; ++k) {
      char& result = outcome[static_cast<size_t>(k)];
      if (cancel.cancelled()) {
        result = kCancelled;
        continue;
      }
      for (size_t a = rank, rest = static_cast<size_t>(k); a-- > 0;) {
        index[a] = first[a] + static_cast<int64_t>(rest % static_cast<size_t>(extent[a]));
        rest /= static_cast<size_t>(extent[a]);
        offset[a] = static_cast<hsize_t>(index[a] * layout.chunks[a]);
      }
      Result<StoredChunk> chunk = FetchChunk(dataset, name, offset, scratch);
      if (!chunk.ok()) {
        result = kFailed;
        std::lock_guard<std::mutex> lock(error_mutex);
        if (k < error_chunk) {
          error_chunk = k;
          error = chunk.status();
        }
        continue;
      }
      const std::byte* decoded = nullptr;  // null: the fill value
      if (chunk->written && (decoded = DecodeChunk(layout, *chunk, scratch)) == nullptr) {
        result = kUndecodable;
        continue;
      }
      CopyChunkPart(layout, index, decoded, box, out);
    }
    scratch.Trim();
  });
  auto any = [&](Outcome o) { return std::find(outcome.begin(), outcome.end(), o) != outcome.end(); };
  if (any(kCancelled)) return CancelledError(name + ": read cancelled");
  if (any(kFailed)) return error;
  return !any(kUndecodable);
}

}  // namespace stackshot
