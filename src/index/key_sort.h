// Sorting items by a 64-bit key that spreads over its range: hashes (band
// keys, anchors) and document pairs. The indexes sort tens of millions of
// such items; a comparison sort spends most of its time on mispredicted
// branches, where splitting by the key's high bits first does not.
#pragma once

#include <tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <span>
#include <vector>

namespace doppel::index {

namespace key_sort_internal {

// Sorts `items`, whose keys lie in [lo, lo + 2^range_bits), by `less`: a
// least-significant-digit radix sort (three passes of 8 bits, each skipped
// when all items share its digit) on the top 24 bits of the key's offset
// from lo, then each run of equal digits sorted by `less` (runs are short:
// equal keys, and the keys that share 24 high bits). For ranges that fit
// in cache twice over: the second copy is a per-thread buffer.
template <typename T, typename KeyOf, typename Less>
void RadixSortInCache(std::span<T> items, const KeyOf& key_of, const Less& less, uint64_t lo,
                      int range_bits) {
  constexpr int kDigitBits = 24;
  const int shift = std::max(0, range_bits - kDigitBits);
  auto digit = [&](const T& item) { return static_cast<uint32_t>((key_of(item) - lo) >> shift); };
  size_t count[3][256] = {};
  for (const T& item : items) {
    const uint32_t d = digit(item);
    ++count[0][d & 0xFF];
    ++count[1][d >> 8 & 0xFF];
    ++count[2][d >> 16 & 0xFF];
  }
  thread_local std::vector<T> buffer;
  buffer.resize(items.size());
  std::span<T> from = items;
  std::span<T> to(buffer);
  for (int pass = 0; pass < 3; ++pass) {
    const int at = 8 * pass;
    if (count[pass][digit(from[0]) >> at & 0xFF] == items.size()) continue;  // one digit: no move
    size_t next[256];
    size_t sum = 0;
    for (int b = 0; b < 256; ++b) {
      next[b] = sum;
      sum += count[pass][b];
    }
    for (const T& item : from) to[next[digit(item) >> at & 0xFF]++] = item;
    std::swap(from, to);
  }
  if (from.data() != items.data()) std::copy(from.begin(), from.end(), items.begin());
  for (size_t i = 0; i < items.size();) {
    const uint32_t d = digit(items[i]);
    size_t j = i + 1;
    while (j < items.size() && digit(items[j]) == d) ++j;
    if (j - i > 1)
      std::sort(items.begin() + static_cast<ptrdiff_t>(i),
                items.begin() + static_cast<ptrdiff_t>(j), less);
    i = j;
  }
}

// Splits `items` in place by the next 8 high bits of their key's offset
// from the smallest (American flag sort: one counting pass, then each item
// swapped straight to its bucket's next free place; with at most 256
// buckets, those places stay in cache), then sorts each bucket the same way,
// in parallel at the top level. Ranges that fit in cache go to
// RadixSortInCache, small or single-key ones to std::sort.
template <typename T, typename KeyOf, typename Less>
void SplitSort(std::span<T> items, const KeyOf& key_of, const Less& less, bool top) {
  constexpr size_t kSmall = 256;  // below this, the comparison sort wins
  constexpr size_t kInCache = (size_t{1} << 19) / sizeof(T);  // two copies in a 1 MB cache
  if (items.size() < kSmall) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  uint64_t lo = UINT64_MAX;
  uint64_t hi = 0;
  for (const T& item : items) {
    const uint64_t k = key_of(item);
    lo = std::min(lo, k);
    hi = std::max(hi, k);
  }
  if (lo == hi) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  const auto range_bits = static_cast<int>(std::bit_width(hi - lo));
  if (items.size() <= kInCache) {
    RadixSortInCache(items, key_of, less, lo, range_bits);
    return;
  }
  const int shift = std::max(0, range_bits - 8);
  const size_t buckets = static_cast<size_t>((hi - lo) >> shift) + 1;
  auto bucket_of = [&](const T& item) { return static_cast<size_t>((key_of(item) - lo) >> shift); };
  size_t end[256] = {0};
  for (const T& item : items) ++end[bucket_of(item)];
  size_t next[256];
  size_t at = 0;
  for (size_t b = 0; b < buckets; ++b) {
    next[b] = at;
    at += end[b];
    end[b] = at;
  }
  for (size_t b = 0; b < buckets; ++b) {
    while (next[b] < end[b]) {
      T item = items[next[b]];
      size_t to = bucket_of(item);
      while (to != b) {
        std::swap(item, items[next[to]++]);
        to = bucket_of(item);
      }
      items[next[b]++] = item;
    }
  }
  auto sort_bucket = [&](size_t b) {
    const size_t first = b == 0 ? 0 : end[b - 1];
    SplitSort(items.subspan(first, end[b] - first), key_of, less, false);
  };
  if (top) {
    tbb::parallel_for(size_t{0}, buckets, sort_bucket);
  } else {
    for (size_t b = 0; b < buckets; ++b) sort_bucket(b);
  }
}

}  // namespace key_sort_internal

// Sorts `items` by `less`, which must order by key first: key_of(a) <
// key_of(b) implies less(a, b). Splits by key bits first (see SplitSort),
// so the result is that of std::sort with `less` (for a strict total order);
// spread keys take about linear time, equal keys n log n. Parallel.
template <typename T, typename KeyOf, typename Less>
void SortBySpreadKey(std::span<T> items, KeyOf key_of, Less less) {
  key_sort_internal::SplitSort(items, key_of, less, true);
}

// Sorts (key, value) pairs ascending, as std::sort would.
template <typename Value>
void SortByKey(std::vector<std::pair<uint64_t, Value>>* items) {
  SortBySpreadKey(
      std::span<std::pair<uint64_t, Value>>(*items),
      [](const std::pair<uint64_t, Value>& p) { return p.first; },
      std::less<std::pair<uint64_t, Value>>());
}

// Sorts (key, value) pairs ascending, as std::sort would, on the calling
// thread alone: for callers that sort many parts in parallel.
template <typename Value>
void SortByKeyOnThisThread(std::span<std::pair<uint64_t, Value>> items) {
  key_sort_internal::SplitSort(
      items, [](const std::pair<uint64_t, Value>& p) { return p.first; },
      std::less<std::pair<uint64_t, Value>>(), false);
}

// Sorts pairs of 32-bit values ascending, as std::sort would.
inline void SortPairs(std::vector<std::pair<uint32_t, uint32_t>>* items) {
  SortBySpreadKey(
      std::span<std::pair<uint32_t, uint32_t>>(*items),
      [](const std::pair<uint32_t, uint32_t>& p) { return uint64_t{p.first} << 32 | p.second; },
      std::less<std::pair<uint32_t, uint32_t>>());
}

}  // namespace doppel::index
