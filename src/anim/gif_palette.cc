#include "anim/gif_palette.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

namespace stackshot {
namespace {

__extension__ typedef unsigned __int128 Wide;

// Above this many distinct colours, median cut works on 5-bit-per-channel bins
// (their exact sums kept) rather than on single colours: the cut stays linear in
// the bins while a noisy frame can have a colour per pixel.
constexpr size_t kMaxCells = size_t{1} << 16;

// Colour → count, then colour → palette index: open addressing, linear probing.
class ColourTable {
 public:
  static constexpr uint32_t kEmpty = 0xffffffffu;

  void Reset() {
    if (keys_.empty()) Resize(1 << 12);
    std::fill(keys_.begin(), keys_.end(), kEmpty);
    size_ = 0;
  }
  // The slot of `colour`, added with value 0 when new.
  uint32_t Add(uint32_t colour) {
    if ((size_ + 1) * 2 > keys_.size()) Grow();
    uint32_t slot = Home(colour);
    while (keys_[slot] != colour) {
      if (keys_[slot] == kEmpty) {
        keys_[slot] = colour;
        values_[slot] = 0;
        ++size_;
        return slot;
      }
      slot = (slot + 1) & mask_;
    }
    return slot;
  }
  // The slot of a colour that is there.
  uint32_t Find(uint32_t colour) const {
    uint32_t slot = Home(colour);
    while (keys_[slot] != colour) slot = (slot + 1) & mask_;
    return slot;
  }
  size_t size() const { return size_; }
  size_t capacity() const { return keys_.size(); }
  uint32_t key(size_t slot) const { return keys_[slot]; }
  uint32_t& value(size_t slot) { return values_[slot]; }

 private:
  uint32_t Home(uint32_t colour) const { return (colour * 2654435761u) >> shift_; }
  void Resize(size_t capacity) {
    keys_.assign(capacity, kEmpty);
    values_.assign(capacity, 0);
    mask_ = static_cast<uint32_t>(capacity - 1);
    shift_ = 32 - std::countr_zero(static_cast<uint32_t>(capacity));
  }
  void Grow() {
    std::vector<uint32_t> keys = std::move(keys_);
    std::vector<uint32_t> values = std::move(values_);
    Resize(keys.size() * 2);
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == kEmpty) continue;
      uint32_t slot = Home(keys[i]);
      while (keys_[slot] != kEmpty) slot = (slot + 1) & mask_;
      keys_[slot] = keys[i];
      values_[slot] = values[i];
    }
  }
  std::vector<uint32_t> keys_;
  std::vector<uint32_t> values_;
  size_t size_ = 0;
  uint32_t mask_ = 0;
  int shift_ = 32;
};

int Channel(uint32_t colour, int axis) { return static_cast<int>((colour >> (16 - 8 * axis)) & 0xff); }

// A colour (or a bin of colours) of the histogram.
struct Cell {
  uint64_t count = 0;
  std::array<uint64_t, 3> sum{};     // per channel, over the cell's pixels
  std::array<uint64_t, 3> square{};  // sums of squares
  std::array<uint8_t, 3> mean{};     // what the cut sorts by
};

// Sums over a run of cells.
struct Moments {
  uint64_t count = 0;
  std::array<uint64_t, 3> sum{};
  uint64_t square = 0;  // over all channels

  void Add(const Cell& cell) {
    count += cell.count;
    for (int a = 0; a < 3; ++a) sum[a] += cell.sum[a];
    square += cell.square[0] + cell.square[1] + cell.square[2];
  }
  Moments Minus(const Moments& part) const {
    Moments rest;
    rest.count = count - part.count;
    for (int a = 0; a < 3; ++a) rest.sum[a] = sum[a] - part.sum[a];
    rest.square = square - part.square;
    return rest;
  }
  // Σ |c − mean|², rounded down.
  Wide Error() const {
    if (count == 0) return 0;
    Wide spread = 0;
    for (int a = 0; a < 3; ++a) spread += static_cast<Wide>(sum[a]) * sum[a];
    return static_cast<Wide>(square) - spread / count;
  }
  uint32_t Mean() const {
    uint32_t colour = 0;
    for (int a = 0; a < 3; ++a) colour = (colour << 8) | static_cast<uint32_t>((sum[a] + count / 2) / count);
    return colour;
  }
};

struct Box {
  size_t begin = 0, end = 0;  // cells
  Moments moments;
  Wide error = 0;
  bool splittable = true;
};

