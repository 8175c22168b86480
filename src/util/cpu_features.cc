#include "util/cpu_features.h"

namespace doppel::util {

#if defined(__x86_64__)

bool CpuHasAvx2() { return __builtin_cpu_supports("avx2"); }
bool CpuHasAvx512() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
}
bool CpuHasAvx512Bw() { return CpuHasAvx512() && __builtin_cpu_supports("avx512bw"); }
bool CpuHasAvx512Vbmi2() {
  return CpuHasAvx512Bw() && __builtin_cpu_supports("avx512vbmi2") &&
         __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi") &&
         __builtin_cpu_supports("bmi2");
}

#else

bool CpuHasAvx2() { return false; }
bool CpuHasAvx512() { return false; }
bool CpuHasAvx512Bw() { return false; }
bool CpuHasAvx512Vbmi2() { return false; }

#endif

}  // namespace doppel::util
