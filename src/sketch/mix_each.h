// Mix64 over arrays: the hashing inner loops of sketching (a profile's
// values into 64-bit hashes, those hashes into MinHash bins and anchors).
// Plain loops compiled three times, for AVX-512, AVX2 and the baseline,
// the CPU's best picked when the program loads; every version gives the
// same values.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

namespace doppel::sketch {

// out[i] = Mix64(in[i] ^ salt) for i in [0, n). `out` may be `in`.
void MixEach(const uint64_t* in, size_t n, uint64_t salt, uint64_t* out);

// out[i] = Mix64(in[i]) for i in [0, n), of 32-bit values.
void MixEach(const uint32_t* in, size_t n, uint64_t* out);

// The most values ForEachMixedBlock hands over at once.
inline constexpr size_t kMixedBlock = 1024;

// Calls fn(std::span<const uint64_t>) on Mix64(v ^ salt) of every v in
// `in`, in order, at most kMixedBlock at a time: memory stays at one block
// (8 KB on the stack), whatever the size of `in`.
template <typename Fn>
void ForEachMixedBlock(std::span<const uint64_t> in, uint64_t salt, const Fn& fn) {
  uint64_t mixed[kMixedBlock];
  for (size_t at = 0; at < in.size(); at += kMixedBlock) {
    const size_t n = std::min(kMixedBlock, in.size() - at);
    MixEach(in.data() + at, n, salt, mixed);
    fn(std::span<const uint64_t>(mixed, n));
  }
}

}  // namespace doppel::sketch
