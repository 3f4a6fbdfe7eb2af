// The small data files under tests/golden/data/ that the golden scenes read, made by
// integer (or exactly representable float) arithmetic only, so they are the same on
// every machine. golden_data_test.cc checks the committed files against this
// generator and rewrites them with STACKSHOT_UPDATE_GOLDEN=1.
#pragma once

#include <string>
#include <vector>

#include "nd/array.h"
#include "nd/status.h"

namespace stackshot::testing {

// A multi-page TIFF: 12 pages of 48×64 uint16 blobs moving along the pages.
std::vector<Array> GoldenStackPages();
// An image sequence: 6 frames of 40×56 uint8.
std::vector<Array> GoldenFrames();
// 64×80×3 uint8 RGB.
Array GoldenRgb();
// 48×48×4 float32 RGBA with colour values up to 2.
Array GoldenRgbaFloat();
// Pyramid levels: 256×256 uint16 and its 2×2 means down to 32×32.
std::vector<Array> GoldenPyramid();
// napari's add_multiscale_image example in small: a tiled 64×64 RGB motif, 512×512,
// and its 2×2 means down to 64×64.
std::vector<Array> GoldenTiledRgbPyramid();
// Labels: 6×64×64 uint32 regions; 64×64 uint64 with ids above 2^53; 64×64 int64 with
// negative ids.
Array GoldenCellLabels();
Array GoldenHugeLabels();
Array GoldenSignedLabels();

// Writes every file into `dir` (tests/golden/data).
Status WriteGoldenData(const std::string& dir);

}  // namespace stackshot::testing
