// Hash functions shared by every stage. Values are part of doppel's output
// (signatures, band keys), so they never change between versions without a
// format version bump.
#pragma once

#include <cstdint>
#include <string_view>

namespace doppel {

// A 64-bit hash of `bytes` (XXH3) with a seed.
uint64_t HashBytes(std::string_view bytes, uint64_t seed = 0);

// A bijective 64-bit mixer (the finaliser of SplitMix64): spreads every input
// bit over every output bit. Cheap enough for inner loops.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// A 128-bit content hash, used for exact-duplicate detection.
struct Hash128 {
  uint64_t low = 0;
  uint64_t high = 0;
  friend bool operator==(const Hash128&, const Hash128&) = default;
  friend auto operator<=>(const Hash128&, const Hash128&) = default;
};
Hash128 HashBytes128(std::string_view bytes);

}  // namespace doppel
