#include "pipeline/shingle_store.h"

#include <algorithm>

namespace doppel::pipeline {

void ToStoredSet(std::span<const uint64_t> shingles, std::vector<uint32_t>* out) {
  out->resize(shingles.size());
  for (size_t i = 0; i < shingles.size(); ++i) (*out)[i] = static_cast<uint32_t>(shingles[i] >> 32);
  if (out->size() < 64) {
    std::sort(out->begin(), out->end());
  } else {  // no comparisons to mispredict
    thread_local std::vector<uint32_t> scratch;
    RadixSort(out, 32, &scratch);
  }
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void RadixSort(std::vector<uint32_t>* values, int bits, std::vector<uint32_t>* scratch) {
  scratch->resize(values->size());
  for (int shift = 0; shift < bits; shift += 8) {
    size_t count[257] = {0};
    for (uint32_t v : *values) ++count[((v >> shift) & 0xFF) + 1];
    for (int i = 0; i < 256; ++i) count[i + 1] += count[i];
    for (uint32_t v : *values) (*scratch)[count[(v >> shift) & 0xFF]++] = v;
    values->swap(*scratch);
  }
}

uint64_t IntersectionSize(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  return IntersectionSizeIfAtLeast(a, b, 0);
}

uint64_t IntersectionSizeIfAtLeast(std::span<const uint32_t> a, std::span<const uint32_t> b,
                                   uint64_t need) {
  // Branch-free merge: the comparisons of sorted random values are
  // unpredictable, so both cursors advance by arithmetic, not by branches.
  // It runs in blocks short enough that neither cursor can pass its end
  // inside one; between blocks, a pair that can no longer reach `need` stops.
  constexpr size_t kBlock = 64;
  uint64_t count = 0;
  size_t i = 0;
  size_t j = 0;
  const size_t na = a.size();
  const size_t nb = b.size();
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

}  // namespace doppel::pipeline
