#include "index/anchor_postings.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

#include "index/key_sort.h"

namespace doppel::index {
namespace {

constexpr int kPartBits = 8;
constexpr size_t kParts = size_t{1} << kPartBits;
constexpr size_t kChunksPerThread = 4;

}  // namespace

SortedPostings SortPostings(std::span<const uint64_t> offsets, std::span<const uint64_t> anchors) {
  const size_t n = offsets.size() - 1;
  SortedPostings out;
  out.postings.resize(anchors.size());
  out.bounds.assign(kParts + 1, anchors.size());
  out.bounds[0] = 0;
  if (anchors.empty()) return out;
  const auto [lo, hi] = tbb::parallel_reduce(
      tbb::blocked_range<size_t>(0, anchors.size()), std::pair<uint64_t, uint64_t>{UINT64_MAX, 0},
      [&](const tbb::blocked_range<size_t>& r, std::pair<uint64_t, uint64_t> acc) {
        for (size_t i = r.begin(); i < r.end(); ++i) {
          acc.first = std::min(acc.first, anchors[i]);
          acc.second = std::max(acc.second, anchors[i]);
        }
        return acc;
      },
      [](auto a, auto b) {
        return std::pair<uint64_t, uint64_t>{std::min(a.first, b.first),
                                             std::max(a.second, b.second)};
      });
  const int shift = std::max(0, static_cast<int>(std::bit_width(hi - lo)) - kPartBits);
  auto part_of = [&](uint64_t anchor) { return static_cast<size_t>((anchor - lo) >> shift); };

  // Chunks of documents with about equal shares of the anchors; chunk c
  // writes part p's postings from at[c][p] on. Any chunking gives the same
  // result: the parts are sorted after.
  const size_t chunks = std::min<size_t>(
      n, kChunksPerThread * static_cast<size_t>(tbb::this_task_arena::max_concurrency()));
  std::vector<size_t> first_doc(chunks + 1, n);
  first_doc[0] = 0;
  for (size_t c = 1; c < chunks; ++c) {
    const uint64_t target = anchors.size() * c / chunks;
    first_doc[c] = static_cast<size_t>(std::upper_bound(offsets.begin(), offsets.end(), target) -
                                       offsets.begin() - 1);
  }
  std::vector<std::array<uint64_t, kParts>> at(chunks);
  tbb::parallel_for(size_t{0}, chunks, [&](size_t c) {
    at[c].fill(0);
    for (uint64_t i = offsets[first_doc[c]]; i < offsets[first_doc[c + 1]]; ++i) {
      ++at[c][part_of(anchors[i])];
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
      for (uint64_t i = offsets[d]; i < offsets[d + 1]; ++i) {
        out.postings[next[part_of(anchors[i])]++] = {anchors[i], static_cast<uint32_t>(d)};
      }
    }
  });
  tbb::parallel_for(size_t{0}, kParts, [&](size_t p) {
    SortByKeyOnThisThread(
        std::span<Posting>(out.postings).subspan(out.bounds[p], out.bounds[p + 1] - out.bounds[p]));
  });
  return out;
}

}  // namespace doppel::index
