#include <algorithm>
#include <limits>

#include "doppel/candidates.h"
#include "index/anchor_count.h"
#include "index/key_sort.h"
#include "sketch/mix_each.h"

namespace doppel {
namespace {

constexpr uint64_t kAnchorSalt = 0xa0761d6478bd642fULL;
constexpr uint64_t kNoCap = std::numeric_limits<uint64_t>::max();

}  // namespace

void SelectAnchors(std::span<const uint64_t> shingle_set, const AnchorOptions& options,
                   std::vector<uint64_t>* anchors) {
  const uint64_t cutoff = kNoCap / static_cast<uint64_t>(options.sampling);
  // Block by block, every hash is written, and kept (the end moved past
  // it) only when it is at or below the cutoff: no branch to mispredict.
  // *anchors, which the caller may keep, gets only the anchors (about one
  // hash in `sampling`), not room for every hash.
  anchors->clear();
  sketch::ForEachMixedBlock(shingle_set, kAnchorSalt, [&](std::span<const uint64_t> mixed) {
    uint64_t kept[sketch::kMixedBlock];
    size_t n = 0;
    for (uint64_t h : mixed) {
      kept[n] = h;
      n += h <= cutoff;
    }
    anchors->insert(anchors->end(), kept, kept + n);
  });
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
  std::vector<index::Posting> postings(anchors.size());
  for (size_t d = 0; d < n; ++d) {
    for (uint64_t i = offsets[d]; i < offsets[d + 1]; ++i) {
      postings[i] = {anchors[i], static_cast<uint32_t>(d)};
    }
  }
  index::SortByKey(&postings);  // equal anchors adjacent
  stats->postings = postings.size();

  // Each document's shared anchors as ranges of the postings: the documents
  // after it in the run. The runs of two or more are found once, then
  // walked twice: to count each document's entries, then to fill them.
  std::vector<uint64_t> ignored;
  std::vector<std::pair<uint64_t, uint64_t>> shared_runs;
  index::ForEachRun(postings, options, stats, &ignored, [&](size_t i, size_t j) {
    if (j - i >= 2) shared_runs.emplace_back(i, j);
  });
  std::vector<uint64_t> start(n + 1, 0);
  for (const auto& [i, j] : shared_runs) {
    for (uint64_t k = i; k < j; ++k) ++start[postings[k].second + 1];
  }
  for (size_t d = 0; d < n; ++d) start[d + 1] += start[d];
  std::vector<std::pair<uint64_t, uint64_t>> ranges(start[n]);
  {
    std::vector<uint64_t> fill(start.begin(), start.end() - 1);
    for (const auto& [i, j] : shared_runs) {
      for (uint64_t k = i; k < j; ++k) ranges[fill[postings[k].second]++] = {k + 1, j};
    }
  }
  std::vector<std::pair<uint64_t, uint64_t>>().swap(shared_runs);
  // The documents of the postings alone: the count reads only these.
  std::vector<uint32_t> docs(postings.size());
  for (size_t k = 0; k < postings.size(); ++k) docs[k] = postings[k].second;
  std::vector<index::Posting>().swap(postings);

  const index::PairTest test(index::AnchorLists(offsets, anchors), options, std::move(ignored));
  std::vector<DocPair> pairs;
  index::SharedCountScratch scratch;
  stats->pairs_examined += index::CountSharedAnchors(index::SharedRanges{0, start, ranges, docs},
                                                     test, n, &scratch, &pairs);
  return pairs;
}

}  // namespace doppel
