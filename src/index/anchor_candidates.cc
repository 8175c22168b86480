#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>

#include "doppel/candidates.h"
#include "index/anchor_count.h"
#include "index/postings.h"
#include "sketch/mix_each.h"
#include "util/concurrency.h"
#include "util/smallest_hashes.h"
#include "util/uninitialized.h"

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
  thread_local std::vector<uint64_t> scratch;
  util::KeepSmallestSorted(anchors, cutoff, static_cast<size_t>(options.max_anchors), &scratch);
}

std::vector<DocPair> AnchorCandidates(std::span<const uint64_t> offsets,
                                      std::span<const uint64_t> anchors,
                                      const AnchorOptions& options, AnchorStats* stats) {
  const size_t n = offsets.size() - 1;
  index::SortedPostings sorted = index::SortPostings(offsets, anchors);  // equal anchors adjacent
  const std::span<const index::Posting> postings(sorted.postings);
  stats->postings = postings.size();

  // Each part's runs of two or more (found once, then walked twice: to
  // count each document's shared anchors, then to list them) and the
  // anchors it ignores, in parallel: no run spans two parts.
  struct PartRuns {
    std::vector<std::pair<uint64_t, uint64_t>> shared;
    std::vector<uint64_t> ignored;
    AnchorStats stats;
  };
  std::vector<PartRuns> parts(sorted.bounds.size() - 1);
  tbb::parallel_for(size_t{0}, parts.size(), [&](size_t p) {
    const uint64_t base = sorted.bounds[p];
    PartRuns& part = parts[p];
    index::ForEachRun(postings.subspan(base, sorted.bounds[p + 1] - base), options, &part.stats,
                      &part.ignored, [&](size_t i, size_t j) {
                        if (j - i >= 2) part.shared.emplace_back(base + i, base + j);
                      });
  });
  std::vector<uint64_t> ignored;
  for (const PartRuns& part : parts) {
    stats->distinct_anchors += part.stats.distinct_anchors;
    stats->ignored_anchors += part.stats.ignored_anchors;
    ignored.insert(ignored.end(), part.ignored.begin(), part.ignored.end());
  }
  // The documents of the postings alone: the rest reads only these.
  util::UninitializedVector<uint32_t> docs(postings.size());  // written whole next
  tbb::parallel_for(tbb::blocked_range<size_t>(0, postings.size()), [&](const auto& r) {
    for (size_t k = r.begin(); k < r.end(); ++k) docs[k] = postings[k].second;
  });
  sorted = index::SortedPostings();

  // Each document's shared anchors as ranges of `docs`: the documents after
  // it in the run. Each thread lists those of its own range of documents
  // (so a document's ranges come in anchor order, whatever the threads),
  // reading every run.
  const size_t owners =
      std::min<size_t>(std::max<size_t>(n, 1), static_cast<size_t>(util::Concurrency()));
  auto first_owned = [&](size_t t) { return static_cast<uint32_t>(n * t / owners); };
  auto for_each_owned = [&](size_t t, auto&& on_entry) {
    const uint32_t first = first_owned(t);
    const uint32_t count = first_owned(t + 1) - first;
    for (const PartRuns& part : parts) {
      for (const auto& [i, j] : part.shared) {
        for (uint64_t k = i; k < j; ++k) {
          const uint32_t d = docs[k];
          if (d - first < count) on_entry(d, k, j);
        }
      }
    }
  };
  std::vector<uint64_t> start(n + 1, 0);
  tbb::parallel_for(size_t{0}, owners, [&](size_t t) {
    for_each_owned(t, [&](uint32_t d, uint64_t, uint64_t) { ++start[d + 1]; });
  });
  for (size_t d = 0; d < n; ++d) start[d + 1] += start[d];
  util::UninitializedVector<std::pair<uint64_t, uint64_t>> ranges(start[n]);  // written whole
  tbb::parallel_for(size_t{0}, owners, [&](size_t t) {
    const uint32_t first = first_owned(t);
    std::vector<uint64_t> fill(start.begin() + first, start.begin() + first_owned(t + 1));
    for_each_owned(t, [&](uint32_t d, uint64_t k, uint64_t j) {
      ranges[fill[d - first]++] = {k + 1, j};
    });
  });
  std::vector<PartRuns>().swap(parts);

  const index::PairTest test(index::AnchorLists(offsets, anchors), options, ignored);
  std::vector<DocPair> pairs;
  index::SharedCountScratch scratch;
  stats->pairs_examined += index::CountSharedAnchors(index::SharedRanges{0, start, ranges, docs},
                                                     test, n, &scratch, &pairs);
  return pairs;
}

}  // namespace doppel