// Where a box splits best: along `axis`, cells [begin, at) and [at, end) after
// sorting by that axis.
struct Split {
  int axis = -1;
  size_t at = 0;
  Wide error = std::numeric_limits<Wide>::max();
};

// Stable counting sort of cells[begin, end) by mean[axis] into `out` (same positions).
void SortByAxis(const std::vector<Cell>& cells, size_t begin, size_t end, int axis, std::vector<Cell>& out) {
  std::array<size_t, 257> start{};
  for (size_t i = begin; i < end; ++i) ++start[cells[i].mean[axis] + 1];
  for (int v = 0; v < 256; ++v) start[v + 1] += start[v];
  for (size_t i = begin; i < end; ++i) out[begin + start[cells[i].mean[axis]]++] = cells[i];
}

// The best cut of sorted cells[begin, end) between two different axis values.
void BestCut(const std::vector<Cell>& cells, const Box& box, int axis, Split& best) {
  Moments left;
  for (size_t i = box.begin; i + 1 < box.end; ++i) {
    left.Add(cells[i]);
    if (cells[i].mean[axis] == cells[i + 1].mean[axis]) continue;
    const Wide error = left.Error() + box.moments.Minus(left).Error();
    if (error < best.error) best = {axis, i + 1, error};
  }
}

}  // namespace

struct GifQuantizer::State {
  ColourTable table;
  std::vector<Cell> cells, sorted;
  std::vector<Box> boxes;
};

GifQuantizer::GifQuantizer() : state_(std::make_unique<State>()) {}
GifQuantizer::~GifQuantizer() = default;

namespace {

// Median cut of the table's colours into at most `max_colours` entries.
std::vector<uint32_t> CutPalette(ColourTable& table, int max_colours, std::vector<Cell>& cells,
                                 std::vector<Cell>& sorted, std::vector<Box>& boxes) {
  cells.clear();
  auto fill = [](Cell& cell, uint32_t colour, uint64_t count) {
    cell.count += count;
    for (int a = 0; a < 3; ++a) {
      const uint64_t c = static_cast<uint64_t>(Channel(colour, a));
      cell.sum[a] += c * count;
      cell.square[a] += c * c * count;
    }
  };
  if (table.size() <= kMaxCells) {
    for (size_t slot = 0; slot < table.capacity(); ++slot) {
      if (table.key(slot) == ColourTable::kEmpty) continue;
      Cell cell;
      fill(cell, table.key(slot), table.value(slot));
      cells.push_back(cell);
    }
  } else {
    cells.assign(size_t{1} << 15, Cell{});
    for (size_t slot = 0; slot < table.capacity(); ++slot) {
      const uint32_t colour = table.key(slot);
      if (colour == ColourTable::kEmpty) continue;
      const uint32_t bin = ((colour >> 9) & 0x7c00) | ((colour >> 6) & 0x3e0) | ((colour >> 3) & 0x1f);
      fill(cells[bin], colour, table.value(slot));
    }
    std::erase_if(cells, [](const Cell& cell) { return cell.count == 0; });
  }
  for (Cell& cell : cells) {
    for (int a = 0; a < 3; ++a) cell.mean[a] = static_cast<uint8_t>(cell.sum[a] / cell.count);
  }
  sorted.resize(cells.size());

  boxes.clear();
  Box all{0, cells.size(), {}, 0, true};
  for (const Cell& cell : cells) all.moments.Add(cell);
  all.error = all.moments.Error();
  boxes.push_back(all);
  while (static_cast<int>(boxes.size()) < max_colours) {
    // The splittable box with the largest error; the first of equals.
    int pick = -1;
    for (int b = 0; b < static_cast<int>(boxes.size()); ++b) {
      if (boxes[b].splittable && boxes[b].error > 0 && (pick < 0 || boxes[b].error > boxes[pick].error)) pick = b;
    }
    if (pick < 0) break;
    Box& box = boxes[pick];
    Split best;
    for (int axis = 0; axis < 3; ++axis) {
      SortByAxis(cells, box.begin, box.end, axis, sorted);
      BestCut(sorted, box, axis, best);
    }
    if (best.axis < 0) {
      box.splittable = false;
      continue;
    }
    SortByAxis(cells, box.begin, box.end, best.axis, sorted);
    std::copy(sorted.begin() + static_cast<std::ptrdiff_t>(box.begin),
              sorted.begin() + static_cast<std::ptrdiff_t>(box.end), cells.begin() + static_cast<std::ptrdiff_t>(box.begin));
    Box right{best.at, box.end, {}, 0, true};
    box.end = best.at;
    box.moments = {};
    for (size_t i = box.begin; i < box.end; ++i) box.moments.Add(cells[i]);
    for (size_t i = right.begin; i < right.end; ++i) right.moments.Add(cells[i]);
    box.error = box.moments.Error();
    right.error = right.moments.Error();
    boxes.push_back(right);
  }
  std::vector<uint32_t> palette;
  for (const Box& box : boxes) palette.push_back(box.moments.Mean());
  return palette;
}

// Every colour of the table takes the index of its nearest palette entry (squared
// distance; the lowest index among equals), found by walking out from its green
// value in the entries sorted by green.
void MapToNearest(ColourTable& table, const std::vector<uint32_t>& palette) {
  std::vector<std::pair<int, int>> by_green;  // (green, index)
  for (int i = 0; i < static_cast<int>(palette.size()); ++i) by_green.emplace_back(Channel(palette[i], 1), i);
  std::sort(by_green.begin(), by_green.end());
  const int n = static_cast<int>(by_green.size());
  for (size_t slot = 0; slot < table.capacity(); ++slot) {
    const uint32_t colour = table.key(slot);
    if (colour == ColourTable::kEmpty) continue;
    const int r = Channel(colour, 0), g = Channel(colour, 1), b = Channel(colour, 2);
    const int start = static_cast<int>(std::lower_bound(by_green.begin(), by_green.end(), std::pair<int, int>(g, -1)) -
                                       by_green.begin());
    int best = -1;
    int best_distance = std::numeric_limits<int>::max();
    auto consider = [&](int k) {
      const uint32_t entry = palette[by_green[k].second];
      const int dr = Channel(entry, 0) - r, dg = Channel(entry, 1) - g, db = Channel(entry, 2) - b;
      const int distance = dr * dr + dg * dg + db * db;
      if (distance < best_distance || (distance == best_distance && by_green[k].second < best)) {
        best_distance = distance;
        best = by_green[k].second;
      }
    };
    for (int up = start, down = start - 1; up < n || down >= 0;) {
      bool moved = false;
      if (up < n) {
        const int dg = by_green[up].first - g;
        if (dg * dg <= best_distance) {
          consider(up++);
          moved = true;
        } else {
          up = n;
        }
      }
      if (down >= 0) {
        const int dg = g - by_green[down].first;
        if (dg * dg <= best_distance) {
          consider(down--);
          moved = true;
        } else {
          down = -1;
        }
      }
      if (!moved) break;
    }
    table.value(slot) = static_cast<uint32_t>(best);
  }
}

}  // namespace

