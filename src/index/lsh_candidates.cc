#include <tbb/parallel_for.h>

#include <algorithm>
#include <iterator>

#include "doppel/candidates.h"
#include "index/key_sort.h"
#include "index/postings.h"
#include "util/equal_runs.h"

namespace doppel {

std::vector<DocPair> BandCandidates(std::span<const uint64_t> keys) {
  const index::SortedPostings sorted = index::SortPostings(keys);
  const std::span<const index::Posting> bucket(sorted.postings);
  // Part by part in parallel (no bucket spans two parts), then in order.
  std::vector<std::vector<DocPair>> found(sorted.bounds.size() - 1);
  tbb::parallel_for(size_t{0}, found.size(), [&](size_t p) {
    util::ForEachEqualRun(
        bucket.subspan(sorted.bounds[p], sorted.bounds[p + 1] - sorted.bounds[p]),
        [](const index::Posting& x, const index::Posting& y) { return x.first == y.first; },
        [&](std::span<const index::Posting> run) {
          for (const index::Posting& e : run.subspan(1))
            found[p].emplace_back(run[0].second, e.second);
        });
  });
  size_t total = 0;
  for (const std::vector<DocPair>& f : found) total += f.size();
  std::vector<DocPair> out;
  out.reserve(total);
  for (const std::vector<DocPair>& f : found) out.insert(out.end(), f.begin(), f.end());
  return out;
}

void MergePairs(std::vector<DocPair>* more, std::vector<DocPair>* pairs) {
  index::SortPairs(more);
  more->erase(std::unique(more->begin(), more->end()), more->end());
  std::vector<DocPair> merged;
  merged.reserve(pairs->size() + more->size());
  std::set_union(pairs->begin(), pairs->end(), more->begin(), more->end(),
                 std::back_inserter(merged));
  std::vector<DocPair>().swap(*more);
  pairs->swap(merged);
}

}  // namespace doppel
