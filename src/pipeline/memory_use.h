// How much memory the process holds: reported per stage in stats.json, so
// that a user can see which stage sets the peak.
#pragma once

#include <cstddef>
#include <cstdint>

namespace doppel::pipeline {

// The process's peak resident set so far, in bytes (VmHWM of
// /proc/self/status); 0 where the system does not say.
uint64_t PeakResidentBytes();

// Hands the heap memory freed so far back to the system. The allocator
// keeps freed blocks for reuse, so without this what one stage freed (the
// scan's per-document arrays, say) stays resident under the next stage's
// own peak. Called between stages; a no-op where the C library has no way.
void ReleaseFreedMemory();

// From now on, blocks of `bytes` or more come straight from the system and
// go back to it when freed (glibc otherwise raises that size as large
// blocks are freed, and keeps what later ones free until
// ReleaseFreedMemory). For runs under a memory limit: what a stage frees
// stops counting at once, not at the next stage. A no-op where the C
// library has no way.
void ReturnLargeBlocksWhenFreed(size_t bytes);

}  // namespace doppel::pipeline
