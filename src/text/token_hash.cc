#include "text/token_hash.h"

// xxHash, inlined: one call per token on the portable path, and the vector
// path borrows its constants (the default secret, the primes).
#define XXH_INLINE_ALL
#include <xxhash.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "util/cpu_features.h"

namespace doppel::text {

void HashTokensPortable(std::string_view text, std::span<const Token> tokens, uint64_t seed,
                        uint64_t* out) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    out[i] = XXH3_64bits_withSeed(text.data() + tokens[i].norm_begin,
                                  tokens[i].norm_end - tokens[i].norm_begin, seed);
  }
}

void HashTokens(std::string_view text, std::span<const Token> tokens, uint64_t seed,
                uint64_t* out) {
  static const bool vector = util::CpuHasAvx512Bw();
  if (vector) {
    HashTokensAvx512(text, tokens, seed, out);
  } else {
    HashTokensPortable(text, tokens, seed, out);
  }
}

#if defined(__x86_64__)

// GCC 12's AVX-512 headers trip a false maybe-uninitialized warning (GCC
// bug 105593, fixed in 13).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace {

#define DOPPEL_AVX512 __attribute__((target("avx512f,avx512dq,avx512bw")))

DOPPEL_AVX512 inline __m512i Set(uint64_t v) {
  return _mm512_set1_epi64(static_cast<long long>(v));
}

DOPPEL_AVX512 inline __m512i XorShift(__m512i h, int shift) {
  return _mm512_xor_si512(h, _mm512_srli_epi64(h, shift));
}

// The high 64 bits of each lane's 128-bit product, from 32-bit products.
DOPPEL_AVX512 inline __m512i MultiplyHigh(__m512i a, __m512i b) {
  const __m512i low32 = Set(0xFFFFFFFFu);
  const __m512i a_high = _mm512_srli_epi64(a, 32);
  const __m512i b_high = _mm512_srli_epi64(b, 32);
  const __m512i ll = _mm512_mul_epu32(a, b);
  const __m512i lh = _mm512_mul_epu32(a, b_high);
  const __m512i hl = _mm512_mul_epu32(a_high, b);
  const __m512i hh = _mm512_mul_epu32(a_high, b_high);
  const __m512i mid =
      _mm512_add_epi64(_mm512_add_epi64(_mm512_srli_epi64(ll, 32), _mm512_and_si512(lh, low32)),
                       _mm512_and_si512(hl, low32));
  return _mm512_add_epi64(_mm512_add_epi64(hh, _mm512_srli_epi64(mid, 32)),
                          _mm512_add_epi64(_mm512_srli_epi64(lh, 32), _mm512_srli_epi64(hl, 32)));
}

}  // namespace

