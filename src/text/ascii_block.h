// Block-at-a-time helpers for ASCII text: which bytes are word characters,
// and copying with case folding, 16 bytes per step. SSE2 (part of every
// x86-64 CPU, so no run-time dispatch) where the compiler targets it, plain
// loops with the same results elsewhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/char_class.h"

namespace doppel::text {

// Bit k is set when p[k] (k < 64) is an ASCII letter or digit, the bytes
// AsciiClassOf calls kWord. Reads exactly 64 bytes.
inline uint64_t WordBytes64(const unsigned char* p) {
#if defined(__SSE2__)
  uint64_t mask = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    // Unsigned "c - low < count" as a signed compare, shifted by 128.
    const __m128i letter =
        _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
                                    _mm_set1_epi8(static_cast<char>(-0x80 - 'a'))),
                       _mm_set1_epi8(static_cast<char>(-0x80 + 26)));
    const __m128i digit =
        _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(-0x80 - '0'))),
                       _mm_set1_epi8(static_cast<char>(-0x80 + 10)));
    const auto bits = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
    mask |= uint64_t{bits} << (16 * k);
  }
  return mask;
#else
  uint64_t mask = 0;
  for (int k = 0; k < 64; ++k) {
    mask |= uint64_t{AsciiClassOf(p[k]) == CharClass::kWord} << k;
  }
  return mask;
#endif
}

// The place of the first byte of p[from, n) that is not ASCII (0x80 or
// above), or n when there is none. 16 bytes a step, then byte by byte.
inline uint32_t NextNonAscii(const unsigned char* p, uint32_t from, uint32_t n) {
#if defined(__SSE2__)
  for (; n - from >= 16; from += 16) {
    const auto high = static_cast<uint32_t>(
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + from))));
    if (high != 0) return from + static_cast<uint32_t>(__builtin_ctz(high));
  }
#endif
  while (from < n && p[from] < 0x80) ++from;
  return from;
}

// Copies n ASCII bytes from src to dst, turning capitals into small letters
// when `fold`. Reads and writes in steps of 16 bytes: up to 15 bytes past n
// on both sides must be readable (src) and writable (dst).
inline void CopyFolded(const unsigned char* src, size_t n, char* dst, bool fold) {
#if defined(__SSE2__)
  const __m128i to_small = _mm_set1_epi8(fold ? 0x20 : 0);
  for (size_t k = 0; k < n; k += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + k));
    const __m128i capital =
        _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(-0x80 - 'A'))),
                       _mm_set1_epi8(static_cast<char>(-0x80 + 26)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + k),
                     _mm_or_si128(x, _mm_and_si128(capital, to_small)));
  }
#else
  for (size_t k = 0; k < n; ++k) {
    const unsigned char c = src[k];
    const bool capital = static_cast<unsigned char>(c - 'A') < 26;
    dst[k] = static_cast<char>(fold && capital ? c | 0x20 : c);
  }
#endif
}

}  // namespace doppel::text
