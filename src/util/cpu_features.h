// Which vector instructions this CPU has, asked once by the hashing loops
// that have a path for them (the shipped build targets baseline x86-64)
// and by their tests and benchmarks. False everywhere but on x86-64.
#pragma once

namespace doppel::util {

bool CpuHasAvx2();
// AVX-512 Foundation and Doubleword/Quadword (64-bit multiplies).
bool CpuHasAvx512();
// The same and Byte/Word (byte shuffles).
bool CpuHasAvx512Bw();
// The same and VBMI2 (byte compression), with POPCNT and BMI.
bool CpuHasAvx512Vbmi2();

}  // namespace doppel::util