void GifQuantizer::Quantize(const std::vector<uint32_t>& pixels, bool transparent, GifPalette& palette,
                            std::vector<uint8_t>& indices) {
  ColourTable& table = state_->table;
  table.Reset();
  bool keep = transparent;
  // Runs of one colour are common (flat areas): one table look-up per run.
  uint32_t last = ColourTable::kEmpty;
  uint32_t last_slot = 0;
  for (const uint32_t pixel : pixels) {
    if (pixel == kGifKeep) {
      keep = true;
      continue;
    }
    if (pixel != last) {
      last = pixel;
      last_slot = table.Add(pixel);
    }
    ++table.value(last_slot);
  }
  const int max_colours = keep ? 255 : 256;
  palette.colours.clear();
  if (table.size() <= static_cast<size_t>(max_colours)) {
    for (size_t slot = 0; slot < table.capacity(); ++slot) {
      if (table.key(slot) != ColourTable::kEmpty) palette.colours.push_back(table.key(slot));
    }
    std::sort(palette.colours.begin(), palette.colours.end());
    for (size_t i = 0; i < palette.colours.size(); ++i) {
      table.value(table.Find(palette.colours[i])) = static_cast<uint32_t>(i);
    }
  } else {
    palette.colours = CutPalette(table, max_colours, state_->cells, state_->sorted, state_->boxes);
    MapToNearest(table, palette.colours);
  }
  palette.transparent = -1;
  if (keep) {
    palette.transparent = static_cast<int>(palette.colours.size());
    palette.colours.push_back(0);
  }
  indices.resize(pixels.size());
  last = ColourTable::kEmpty;
  uint8_t last_index = 0;
  for (size_t i = 0; i < pixels.size(); ++i) {
    const uint32_t pixel = pixels[i];
    if (pixel == kGifKeep) {
      indices[i] = static_cast<uint8_t>(palette.transparent);
      continue;
    }
    if (pixel != last) {
      last = pixel;
      last_index = static_cast<uint8_t>(table.value(table.Find(pixel)));
    }
    indices[i] = last_index;
  }
}

}  // namespace stackshot
