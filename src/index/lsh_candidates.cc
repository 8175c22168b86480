#include <algorithm>
#include <iterator>

#include "doppel/candidates.h"
#include "index/key_sort.h"

namespace doppel {

std::vector<DocPair> BandCandidates(std::span<const uint64_t> keys) {
  const size_t n = keys.size();
  std::vector<std::pair<uint64_t, uint32_t>> bucket(n);
  for (size_t d = 0; d < n; ++d) bucket[d] = {keys[d], static_cast<uint32_t>(d)};
  index::SortByKey(&bucket);
  std::vector<DocPair> out;
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && bucket[j].first == bucket[i].first) {
      out.emplace_back(bucket[i].second, bucket[j].second);
      ++j;
    }
    i = j;
  }
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
