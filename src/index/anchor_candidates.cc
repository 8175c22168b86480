#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <limits>

#include "doppel/candidates.h"
#include "doppel/hash.h"

namespace doppel {
namespace {

constexpr uint64_t kAnchorSalt = 0xa0761d6478bd642fULL;
constexpr uint64_t kNoCap = std::numeric_limits<uint64_t>::max();

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

  // Per document, from the postings: its counted anchors (those not ignored
  // for their document frequency) and, among them, the shared ones with the
  // posting run each belongs to.
  constexpr uint32_t kIgnored = std::numeric_limits<uint32_t>::max();
  constexpr uint32_t kUnshared = kIgnored - 1;
  std::vector<std::pair<uint64_t, uint64_t>> runs;  // [begin, end) in postings
  std::vector<uint32_t> run_of(postings.size(), kUnshared);
  for (size_t i = 0; i < postings.size();) {
    size_t j = i;
    while (j < postings.size() && postings[j].first == postings[i].first) ++j;
    ++stats->distinct_anchors;
    if (options.max_df != 0 && j - i > options.max_df) {
      ++stats->ignored_anchors;
      for (size_t k = i; k < j; ++k) run_of[k] = kIgnored;
    } else if (j - i >= 2) {
      for (size_t k = i; k < j; ++k) run_of[k] = static_cast<uint32_t>(runs.size());
      runs.emplace_back(i, j);
    }
    i = j;
  }
  std::vector<std::vector<uint64_t>> counted(n);
  std::vector<std::vector<uint32_t>> shared_runs(n);
  for (size_t k = 0; k < postings.size(); ++k) {
    if (run_of[k] == kIgnored) continue;
    counted[postings[k].second].push_back(postings[k].first);  // ascending per document
    if (run_of[k] != kUnshared) shared_runs[postings[k].second].push_back(run_of[k]);
  }
  // The largest anchor a capped document kept: above it, its anchors are unknown.
  auto cap_of = [&](size_t d) -> uint64_t {
    uint64_t count = offsets[d + 1] - offsets[d];
    if (options.max_anchors == 0 || count < static_cast<uint64_t>(options.max_anchors)) {
      return kNoCap;
    }
    return anchors[offsets[d + 1] - 1];
  };
  // How many of d's counted anchors lie at or below `limit`.
  auto comparable = [&](size_t d, uint64_t limit) -> uint64_t {
    const std::vector<uint64_t>& c = counted[d];
    return static_cast<uint64_t>(std::upper_bound(c.begin(), c.end(), limit) - c.begin());
  };

  std::vector<std::vector<DocPair>> found(n);
  std::vector<uint64_t> examined(n, 0);
  tbb::parallel_for(size_t{0}, n, [&](size_t x) {
    thread_local std::vector<uint32_t> others;
    others.clear();
    for (uint32_t run : shared_runs[x]) {
      auto [begin, end] = runs[run];
      for (uint64_t k = begin; k < end; ++k) {
        if (postings[k].second > x) others.push_back(postings[k].second);
      }
    }
    std::sort(others.begin(), others.end());
    const uint64_t cap_x = cap_of(x);
    for (size_t i = 0; i < others.size();) {
      size_t j = i;
      while (j < others.size() && others[j] == others[i]) ++j;
      ++examined[x];
      uint64_t shared = j - i;
      uint32_t y = others[i];
      i = j;
      if (shared < static_cast<uint64_t>(options.min_shared)) continue;
      uint64_t limit = std::min(cap_x, cap_of(y));
      double in_x = static_cast<double>(shared) / static_cast<double>(comparable(x, limit));
      double in_y = static_cast<double>(shared) / static_cast<double>(comparable(y, limit));
      if (std::max(in_x, in_y) >= options.min_estimate) {
        found[x].emplace_back(static_cast<uint32_t>(x), y);
      }
    }
  });
  std::vector<DocPair> pairs;
  for (size_t x = 0; x < n; ++x) {
    stats->pairs_examined += examined[x];
    pairs.insert(pairs.end(), found[x].begin(), found[x].end());
  }
  return pairs;  // sorted by construction: x ascending, then y ascending
}

}  // namespace doppel
