#include "pipeline/shingle_store.h"

#include <algorithm>
#include <functional>

#include "util/equal_runs.h"
#include "util/insertion_sort.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace doppel::pipeline {

namespace {

// Orders *values by their bytes first_byte .. end_byte - 1, least
// significant first (stable): a pass per byte, skipped when all values
// share that byte (it would move nothing); every pass's counts come from
// one read of the values. *scratch is the second buffer. The byte range is
// a template argument so that the counting loop unrolls.
template <int kFirstByte, int kEndByte>
void RadixPasses(std::vector<uint32_t>* values, std::vector<uint32_t>* scratch) {
  size_t count[kEndByte][256];
  for (int p = kFirstByte; p < kEndByte; ++p) std::fill_n(count[p], 256, 0);
  for (uint32_t v : *values) {
    for (int p = kFirstByte; p < kEndByte; ++p) ++count[p][(v >> (8 * p)) & 0xFF];
  }
  scratch->resize(values->size());
  for (int p = kFirstByte; p < kEndByte; ++p) {
    const int shift = 8 * p;
    if (values->empty() || count[p][(values->front() >> shift) & 0xFF] == values->size()) continue;
    size_t next[256];
    size_t at = 0;
    for (int b = 0; b < 256; ++b) {
      next[b] = at;
      at += count[p][b];
    }
    for (uint32_t v : *values) (*scratch)[next[(v >> shift) & 0xFF]++] = v;
    values->swap(*scratch);
  }
}

// Sorts hash values of a set with at most kByHighHalf of them: the radix
// passes of their top 16 bits (two, where a full sort takes four), then an
// insertion sort, which moves only the values whose top 16 bits tie with
// another's (about n^2 / 2^17 pairs: two for a 500-value page).
constexpr size_t kByHighHalf = size_t{1} << 14;

void SortByHighHalfThenInsert(std::vector<uint32_t>* values, std::vector<uint32_t>* scratch) {
  RadixPasses<2, 4>(values, scratch);
  util::InsertionSortNearlySorted(std::span<uint32_t>(*values));
}

}  // namespace

void ToStoredSet(std::span<const uint64_t> shingles, std::vector<uint32_t>* out) {
  out->resize(shingles.size());
  for (size_t i = 0; i < shingles.size(); ++i) (*out)[i] = static_cast<uint32_t>(shingles[i] >> 32);
  thread_local std::vector<uint32_t> scratch;
  if (out->size() < 64) {
    std::sort(out->begin(), out->end());
  } else if (out->size() <= kByHighHalf) {  // no comparison to mispredict but the rare tie
    SortByHighHalfThenInsert(out, &scratch);
  } else {
    RadixSort(out, 32, &scratch);
  }
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void RadixSort(std::vector<uint32_t>* values, int bits, std::vector<uint32_t>* scratch) {
  switch (bits / 8) {
    case 1:
      return RadixPasses<0, 1>(values, scratch);
    case 2:
      return RadixPasses<0, 2>(values, scratch);
    case 3:
      return RadixPasses<0, 3>(values, scratch);
    case 4:
      return RadixPasses<0, 4>(values, scratch);
    default:
      return;  // no byte to sort by
  }
}

void FrequentValues(std::vector<uint32_t>* values, uint64_t max_df, std::vector<uint32_t>* scratch,
                    std::vector<uint32_t>* out) {
  constexpr int kGroupShift = 8;
  constexpr uint32_t kGroupMask = (1u << 16) - 1;
  std::vector<uint64_t> group_size(size_t{kGroupMask} + 1, 0);
  for (uint32_t v : *values) ++group_size[v >> kGroupShift & kGroupMask];
  size_t kept = 0;  // compacted in place, without a branch
  for (uint32_t v : *values) {
    (*values)[kept] = v;
    kept += group_size[v >> kGroupShift & kGroupMask] > max_df;
  }
  values->resize(kept);
  RadixSort(values, 24, scratch);
  util::ForEachEqualRun(std::span<const uint32_t>(*values), std::equal_to<uint32_t>(),
                        [&](std::span<const uint32_t> run) {
                          if (run.size() > max_df) out->push_back(run[0]);
                        });
}

uint64_t IntersectionSize(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  return IntersectionSizeIfAtLeast(a, b, 0);
}

namespace {

// Counts the common values of a[i..) and b[j..), four against four at a
// time (SSE2: each value of a's block against the four rotations of b's),
// while both have a block left, advancing *i and *j. Each block pair is
// compared once, and the block with the smaller last value moves on (both
// when equal), so every common value is counted once. Stops early once
// `need` is out of reach, as IntersectionSizeIfAtLeast does.
uint64_t CountBlocksOfFour(std::span<const uint32_t> a, std::span<const uint32_t> b, size_t* i,
                           size_t* j, uint64_t need) {
  uint64_t count = 0;
#if defined(__SSE2__)
  constexpr int kStepsBetweenChecks = 16;
  const size_t na = a.size();
  const size_t nb = b.size();
  size_t x = *i;
  size_t y = *j;
  while (x + 4 <= na && y + 4 <= nb) {
    for (int s = 0; s < kStepsBetweenChecks && x + 4 <= na && y + 4 <= nb; ++s) {
      const __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + x));
      const __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data() + y));
      const __m128i eq = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi32(va, vb),
                       _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, _MM_SHUFFLE(0, 3, 2, 1)))),
          _mm_or_si128(_mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, _MM_SHUFFLE(1, 0, 3, 2))),
                       _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, _MM_SHUFFLE(2, 1, 0, 3)))));
      // The set bits of the 4-bit match mask, looked up in a 64-bit word
      // (std::popcount is a library call without -mpopcnt).
      const auto matches = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(eq)));
      count += (uint64_t{0x4332322132212110} >> (4 * matches)) & 0xF;
      const uint32_t last_a = a[x + 3];
      const uint32_t last_b = b[y + 3];
      x += static_cast<size_t>(last_a <= last_b) * 4;
      y += static_cast<size_t>(last_b <= last_a) * 4;
    }
    if (count + std::min(na - x, nb - y) < need) break;
  }
  *i = x;
  *j = y;
