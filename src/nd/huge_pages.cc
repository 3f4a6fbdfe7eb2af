#include "nd/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace stackshot {

void AdviseHugePages(void* data, size_t bytes) {
  if (data == nullptr || bytes < kHugePageBytes) return;
  const uintptr_t begin = reinterpret_cast<uintptr_t>(data);
  const uintptr_t first = (begin + kHugePageBytes - 1) & ~(uintptr_t{kHugePageBytes} - 1);
  const uintptr_t last = (begin + bytes) & ~(uintptr_t{kHugePageBytes} - 1);
  if (last <= first) return;
  // A failure (no THP support) only means small pages.
  (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

}  // namespace stackshot
