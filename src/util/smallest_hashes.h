// The few smallest of a document's hashes, in order: how anchors are kept.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "util/insertion_sort.h"

namespace doppel::util {

// Above this many values, KeepSmallestSorted selects and sorts by comparison.
inline constexpr size_t kMostBucketSorted = 512;

// Keeps the `cap` smallest of *values (all of them when cap is 0),
// ascending. Every value must be at most `most`; spread evenly below it
// (hashes), they sort fastest, but any give the right result. *scratch is
// a second buffer the caller may keep between calls.
//
// Up to kMostBucketSorted values, each goes to a bucket by its top bits
// (about one value a bucket), then an insertion sort sets right the few
// that share one, over the buckets that hold the cap smallest only: a
// comparison sort of 64 hashes mispredicts about half of its ~400
// branches, this hardly any. Uneven values cost at worst a quadratic pass
// over those few hundred. More values are selected and sorted by
// comparison. Inline: the sketch loop calls it for every document.
inline void KeepSmallestSorted(std::vector<uint64_t>* values, uint64_t most, size_t cap,
                               std::vector<uint64_t>* scratch) {
  const size_t n = values->size();
  const size_t keep = cap > 0 && cap < n ? cap : n;
  if (n > kMostBucketSorted) {
    std::nth_element(values->begin(), values->begin() + static_cast<ptrdiff_t>(keep),
                     values->end());
    values->resize(keep);
    std::sort(values->begin(), values->end());
    return;
  }
  const int bucket_bits = std::bit_width(std::bit_ceil(std::max<size_t>(n, 2)) - 1);
  const int shift = std::max(0, static_cast<int>(std::bit_width(most)) - bucket_bits);
  const size_t buckets = size_t{1} << bucket_bits;
  uint32_t start[kMostBucketSorted + 1];  // start[b]: the values in buckets before b
  std::fill_n(start, buckets + 1, 0);
  for (uint64_t v : *values) ++start[(v >> shift) + 1];
  for (size_t b = 1; b <= buckets; ++b) start[b] += start[b - 1];
  // The buckets up to the one holding the keep-th smallest: only their
  // values need sorting.
  const size_t sorted = *std::lower_bound(start + 1, start + buckets + 1, keep);
  scratch->resize(n);
  for (uint64_t v : *values) (*scratch)[start[v >> shift]++] = v;
  InsertionSortNearlySorted(std::span<uint64_t>(scratch->data(), sorted));
  scratch->resize(keep);
  values->swap(*scratch);
}

}  // namespace doppel::util