#else
  (void)a;
  (void)b;
  (void)i;
  (void)j;
  (void)need;
#endif
  return count;
}

}  // namespace

uint64_t IntersectionSizeIfAtLeast(std::span<const uint32_t> a, std::span<const uint32_t> b,
                                   uint64_t need) {
  // Branch-free merges: the comparisons of sorted random values are
  // unpredictable, so both cursors advance by arithmetic, not by branches.
  // They run in blocks short enough that neither cursor can pass its end
  // inside one; between blocks, a pair that can no longer reach `need` stops.
  size_t i = 0;
  size_t j = 0;
  uint64_t count = CountBlocksOfFour(a, b, &i, &j, need);
  const size_t na = a.size();
  const size_t nb = b.size();
  if (count + std::min(na - i, nb - j) < need) return count;
  // The rest (fewer than four values left on one side; all of it without
  // SSE2), value by value.
  constexpr size_t kBlock = 64;
  while (i < na && j < nb) {
    const size_t steps = std::min(kBlock, std::min(na - i, nb - j));
    for (size_t s = 0; s < steps; ++s) {
      const uint32_t x = a[i];
      const uint32_t y = b[j];
      count += x == y;
      i += x <= y;
      j += y <= x;
    }
    if (count + std::min(na - i, nb - j) < need) return count;
  }
  return count;
}

void SetFilter::Assign(std::span<const uint32_t> values) {
  std::fill(words_.begin(), words_.end(), 0);
  for (const uint32_t v : values) words_[(v >> 6) & (kWords - 1)] |= uint64_t{1} << (v & 63);
}

bool SetFilter::MayShareAtLeast(std::span<const uint32_t> other, uint64_t need) const {
  if (need > other.size()) return false;
  const uint64_t allowed_misses = other.size() - need;
  constexpr size_t kStep = 32;  // values between checks: the loop runs without branches
  uint64_t misses = 0;
  for (size_t i = 0; i < other.size(); i += kStep) {
    const size_t end = std::min(other.size(), i + kStep);
    for (size_t j = i; j < end; ++j) {
      const uint32_t v = other[j];
      misses += ((words_[(v >> 6) & (kWords - 1)] >> (v & 63)) & 1) ^ 1;
    }
    if (misses > allowed_misses) return false;
  }
  return true;
}

}  // namespace doppel::pipeline
