#include "slicing/slice_cache.h"

namespace stackshot {

SliceCache::SliceCache(uint64_t budget_bytes) : budget_(budget_bytes) {}

std::shared_ptr<const SliceResponse> SliceCache::Find(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++stats_.misses;
    return nullptr;
  }
  entries_.splice(entries_.begin(), entries_, it->second);
  ++stats_.hits;
  return it->second->response;
}

bool SliceCache::Contains(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return index_.count(key) > 0;
}

void SliceCache::Insert(const std::string& key, std::shared_ptr<const SliceResponse> response) {
  // Even an empty response costs a little; count it so the entry count stays bounded.
  const uint64_t bytes = response->nbytes() + key.size() + 64;
  if (bytes > budget_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) {
    stats_.bytes -= it->second->bytes;
    entries_.erase(it->second);
    index_.erase(it);
  }
  entries_.push_front(Entry{key, std::move(response), bytes});
  index_[key] = entries_.begin();
  stats_.bytes += bytes;
  EvictToFit();
}

void SliceCache::EvictToFit() {
  while (stats_.bytes > budget_ && !entries_.empty()) {
    const Entry& oldest = entries_.back();
    stats_.bytes -= oldest.bytes;
    index_.erase(oldest.key);
    entries_.pop_back();
    ++stats_.evictions;
  }
}

SliceCacheStats SliceCache::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  SliceCacheStats stats = stats_;
  stats.entries = entries_.size();
  return stats;
}

}  // namespace stackshot
