// The bundled synthetic example: a deterministic 3D image of blob-like cells with
// noise, written as HDF5 with a scene beside it, so nothing is downloaded.
//
// Conventions: the same options give the same bytes on every machine and with any
// thread count (a fixed PRNG per plane, no std:: distributions).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "nd/array.h"
#include "nd/status.h"

namespace stackshot {

struct CellsExampleOptions {
  Shape shape = {60, 512, 512};  // z, y, x
  Shape chunks = {1, 256, 256};
  int gzip_level = 4;
  uint64_t seed = 1;
  int threads = 0;               // 0: all cores (results do not depend on it)
};

// Called with (planes done, planes total) while the volume is generated and written.
using ExampleProgress = std::function<void(int64_t done, int64_t total)>;

// uint16 volumes: "nuclei" (bright blobs) and "membranes" (their shells).
Array GenerateNucleiVolume(const CellsExampleOptions& options);
Array GenerateMembraneVolume(const CellsExampleOptions& options);

// Writes DIRECTORY/cells.h5 (datasets /nuclei and /membranes) and
// DIRECTORY/cells.json (the text of CellsSceneJson()). The folder must exist.
Status WriteCellsExample(const std::string& directory, const CellsExampleOptions& options,
                         const ExampleProgress& progress);

// The scene for the example; examples/cells.json holds the same text.
std::string CellsSceneJson();

}  // namespace stackshot