// Eight tokens at a time, one per 64-bit lane. Each lane reads 8 bytes at
// its token's start and 8 ending at its token's end, both moved inside the
// text where they would leave it; tokens of 1 to 8 bytes take their bytes
// from the first load, shifted to where the token starts. XXH3's three
// short paths (xxhash.h: XXH3_len_1to3_64b, _4to8_, _9to16_) are computed
// for every lane and the one its length picks is kept. Lanes of tokens
// that are empty or over 16 bytes are hashed again by the portable path.
DOPPEL_AVX512 void HashTokensAvx512(std::string_view text, std::span<const Token> tokens,
                                    uint64_t seed, uint64_t* out) {
  const size_t n = tokens.size();
  size_t i = 0;
  if (text.size() >= 8) {
    const xxh_u8* secret = XXH3_kSecret;
    const __m512i flip1to3 = Set((XXH_readLE32(secret) ^ XXH_readLE32(secret + 4)) + seed);
    const uint64_t seed4to8 = seed ^ (uint64_t{XXH_swap32(static_cast<xxh_u32>(seed))} << 32);
    const __m512i flip4to8 = Set((XXH_readLE64(secret + 8) ^ XXH_readLE64(secret + 16)) - seed4to8);
    const __m512i flip9to16_lo =
        Set((XXH_readLE64(secret + 24) ^ XXH_readLE64(secret + 32)) + seed);
    const __m512i flip9to16_hi =
        Set((XXH_readLE64(secret + 40) ^ XXH_readLE64(secret + 48)) - seed);
    const __m512i last_start = Set(text.size() - 8);
    const __m512i eight = Set(8);
    const __m512i one = Set(1);
    const __m512i four = Set(4);
    const __m512i byte = Set(0xFF);
    const __m512i low32 = Set(0xFFFFFFFFu);
    // Token fields are 4 32-bit values; begins and ends of 8 tokens from
    // two 16-value loads.
    const __m512i begin_index =
        _mm512_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m512i end_index =
        _mm512_setr_epi32(1, 5, 9, 13, 17, 21, 25, 29, 0, 0, 0, 0, 0, 0, 0, 0);
    // Reverses the bytes of each 64-bit lane.
    const __m512i byte_swap =
        _mm512_set_epi8(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
                        14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4,
                        5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
    static_assert(sizeof(Token) == 16);
    const auto* fields = reinterpret_cast<const uint32_t*>(tokens.data());
    for (; i + 8 <= n; i += 8) {
      const __m512i first_half = _mm512_loadu_si512(fields + 4 * i);
      const __m512i second_half = _mm512_loadu_si512(fields + 4 * i + 16);
      const __m512i begin = _mm512_cvtepu32_epi64(
          _mm512_castsi512_si256(_mm512_permutex2var_epi32(first_half, begin_index, second_half)));
      const __m512i end = _mm512_cvtepu32_epi64(
          _mm512_castsi512_si256(_mm512_permutex2var_epi32(first_half, end_index, second_half)));
      const __m512i len = _mm512_sub_epi64(end, begin);
      const __m512i load_at = _mm512_min_epu64(begin, last_start);
      const __m512i tail_at = _mm512_sub_epi64(_mm512_max_epu64(end, eight), eight);
      // Sixteen plain loads: faster here than two gathers.
      alignas(64) uint64_t at[16];
      alignas(64) uint64_t loaded[16];
      _mm512_store_si512(at, load_at);
      _mm512_store_si512(at + 8, tail_at);
      for (int k = 0; k < 16; ++k) loaded[k] = XXH_readLE64(text.data() + at[k]);
      const __m512i head = _mm512_load_si512(loaded);
      const __m512i tail = _mm512_load_si512(loaded + 8);
      // 1 to 8 bytes: the token's bytes from the low end of `word`.
      const __m512i word =
          _mm512_srlv_epi64(head, _mm512_slli_epi64(_mm512_sub_epi64(begin, load_at), 3));
      // 1 to 3 bytes.
      const __m512i c1 = _mm512_and_si512(word, byte);
      const __m512i c2 = _mm512_and_si512(
          _mm512_srlv_epi64(word, _mm512_slli_epi64(_mm512_srli_epi64(len, 1), 3)), byte);
      const __m512i c3 = _mm512_and_si512(
          _mm512_srlv_epi64(word, _mm512_slli_epi64(_mm512_sub_epi64(len, one), 3)), byte);
      __m512i h1 =
          _mm512_or_si512(_mm512_or_si512(_mm512_slli_epi64(c1, 16), _mm512_slli_epi64(c2, 24)),
                          _mm512_or_si512(c3, _mm512_slli_epi64(len, 8)));
      h1 = XorShift(_mm512_xor_si512(h1, flip1to3), 33);
      h1 = XorShift(_mm512_mullo_epi64(h1, Set(XXH_PRIME64_2)), 29);
      h1 = XorShift(_mm512_mullo_epi64(h1, Set(XXH_PRIME64_3)), 32);
      // 4 to 8 bytes.
      const __m512i first32 = _mm512_and_si512(word, low32);
      const __m512i last32 = _mm512_and_si512(
          _mm512_srlv_epi64(word, _mm512_slli_epi64(_mm512_sub_epi64(len, four), 3)), low32);
      __m512i h4 =
          _mm512_xor_si512(_mm512_add_epi64(last32, _mm512_slli_epi64(first32, 32)), flip4to8);
      h4 = _mm512_xor_si512(h4,
                            _mm512_xor_si512(_mm512_rol_epi64(h4, 49), _mm512_rol_epi64(h4, 24)));
      h4 = _mm512_mullo_epi64(h4, Set(0x9FB21C651E98DF25ULL));
      h4 = _mm512_xor_si512(h4, _mm512_add_epi64(_mm512_srli_epi64(h4, 35), len));
      h4 = XorShift(_mm512_mullo_epi64(h4, Set(0x9FB21C651E98DF25ULL)), 28);
      // 9 to 16 bytes.
      const __m512i lo = _mm512_xor_si512(head, flip9to16_lo);
      const __m512i hi = _mm512_xor_si512(tail, flip9to16_hi);
      const __m512i fold = _mm512_xor_si512(_mm512_mullo_epi64(lo, hi), MultiplyHigh(lo, hi));
      __m512i h9 = _mm512_add_epi64(_mm512_add_epi64(len, _mm512_shuffle_epi8(lo, byte_swap)),
                                    _mm512_add_epi64(hi, fold));
      h9 = XorShift(h9, 37);
      h9 = XorShift(_mm512_mullo_epi64(h9, Set(0x165667919E3779F9ULL)), 32);
      // Each lane's path.
      const __mmask8 short_lanes = _mm512_cmplt_epu64_mask(len, four);
      const __mmask8 long_lanes = _mm512_cmpgt_epu64_mask(len, eight);
      __m512i h = _mm512_mask_blend_epi64(short_lanes, h4, h1);
      h = _mm512_mask_blend_epi64(long_lanes, h, h9);
      _mm512_storeu_si512(out + i, h);
      // Empty or over 16 bytes: XXH3's other paths.
      const __mmask8 other = _mm512_cmpgt_epu64_mask(_mm512_sub_epi64(len, one), Set(15));
      if (other != 0) [[unlikely]] {
        for (size_t lane = 0; lane < 8; ++lane) {
          if ((other >> lane & 1) != 0) {
            HashTokensPortable(text, tokens.subspan(i + lane, 1), seed, out + i + lane);
          }
        }
      }
    }
  }
  HashTokensPortable(text, tokens.subspan(i), seed, out + i);
}

#undef DOPPEL_AVX512

#pragma GCC diagnostic pop

#else  // no vector path: the portable one stands in, never chosen

void HashTokensAvx512(std::string_view text, std::span<const Token> tokens, uint64_t seed,
                      uint64_t* out) {
  HashTokensPortable(text, tokens, seed, out);
}

#endif

}  // namespace doppel::text
