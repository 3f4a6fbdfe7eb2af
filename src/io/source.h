// Source: one n-dimensional dataset behind a file (or memory), read by boxes.
//
// Conventions for io/:
// - Read() is safe to call from any thread at the same time as other reads; a
//   source serialises internally where its library needs it (serial HDF5).
// - Read() returns a new C-ordered Array of shape box.count in the source's dtype
//   and reads only what the box covers (an HDF5 hyperslab), nothing more.
// - Errors name the file and the dataset: "cells.h5:/nuclei: read failed: …".
// - bytes_read() counts the bytes delivered by Read, for benchmarks and the
//   latency log.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "nd/array.h"
#include "nd/cancel.h"
#include "nd/status.h"

namespace stackshot {

class Source {
 public:
  // Read()'s default `threads`: no parallel decoding, as every read before it existed.
  static constexpr int kPlainRead = -1;

  virtual ~Source() = default;

  virtual const Shape& shape() const = 0;
  virtual DType dtype() const = 0;
  // "cells.h5:/nuclei", for messages.
  virtual std::string Describe() const = 0;
  // True when reads are memory copies (no debounce needed before slicing).
  virtual bool in_memory() const { return false; }

  // Reads the box; fails on a box outside the shape. Reads that take several steps
  // (HDF5 chunk bands, a latency wait) poll `cancel` between them and return a
  // kCancelled Status once it is set. `threads` lets a source that decodes (HDF5
  // gzip chunks) spread that over threads: 0 all cores, N at most N; kPlainRead
  // reads the library's plain way on the calling thread. The values read never
  // depend on it.
  Result<Array> Read(const Box& box, const CancelToken& cancel = CancelToken::Never(),
                     int threads = kPlainRead) const;

  uint64_t bytes_read() const { return bytes_read_.load(std::memory_order_relaxed); }

 protected:
  // Implementations read a box already checked against the shape.
  virtual Result<Array> ReadChecked(const Box& box, const CancelToken& cancel) const = 0;
  // Sources that can decode on several threads override this; `threads` is never
  // kPlainRead here. The default reads the plain way.
  virtual Result<Array> ReadCheckedThreaded(const Box& box, const CancelToken& cancel, int threads) const {
    (void)threads;
    return ReadChecked(box, cancel);
  }

 private:
  mutable std::atomic<uint64_t> bytes_read_{0};
};

// The whole shape as a box.
Box FullBox(const Shape& shape);
Status CheckBox(const Shape& shape, const Box& box);

// An array held in memory (tests, synthetic data).
std::shared_ptr<Source> MakeMemorySource(Array array, std::string name);

// Wraps `inner` so that every read first waits `latency_ms` (the scene's
// "latency_ms": reproduces slow or remote storage).
std::shared_ptr<Source> WithLatency(std::shared_ptr<Source> inner, double latency_ms);

}  // namespace stackshot
