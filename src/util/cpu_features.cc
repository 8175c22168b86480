#include "util/cpu_features.h"

namespace doppel::util {

#if defined(__x86_64__)

bool CpuHasAvx2() { return __builtin_cpu_supports("avx2"); }
bool CpuHasAvx512() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
}
bool CpuHasAvx512Bw() { return CpuHasAvx512() && __builtin_cpu_supports("avx512bw"); }

#else

bool CpuHasAvx2() { return false; }
bool CpuHasAvx512() { return false; }
bool CpuHasAvx512Bw() { return false; }

#endif

}  // namespace doppel::util
