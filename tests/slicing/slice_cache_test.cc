#include "slicing/slice_cache.h"

#include <gtest/gtest.h>

namespace stackshot {
namespace {

struct SizedResponse final : SliceResponse {
  explicit SizedResponse(size_t size) : bytes(size) {}
  size_t nbytes() const override { return bytes; }
  size_t bytes;
};

std::shared_ptr<const SliceResponse> Sized(size_t bytes) { return std::make_shared<SizedResponse>(bytes); }

TEST(SliceCacheTest, FindsWhatWasInserted) {
  SliceCache cache(1 << 20);
  auto response = Sized(100);
  cache.Insert("a", response);
  EXPECT_EQ(cache.Find("a"), response);
  EXPECT_EQ(cache.Find("b"), nullptr);
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().misses, 1u);
}

TEST(SliceCacheTest, EvictsLeastRecentlyUsedToStayWithinBudget) {
  // Each entry costs its bytes plus its key and a fixed 64 bytes of bookkeeping.
  SliceCache cache(3 * (1000 + 1 + 64));
  cache.Insert("a", Sized(1000));
  cache.Insert("b", Sized(1000));
  cache.Insert("c", Sized(1000));
  ASSERT_NE(cache.Find("a"), nullptr);  // a is now the most recently used
  cache.Insert("d", Sized(1000));       // evicts b, the least recently used
  EXPECT_TRUE(cache.Contains("a"));
  EXPECT_FALSE(cache.Contains("b"));
  EXPECT_TRUE(cache.Contains("c"));
  EXPECT_TRUE(cache.Contains("d"));
  EXPECT_EQ(cache.stats().evictions, 1u);
  EXPECT_LE(cache.stats().bytes, cache.budget_bytes());
}

TEST(SliceCacheTest, ResponseLargerThanBudgetIsNotKept) {
  SliceCache cache(500);
  cache.Insert("big", Sized(1000));
  EXPECT_FALSE(cache.Contains("big"));
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(SliceCacheTest, ReinsertReplacesWithoutDoubleCounting) {
  SliceCache cache(1 << 20);
  cache.Insert("a", Sized(100));
  cache.Insert("a", Sized(200));
  EXPECT_EQ(cache.stats().entries, 1u);
  EXPECT_EQ(cache.stats().bytes, 200u + 1 + 64);
}

}  // namespace
}  // namespace stackshot
