#include "anim/gif_lzw.h"

#include <array>
#include <cstring>

namespace stackshot {
namespace {

constexpr int kMaxCodes = 4096;

// (prefix code, next index) → code, open addressing; twice the codes, so probes
// stay short. Cleared with the table (at most once per 4096 codes).
class CodeTable {
 public:
  void Clear() { keys_.fill(kEmpty); }
  // The code of `key`, or -1; `slot` is where it is or would go.
  int Find(uint32_t key, uint32_t& slot) const {
    slot = (key * 2654435761u) >> (32 - kBits);
    while (keys_[slot] != kEmpty) {
      if (keys_[slot] == key) return codes_[slot];
      slot = (slot + 1) & (kSize - 1);
    }
    return -1;
  }
  void Insert(uint32_t slot, uint32_t key, int code) {
    keys_[slot] = key;
    codes_[slot] = static_cast<uint16_t>(code);
  }

 private:
  static constexpr int kBits = 13;
  static constexpr uint32_t kSize = 1u << kBits;
  static constexpr uint32_t kEmpty = 0xffffffffu;
  std::array<uint32_t, kSize> keys_;
  std::array<uint16_t, kSize> codes_;
};

// Codes packed LSB first, cut into sub-blocks as they fill.
class BitWriter {
 public:
  explicit BitWriter(std::vector<uint8_t>& out) : out_(out) {}
  void Put(int code, int width) {
    bits_ |= static_cast<uint64_t>(code) << count_;
    count_ += width;
    while (count_ >= 8) {
      Byte(static_cast<uint8_t>(bits_));
      bits_ >>= 8;
      count_ -= 8;
    }
  }
  // Flushes the last bits, the last sub-block and the terminator.
  void End() {
    if (count_ > 0) Byte(static_cast<uint8_t>(bits_));
    if (open_) out_[block_start_] = static_cast<uint8_t>(block_size_);
    out_.push_back(0);
  }

 private:
  void Byte(uint8_t byte) {
    if (!open_) {
      block_start_ = out_.size();
      out_.push_back(0);
      open_ = true;
    }
    out_.push_back(byte);
    if (++block_size_ == 255) {
      out_[block_start_] = 255;
      block_size_ = 0;
      open_ = false;
    }
  }
  std::vector<uint8_t>& out_;
  uint64_t bits_ = 0;
  int count_ = 0;
  size_t block_start_ = 0;
  int block_size_ = 0;
  bool open_ = false;
};

}  // namespace

void AppendGifLzw(const uint8_t* indices, size_t count, int min_code_size, std::vector<uint8_t>& out) {
  out.push_back(static_cast<uint8_t>(min_code_size));
  const int clear = 1 << min_code_size;
  const int end = clear + 1;
  // The table is large (48 KiB): one per thread, reused.
  thread_local CodeTable table;
  BitWriter writer(out);
  int width = min_code_size + 1;
  int next = end + 1;
  table.Clear();
  writer.Put(clear, width);
  if (count > 0) {
    int current = indices[0];
    for (size_t i = 1; i < count; ++i) {
      const uint8_t index = indices[i];
      const uint32_t key = (static_cast<uint32_t>(current) << 8) | index;
      uint32_t slot = 0;
      const int found = table.Find(key, slot);
      if (found >= 0) {
        current = found;
        continue;
      }
      writer.Put(current, width);
      if (next < kMaxCodes) {
        table.Insert(slot, key, next++);
        // The decoder adds this entry one code later, then widens: it reads the
        // next code at the new width exactly when next exceeds 2^width.
        if (next > (1 << width) && width < 12) ++width;
      } else {
        writer.Put(clear, width);
        table.Clear();
        width = min_code_size + 1;
        next = end + 1;
      }
      current = index;
    }
    writer.Put(current, width);
    // The decoder adds one more entry on reading that code, and may widen first.
    if (next < kMaxCodes && next + 1 > (1 << width) && width < 12) ++width;
  }
  writer.Put(end, width);
  writer.End();
}

}  // namespace stackshot
