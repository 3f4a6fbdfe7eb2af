// HDF5 datasets: lazy hyperslab reads, listing, and writing (for examples and tests).
//
// Conventions: every call into HDF5 holds one process-wide mutex (Hdf5Lock): even a
// thread-safe build serialises internally, and a serial build must not be entered
// twice. HDF5's own error stack
// printing is turned off; its messages are folded into our Status instead.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/source.h"

namespace stackshot {

// Opens `dataset` (e.g. "/nuclei") in the HDF5 file at `path`. Errors: the file is
// missing, truncated or not HDF5; the dataset is not found (listing those that
// exist); its type is not an integer or float type.
Result<std::shared_ptr<Source>> OpenHdf5Dataset(const std::string& path, const std::string& dataset);

// Opens `name` as the levels of a pyramid (level 0, the finest, first): a dataset
// is one level; a group gives its datasets named s0, s1, … or 0, 1, … in numeric
// order. Errors: as OpenHdf5Dataset; a group with no such datasets, or a gap in the
// numbering ("cells.h5: group '/pyramid' has levels s0, s1, s3: s2 is missing").
// That the levels shrink is the caller's check.
Result<std::vector<std::shared_ptr<Source>>> OpenHdf5Levels(const std::string& path, const std::string& name);

struct Hdf5DatasetInfo {
  std::string path;         // "/group/name"
  Shape shape;
  std::string dtype;        // "uint16", or HDF5's class name when unsupported
  Shape chunks;             // empty when contiguous
  std::string compression;  // "gzip(4)", "shuffle+gzip(1)", "none", …
};

// Every dataset in the file, sorted by path.
Result<std::vector<Hdf5DatasetInfo>> ListHdf5Datasets(const std::string& path);

struct Hdf5WriteOptions {
  Shape chunks;         // empty: contiguous
  int gzip_level = -1;  // -1: no compression
};

// Creates or truncates the file at `path` (when `truncate`) and writes `array`
// as `dataset`, creating intermediate groups.
Status WriteHdf5Dataset(const std::string& path, const std::string& dataset, const Array& array,
                        const Hdf5WriteOptions& options, bool truncate);

// For volumes written piece by piece (with progress): creates `dataset` of `dtype`
// and `shape` like WriteHdf5Dataset without writing data, then WriteHdf5Box fills
// one box at a time with an array of shape box.count and the dataset's dtype.
Status CreateHdf5Dataset(const std::string& path, const std::string& dataset, DType dtype,
                         const Shape& shape, const Hdf5WriteOptions& options, bool truncate);
Status WriteHdf5Box(const std::string& path, const std::string& dataset, const Box& box,
                    const Array& array);

}  // namespace stackshot
