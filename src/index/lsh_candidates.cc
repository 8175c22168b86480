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
  const size_t parts = sorted.bounds.size() - 1;
  auto part = [&](size_t p) {
    return bucket.subspan(sorted.bounds[p], sorted.bounds[p + 1] - sorted.bounds[p]);
  };
  auto same_key = [](const index::Posting& x, const index::Posting& y) {
    return x.first == y.first;
  };
  // Part by part in parallel (no bucket spans two parts): each part's pair
  // count (its postings less its buckets), then its pairs written in place,
  // so that the pairs are held once.
  std::vector<size_t> first_pair(parts + 1, 0);
  tbb::parallel_for(size_t{0}, parts, [&](size_t p) {
    size_t pairs = 0;
    util::ForEachEqualRun(part(p), same_key,
                          [&](std::span<const index::Posting> run) { pairs += run.size() - 1; });
    first_pair[p + 1] = pairs;
  });
  for (size_t p = 0; p < parts; ++p) first_pair[p + 1] += first_pair[p];
  std::vector<DocPair> out(first_pair[parts]);
  tbb::parallel_for(size_t{0}, parts, [&](size_t p) {
    size_t at = first_pair[p];
    util::ForEachEqualRun(part(p), same_key, [&](std::span<const index::Posting> run) {
      for (const index::Posting& e : run.subspan(1)) out[at++] = {run[0].second, e.second};
    });
  });
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
