// How much memory the process holds: reported per stage in stats.json, so
// that a user can see which stage sets the peak.
#pragma once

#include <cstdint>

namespace doppel::pipeline {

// The process's peak resident set so far, in bytes (VmHWM of
// /proc/self/status); 0 where the system does not say.
uint64_t PeakResidentBytes();

}  // namespace doppel::pipeline
