// SliceCache: least-recently-used slice responses within a byte budget (NAP-4 P2).
//
// Conventions: keyed by SliceRequest::CacheKey() (the data's identity and every
// request field that changes the output); safe to use from several slicing threads.
// A response larger than the whole budget is not kept.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "layers/layer.h"

namespace stackshot {

struct SliceCacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;
  uint64_t bytes = 0;
  size_t entries = 0;
};

class SliceCache {
 public:
  explicit SliceCache(uint64_t budget_bytes);

  // Null when absent; a hit becomes the most recently used entry.
  std::shared_ptr<const SliceResponse> Find(const std::string& key);
  bool Contains(const std::string& key) const;  // does not count as a use
  void Insert(const std::string& key, std::shared_ptr<const SliceResponse> response);

  uint64_t budget_bytes() const { return budget_; }
  SliceCacheStats stats() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const SliceResponse> response;
    uint64_t bytes;
  };
  void EvictToFit();  // mutex held

  const uint64_t budget_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  SliceCacheStats stats_;
};

}  // namespace stackshot
