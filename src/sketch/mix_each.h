// Mix64 over arrays: the hashing inner loops of sketching (a profile's
// values into 64-bit hashes, those hashes into MinHash bins and anchors).
// Plain loops compiled three times, for AVX-512, AVX2 and the baseline,
// the CPU's best picked when the program loads; every version gives the
// same values.
#pragma once

#include <cstddef>
#include <cstdint>

namespace doppel::sketch {

// out[i] = Mix64(in[i] ^ salt) for i in [0, n). `out` may be `in`.
void MixEach(const uint64_t* in, size_t n, uint64_t salt, uint64_t* out);

// out[i] = Mix64(in[i]) for i in [0, n), of 32-bit values.
void MixEach(const uint32_t* in, size_t n, uint64_t* out);

}  // namespace doppel::sketch
