#include <algorithm>
#include <iterator>

#include "doppel/candidates.h"
#include "index/key_sort.h"
#include "util/equal_runs.h"

namespace doppel {

std::vector<DocPair> BandCandidates(std::span<const uint64_t> keys) {
  const size_t n = keys.size();
  std::vector<std::pair<uint64_t, uint32_t>> bucket(n);
  for (size_t d = 0; d < n; ++d) bucket[d] = {keys[d], static_cast<uint32_t>(d)};
  index::SortByKey(&bucket);
  std::vector<DocPair> out;
  using Entry = std::pair<uint64_t, uint32_t>;
  util::ForEachEqualRun(
      std::span<const Entry>(bucket),
      [](const Entry& x, const Entry& y) { return x.first == y.first; },
      [&](std::span<const Entry> run) {
        for (const Entry& e : run.subspan(1)) out.emplace_back(run[0].second, e.second);
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
