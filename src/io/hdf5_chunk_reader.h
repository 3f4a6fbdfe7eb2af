// Direct chunk reads of HDF5 datasets, decoded in parallel (private to io/).
//
// H5Dread inflates every chunk on the calling thread while holding Hdf5Lock. For
// filter pipelines we can undo exactly (any sequence of deflate, shuffle and
// fletcher32 with at least one deflate), this reader fetches each chunk's stored
// bytes with H5Dread_chunk under the lock, then decodes the chunks outside it
// (libdeflate, about twice as fast as zlib's inflate) on up to `threads` threads.
// Each chunk writes only its own part of the output, so the result does not depend
// on the thread count; it is the same as H5Dread's, bit for bit. Anything else
// (contiguous or compact layouts, other filters, types that are not a native
// integer or IEEE float in either byte order, no fill value) is left to H5Dread.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <hdf5.h>

#include "nd/array.h"
#include "nd/cancel.h"
#include "nd/status.h"

namespace stackshot {

// One stage of the stored pipeline, in the order HDF5 applied it on write.
enum class Hdf5ChunkFilter { kDeflate, kShuffle, kFletcher32 };

struct Hdf5ChunkLayout {
  Shape chunks;                          // chunk dimensions (stored full-size, also at the border)
  size_t item = 0;                       // bytes per element
  bool swap_bytes = false;               // the file's byte order is not the machine's
  std::vector<Hdf5ChunkFilter> filters;  // write order; bit i of a chunk's filter mask skips filters[i]
  std::vector<size_t> shuffle_sizes;     // per filter: the shuffle's element size (0 for others)
  std::vector<std::byte> fill;           // one element: the fill value of chunks never written
};

// The layout when the fast path applies to `dataset` (of our `dtype`), else
// nullopt. Hdf5Lock held.
std::optional<Hdf5ChunkLayout> InspectHdf5Chunks(hid_t dataset, DType dtype, size_t rank);

// Reads `box` (inside the dataset) into `out` (C order, shape box.count): one task
// per chunk, on up to `threads` threads (0: all cores), fetches the chunk with
// H5Dread_chunk under Hdf5Lock, decodes it outside the lock and copies its part.
// Polls `cancel` before each chunk. Returns false when some chunk did not decode
// (a corrupt stream, a checksum mismatch, an unexpected size): the caller then
// reads the box with H5Dread, which reports HDF5's own error. Takes Hdf5Lock
// itself: call without it.
Result<bool> ReadHdf5Chunks(hid_t dataset, const std::string& name, const Hdf5ChunkLayout& layout,
                            const Box& box, std::byte* out, const CancelToken& cancel, int threads);

// HDF5's fletcher32 checksum (H5_checksum_fletcher32), for verifying chunks.
uint32_t Hdf5Fletcher32(const std::byte* data, size_t size);

}  // namespace stackshot
