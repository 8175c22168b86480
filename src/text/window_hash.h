// The hash of a shingle from the hashes of its tokens: one per window of
// consecutive token (or character) hashes. Every shingle of every document
// goes through it, so it runs on vector units where the CPU has them
// (AVX-512 or AVX2, chosen at run time); every path gives the same values.
#pragma once

#include <cstddef>
#include <cstdint>

namespace doppel::text {

// The hash of the `size` unit hashes at `units`: a polynomial in a fixed
// multiplier, mixed. Order matters, so "a b" and "b a" differ. Part of
// doppel's output (shingle sets, signatures): never changes.
uint64_t WindowHash(const uint64_t* units, int size);

// out[i] = WindowHash(units + i, size) for i in [0, count): `units` holds
// count + size - 1 values. size >= 1.
void WindowHashes(const uint64_t* units, size_t count, int size, uint64_t* out);

// The same on one path: the portable one anywhere, a vector one only
// where the CPU has its instructions (util/cpu_features.h). For tests and
// benchmarks.
void WindowHashesPortable(const uint64_t* units, size_t count, int size, uint64_t* out);
void WindowHashesAvx2(const uint64_t* units, size_t count, int size, uint64_t* out);
void WindowHashesAvx512(const uint64_t* units, size_t count, int size, uint64_t* out);

// The path WindowHashes takes on this CPU: "avx512", "avx2" or "portable".
const char* WindowHashPath();

}  // namespace doppel::text
