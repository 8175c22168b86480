#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "doppel/candidates.h"
#include "doppel/hash.h"

namespace doppel {
namespace {

constexpr uint64_t kAnchorSalt = 0xa0761d6478bd642fULL;
constexpr uint64_t kNoCap = std::numeric_limits<uint64_t>::max();
constexpr uint64_t kMostTable = 1024;
constexpr uint64_t kPrefetchRuns = 4;

// The largest m with shared / m >= min_estimate, as doubles divide (the
// quotient falls as m grows, so the m that pass are 1..the result); 0 when
// none does.
uint64_t MostComparable(uint64_t shared, double min_estimate) {
  const auto passes = [&](uint64_t m) {
    return static_cast<double>(shared) / static_cast<double>(m) >= min_estimate;
  };
  if (shared == 0 || !passes(1)) return 0;
  const double guess = std::floor(static_cast<double>(shared) / min_estimate);
  if (!(guess < 1e18)) return kNoCap;  // min_estimate at or near 0: every m
  uint64_t m = guess >= 1.0 ? static_cast<uint64_t>(guess) : 1;
  while (m > 1 && !passes(m)) --m;
  while (passes(m + 1)) ++m;
  return m;
}

}  // namespace

void SelectAnchors(std::span<const uint64_t> shingle_set, const AnchorOptions& options,
                   std::vector<uint64_t>* anchors) {
  anchors->clear();
  const uint64_t cutoff = kNoCap / static_cast<uint64_t>(options.sampling);
  for (uint64_t s : shingle_set) {
    uint64_t h = Mix64(s ^ kAnchorSalt);
    if (h <= cutoff) anchors->push_back(h);
  }
  auto cap = static_cast<size_t>(options.max_anchors);
  if (cap > 0 && anchors->size() > cap) {
    std::nth_element(anchors->begin(), anchors->begin() + static_cast<ptrdiff_t>(cap),
                     anchors->end());
    anchors->resize(cap);
  }
  std::sort(anchors->begin(), anchors->end());
}

namespace {

// A CSR list: document d's entries are values[start[d] .. start[d + 1]).
template <typename T>
struct PerDocument {
  std::vector<uint64_t> start;
  std::vector<T> values;
};

// Calls on_run(i, j) for each run [i, j) of equal anchors in `postings`
// that is not ignored for its document frequency; counts runs in `stats`.
template <typename OnRun>
void ForEachCountedRun(const std::vector<std::pair<uint64_t, uint32_t>>& postings,
                       const AnchorOptions& options, AnchorStats* stats, OnRun&& on_run) {
  for (size_t i = 0; i < postings.size();) {
    size_t j = i + 1;
    while (j < postings.size() && postings[j].first == postings[i].first) ++j;
    if (stats != nullptr) ++stats->distinct_anchors;
    if (options.max_df != 0 && j - i > options.max_df) {
      if (stats != nullptr) ++stats->ignored_anchors;
    } else {
      on_run(i, j);
    }
    i = j;
  }
}

// Per document, its shared anchors (those in a counted run with another
// document) as (position in postings, end of the run): the documents after
// that position in the run are the larger ones. Built in two passes over
// the runs (count, then fill), so no per-posting array is needed.
PerDocument<std::pair<uint64_t, uint64_t>> SharedAnchors(
    const std::vector<std::pair<uint64_t, uint32_t>>& postings, size_t n,
    const AnchorOptions& options, AnchorStats* stats) {
  PerDocument<std::pair<uint64_t, uint64_t>> shared;
  shared.start.assign(n + 1, 0);
  ForEachCountedRun(postings, options, stats, [&](size_t i, size_t j) {
    if (j - i < 2) return;
    for (size_t k = i; k < j; ++k) ++shared.start[postings[k].second + 1];
  });
  for (size_t d = 0; d < n; ++d) shared.start[d + 1] += shared.start[d];
  shared.values.resize(shared.start[n]);
  std::vector<uint64_t> fill(shared.start.begin(), shared.start.end() - 1);
  ForEachCountedRun(postings, options, nullptr, [&](size_t i, size_t j) {
    if (j - i < 2) return;
    for (size_t k = i; k < j; ++k) shared.values[fill[postings[k].second]++] = {k, j};
  });
  return shared;
}

// Per document, its counted anchors (those not ignored for their document
// frequency), ascending: its own anchors less the ignored ones. Built only
// when some anchor is ignored; otherwise `anchors` are the counted ones.
PerDocument<uint64_t> CountedAnchors(std::span<const uint64_t> offsets,
                                     std::span<const uint64_t> anchors,
                                     const std::vector<std::pair<uint64_t, uint32_t>>& postings,
                                     const AnchorOptions& options) {
  std::vector<uint64_t> ignored;  // sorted: postings are
  for (size_t i = 0; i < postings.size();) {
    size_t j = i + 1;
    while (j < postings.size() && postings[j].first == postings[i].first) ++j;
    if (options.max_df != 0 && j - i > options.max_df) ignored.push_back(postings[i].first);
    i = j;
  }
  const size_t n = offsets.size() - 1;
  PerDocument<uint64_t> counted;
  counted.start.reserve(n + 1);
  counted.start.push_back(0);
  for (size_t d = 0; d < n; ++d) {
    for (uint64_t i = offsets[d]; i < offsets[d + 1]; ++i) {
      if (!std::binary_search(ignored.begin(), ignored.end(), anchors[i])) {
        counted.values.push_back(anchors[i]);
      }
    }
    counted.start.push_back(counted.values.size());
  }
  return counted;
}

}  // namespace

std::vector<DocPair> AnchorCandidates(std::span<const uint64_t> offsets,
                                      std::span<const uint64_t> anchors,
                                      const AnchorOptions& options, AnchorStats* stats) {
  const size_t n = offsets.size() - 1;
  // Postings: (anchor, document), sorted, so equal anchors are adjacent.
  std::vector<std::pair<uint64_t, uint32_t>> postings(anchors.size());
  for (size_t d = 0; d < n; ++d) {
    for (uint64_t i = offsets[d]; i < offsets[d + 1]; ++i) {
      postings[i] = {anchors[i], static_cast<uint32_t>(d)};
    }
  }
  tbb::parallel_sort(postings.begin(), postings.end());
  stats->postings = postings.size();

  const PerDocument<std::pair<uint64_t, uint64_t>> shared_lists =
      SharedAnchors(postings, n, options, stats);
  const std::vector<uint64_t>& shared_start = shared_lists.start;
  const std::vector<std::pair<uint64_t, uint64_t>>& shared = shared_lists.values;
  PerDocument<uint64_t> counted_lists;
  if (stats->ignored_anchors > 0)
    counted_lists = CountedAnchors(offsets, anchors, postings, options);
  const std::span<const uint64_t> counted_start =
      stats->ignored_anchors > 0 ? std::span<const uint64_t>(counted_lists.start) : offsets;
  const std::span<const uint64_t> counted =
      stats->ignored_anchors > 0 ? std::span<const uint64_t>(counted_lists.values) : anchors;

  // The documents of the postings alone: the inner loop reads only these,
  // and the postings themselves can go.
  std::vector<uint32_t> posting_doc(postings.size());
  for (size_t k = 0; k < postings.size(); ++k) posting_doc[k] = postings[k].second;
  std::vector<std::pair<uint64_t, uint32_t>>().swap(postings);

  // The largest anchor a capped document kept: above it, its anchors are unknown.
  std::vector<uint64_t> cap(n, kNoCap);
  for (size_t d = 0; d < n; ++d) {
    uint64_t count = offsets[d + 1] - offsets[d];
    if (options.max_anchors != 0 && count >= static_cast<uint64_t>(options.max_anchors)) {
      cap[d] = anchors[offsets[d + 1] - 1];
    }
  }
  // Whether `shared` anchors are at least min_estimate of d's counted
  // anchors at or below `limit` (an estimate of d's containment in the
  // other document), given `most`: the largest such count that passes. All
  // of d's counted anchors lie at or below its own cap, so only a document
  // whose cap is above the limit needs a look, and one look answers: its
  // anchor in position `most` lies above the limit.
  auto passes = [&](size_t d, uint64_t limit, uint64_t most) -> bool {
    const uint64_t total = counted_start[d + 1] - counted_start[d];
    if (most >= total) return true;
    if (limit >= cap[d]) return false;
    return counted[counted_start[d] + most] > limit;
  };
  std::vector<uint64_t> most_for(kMostTable);
  for (uint64_t shared = 0; shared < kMostTable; ++shared) {
    most_for[shared] = MostComparable(shared, options.min_estimate);
  }

  // Pairs found and pairs examined, per block of documents x.
  constexpr size_t kBlockDocs = 1024;
  const size_t blocks = (n + kBlockDocs - 1) / kBlockDocs;
  std::vector<std::vector<DocPair>> found(blocks);
  std::vector<uint64_t> examined(blocks, 0);
  // Counts x's shared anchors with each document after it, in a dense
  // array cleared through the list of documents touched. A count never
  // exceeds x's shared anchors, so most documents count in bytes: the array
  // is a quarter the size and stays in cache.
  auto count_for = [&]<typename Count>(size_t x, std::vector<Count>& count,
                                       std::vector<DocPair>* out) -> uint64_t {
    thread_local std::vector<uint32_t> touched;
    if (count.size() < n) count.assign(n, 0);
    uint64_t visits = 0;
    for (uint64_t s = shared_start[x]; s < shared_start[x + 1]; ++s) {
      visits += shared[s].second - shared[s].first - 1;
    }
    touched.resize(visits + 1);
    size_t num_touched = 0;  // branch-free: every visit writes, a first visit keeps it
    for (uint64_t s = shared_start[x]; s < shared_start[x + 1]; ++s) {
      const auto [at, end] = shared[s];
      if (s + kPrefetchRuns < shared_start[x + 1]) {  // runs lie far apart: fetch ahead
        __builtin_prefetch(posting_doc.data() + shared[s + kPrefetchRuns].first + 1);
      }
      for (uint64_t k = at + 1; k < end; ++k) {
        const uint32_t y = posting_doc[k];
        touched[num_touched] = y;
        num_touched += count[y]++ == 0;
      }
    }
    const size_t first_found = out->size();
    for (size_t t = 0; t < num_touched; ++t) {
      const uint32_t y = touched[t];
      const uint64_t shared_count = count[y];
      count[y] = 0;
      if (shared_count < static_cast<uint64_t>(options.min_shared)) continue;
      const uint64_t limit = std::min(cap[x], cap[y]);
      const uint64_t most = shared_count < kMostTable
                                ? most_for[shared_count]
                                : MostComparable(shared_count, options.min_estimate);
      if (passes(x, limit, most) || passes(y, limit, most)) {
        out->emplace_back(static_cast<uint32_t>(x), y);
      }
    }
    // `touched` is in arrival order
    std::sort(out->begin() + static_cast<ptrdiff_t>(first_found), out->end());
    return num_touched;
  };
  tbb::parallel_for(size_t{0}, blocks, [&](size_t block) {
    thread_local std::vector<uint8_t> small_counts;
    thread_local std::vector<uint32_t> counts;
    for (size_t x = block * kBlockDocs; x < std::min(n, (block + 1) * kBlockDocs); ++x) {
      examined[block] +=
          shared_start[x + 1] - shared_start[x] <= std::numeric_limits<uint8_t>::max()
              ? count_for(x, small_counts, &found[block])
              : count_for(x, counts, &found[block]);
    }
  });
  std::vector<DocPair> pairs;
  for (size_t block = 0; block < blocks; ++block) {
    stats->pairs_examined += examined[block];
    pairs.insert(pairs.end(), found[block].begin(), found[block].end());
    std::vector<DocPair>().swap(found[block]);
  }
  return pairs;  // sorted by construction: x ascending, then y ascending
}

}  // namespace doppel
