// Transparent huge pages for large buffers.
//
// A fresh 8 MB buffer costs 2048 page faults with 4 KB pages; on a virtual machine
// each is several microseconds, which at 1080p is as long as drawing the frame.
// Advising huge pages before the first touch makes it four faults. The advice is a
// hint: where the kernel has huge pages off, nothing changes but the speed.
#pragma once

#include <cstddef>

namespace stackshot {

// Buffers smaller than this are left alone (they cannot hold one aligned huge page).
inline constexpr size_t kHugePageBytes = size_t{2} << 20;

// Advises huge pages for the 2 MB-aligned part of [data, data + bytes). Call it
// before the buffer is first written.
void AdviseHugePages(void* data, size_t bytes);

}  // namespace stackshot
