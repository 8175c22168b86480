#include "text/window_hash.h"

#include "doppel/hash.h"
#include "util/cpu_features.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace doppel::text {
namespace {

constexpr uint64_t kMultiplier = 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kIncrement = 0x632be59bd9b4e019ULL;
// Mix64's multipliers.
constexpr uint64_t kMix1 = 0xbf58476d1ce4e5b9ULL;
constexpr uint64_t kMix2 = 0x94d049bb133111ebULL;

using WindowFn = void (*)(const uint64_t*, size_t, int, uint64_t*);

struct Path {
  WindowFn fn;
  const char* name;
};

Path Choose() {
  if (util::CpuHasAvx512()) return {WindowHashesAvx512, "avx512"};
  if (util::CpuHasAvx2()) return {WindowHashesAvx2, "avx2"};
  return {WindowHashesPortable, "portable"};
}

const Path& Chosen() {
  static const Path path = Choose();
  return path;
}

}  // namespace

uint64_t WindowHash(const uint64_t* units, int size) {
  auto h = static_cast<uint64_t>(size);
  for (int i = 0; i < size; ++i) h = (h ^ units[i]) * kMultiplier + kIncrement;
  return Mix64(h);
}

void WindowHashesPortable(const uint64_t* units, size_t count, int size, uint64_t* out) {
  for (size_t i = 0; i < count; ++i) out[i] = WindowHash(units + i, size);
}

void WindowHashes(const uint64_t* units, size_t count, int size, uint64_t* out) {
  Chosen().fn(units, count, size, out);
}

const char* WindowHashPath() { return Chosen().name; }

#if defined(__x86_64__)

// GCC 12's AVX-512 headers trip a false maybe-uninitialized warning (GCC
// bug 105593, fixed in 13).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

// Eight windows at a time, one per 64-bit lane.
__attribute__((target("avx512f,avx512dq"))) void WindowHashesAvx512(const uint64_t* units,
                                                                    size_t count, int size,
                                                                    uint64_t* out) {
  const __m512i multiplier = _mm512_set1_epi64(static_cast<long long>(kMultiplier));
  const __m512i increment = _mm512_set1_epi64(static_cast<long long>(kIncrement));
  const __m512i mix1 = _mm512_set1_epi64(static_cast<long long>(kMix1));
  const __m512i mix2 = _mm512_set1_epi64(static_cast<long long>(kMix2));
  const __m512i start = _mm512_set1_epi64(size);
  size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    __m512i h = start;
    for (int k = 0; k < size; ++k) {
      const __m512i unit = _mm512_loadu_si512(units + i + k);
      h = _mm512_add_epi64(_mm512_mullo_epi64(_mm512_xor_si512(h, unit), multiplier), increment);
    }
    h = _mm512_xor_si512(h, _mm512_srli_epi64(h, 30));
    h = _mm512_mullo_epi64(h, mix1);
    h = _mm512_xor_si512(h, _mm512_srli_epi64(h, 27));
    h = _mm512_mullo_epi64(h, mix2);
    h = _mm512_xor_si512(h, _mm512_srli_epi64(h, 31));
    _mm512_storeu_si512(out + i, h);
  }
  WindowHashesPortable(units + i, count - i, size, out + i);
}

#pragma GCC diagnostic pop

namespace {

// x * m, lane by lane, modulo 2^64, from 32-bit products (AVX2 has no
// 64-bit multiply): m_high holds m >> 32.
__attribute__((target("avx2"))) inline __m256i Multiply64(__m256i x, __m256i m, __m256i m_high) {
  const __m256i low = _mm256_mul_epu32(x, m);
  const __m256i cross =
      _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(x, 32), m), _mm256_mul_epu32(x, m_high));
  return _mm256_add_epi64(low, _mm256_slli_epi64(cross, 32));
}

__attribute__((target("avx2"))) inline __m256i Broadcast(uint64_t v) {
  return _mm256_set1_epi64x(static_cast<long long>(v));
}

}  // namespace

// Four windows at a time, one per 64-bit lane.
__attribute__((target("avx2"))) void WindowHashesAvx2(const uint64_t* units, size_t count, int size,
                                                      uint64_t* out) {
  const __m256i multiplier = Broadcast(kMultiplier);
  const __m256i multiplier_high = Broadcast(kMultiplier >> 32);
  const __m256i increment = Broadcast(kIncrement);
  const __m256i mix1 = Broadcast(kMix1);
  const __m256i mix1_high = Broadcast(kMix1 >> 32);
  const __m256i mix2 = Broadcast(kMix2);
  const __m256i mix2_high = Broadcast(kMix2 >> 32);
  const __m256i start = Broadcast(static_cast<uint64_t>(size));
  size_t i = 0;
  for (; i + 4 <= count; i += 4) {
    __m256i h = start;
    for (int k = 0; k < size; ++k) {
      const __m256i unit = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(units + i + k));
      h = _mm256_add_epi64(Multiply64(_mm256_xor_si256(h, unit), multiplier, multiplier_high),
                           increment);
    }
    h = _mm256_xor_si256(h, _mm256_srli_epi64(h, 30));
    h = Multiply64(h, mix1, mix1_high);
    h = _mm256_xor_si256(h, _mm256_srli_epi64(h, 27));
    h = Multiply64(h, mix2, mix2_high);
    h = _mm256_xor_si256(h, _mm256_srli_epi64(h, 31));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), h);
  }
  WindowHashesPortable(units + i, count - i, size, out + i);
}

#else  // no vector paths: the portable one stands in, never chosen

void WindowHashesAvx512(const uint64_t* units, size_t count, int size, uint64_t* out) {
  WindowHashesPortable(units, count, size, out);
}
void WindowHashesAvx2(const uint64_t* units, size_t count, int size, uint64_t* out) {
  WindowHashesPortable(units, count, size, out);
}

#endif

}  // namespace doppel::text
