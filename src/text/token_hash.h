// The hash of each word token: XXH3 (64-bit, seeded) of its bytes, the unit
// that word shingles are made of. Every token of every document goes
// through it, one short hash at a time (most words are 1 to 16 bytes, where
// XXH3 takes one of three short paths by length), so where the CPU has
// AVX-512 eight tokens go at once, each lane computing all three short
// paths and keeping the one its length picks; every path gives the same
// values.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "doppel/normalize.h"

namespace doppel::text {

// out[i] = HashBytes(token i's bytes in `text`, seed) (doppel/hash.h:
// XXH3_64bits_withSeed), for every token (each lying inside `text`).
void HashTokens(std::string_view text, std::span<const Token> tokens, uint64_t seed, uint64_t* out);

// The same on one path: the portable one anywhere, the AVX-512 one only
// where util::CpuHasAvx512Bw(). For tests and benchmarks.
void HashTokensPortable(std::string_view text, std::span<const Token> tokens, uint64_t seed,
                        uint64_t* out);
void HashTokensAvx512(std::string_view text, std::span<const Token> tokens, uint64_t seed,
                      uint64_t* out);

}  // namespace doppel::text
