#include "index/postings.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

#include "index/key_sort.h"
#include "util/concurrency.h"

namespace doppel::index {
namespace {

constexpr int kPartBits = 8;
constexpr size_t kParts = size_t{1} << kPartBits;
constexpr size_t kChunksPerThread = 4;

// SortPostings for n documents, document d's keys being keys[first(d),
// first(d + 1)) (first ascending, first(0) = 0, first(n) = keys.size()).
template <typename First>
SortedPostings Sort(size_t n, std::span<const uint64_t> keys, const First& first) {
  SortedPostings out;
  out.postings.resize(keys.size());
  out.bounds.assign(kParts + 1, keys.size());
  out.bounds[0] = 0;
  if (keys.empty()) return out;
  using Range = std::pair<uint64_t, uint64_t>;
  const auto [lo, hi] = tbb::parallel_reduce(
      tbb::blocked_range<size_t>(0, keys.size()), Range{UINT64_MAX, 0},
      [&](const tbb::blocked_range<size_t>& r, Range acc) {
        for (size_t i = r.begin(); i < r.end(); ++i) {
          acc.first = std::min(acc.first, keys[i]);
          acc.second = std::max(acc.second, keys[i]);
        }
        return acc;
      },
      [](Range a, Range b) {
        return Range{std::min(a.first, b.first), std::max(a.second, b.second)};
      });
  const int shift = std::max(0, static_cast<int>(std::bit_width(hi - lo)) - kPartBits);
  auto part_of = [&](uint64_t key) { return static_cast<size_t>((key - lo) >> shift); };

  // Chunks of documents with about equal shares of the keys; chunk c writes
  // part p's postings from at[c][p] on. Any chunking gives the same result:
  // the parts are sorted after.
  const size_t chunks =
      std::min<size_t>(n, kChunksPerThread * static_cast<size_t>(util::Concurrency()));
  std::vector<size_t> first_doc(chunks + 1, n);
  first_doc[0] = 0;
  for (size_t c = 1; c < chunks; ++c) {  // the first document whose keys start at or past c's share
    const uint64_t target = keys.size() * c / chunks;
    size_t below = 0;
    size_t above = n;
    while (below < above) {
      const size_t mid = below + (above - below) / 2;
      if (first(mid) < target) {
        below = mid + 1;
      } else {
        above = mid;
      }
    }
    first_doc[c] = below;
  }
  std::vector<std::array<uint64_t, kParts>> at(chunks);
  tbb::parallel_for(size_t{0}, chunks, [&](size_t c) {
    at[c].fill(0);
    for (uint64_t i = first(first_doc[c]); i < first(first_doc[c + 1]); ++i) {
      ++at[c][part_of(keys[i])];
    }
  });
  uint64_t sum = 0;
  for (size_t p = 0; p < kParts; ++p) {
    out.bounds[p] = sum;
    for (size_t c = 0; c < chunks; ++c) sum += std::exchange(at[c][p], sum);
  }
  tbb::parallel_for(size_t{0}, chunks, [&](size_t c) {
    std::array<uint64_t, kParts>& next = at[c];
    for (size_t d = first_doc[c]; d < first_doc[c + 1]; ++d) {
      for (uint64_t i = first(d); i < first(d + 1); ++i) {
        out.postings[next[part_of(keys[i])]++] = {keys[i], static_cast<uint32_t>(d)};
      }
    }
  });
  tbb::parallel_for(size_t{0}, kParts, [&](size_t p) {
    SortByKeyOnThisThread(
        std::span<Posting>(out.postings).subspan(out.bounds[p], out.bounds[p + 1] - out.bounds[p]));
  });
  return out;
}

}  // namespace

SortedPostings SortPostings(std::span<const uint64_t> offsets, std::span<const uint64_t> keys) {
  return Sort(offsets.size() - 1, keys, [&](size_t d) { return offsets[d]; });
}

SortedPostings SortPostings(std::span<const uint64_t> keys) {
  return Sort(keys.size(), keys, [](size_t d) { return uint64_t{d}; });
}

}  // namespace doppel::index
