#include <tbb/parallel_sort.h>

#include <algorithm>

#include "doppel/candidates.h"

namespace doppel {

std::vector<DocPair> BandCandidates(std::span<const uint64_t> keys) {
  const size_t n = keys.size();
  std::vector<std::pair<uint64_t, uint32_t>> bucket(n);
  for (size_t d = 0; d < n; ++d) bucket[d] = {keys[d], static_cast<uint32_t>(d)};
  std::sort(bucket.begin(), bucket.end());
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

std::vector<DocPair> MergePairs(std::vector<std::vector<DocPair>>* lists) {
  size_t total = 0;
  for (const auto& v : *lists) total += v.size();
  std::vector<DocPair> pairs;
  pairs.reserve(total);
  for (auto& v : *lists) {
    pairs.insert(pairs.end(), v.begin(), v.end());
    std::vector<DocPair>().swap(v);
  }
  tbb::parallel_sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

}  // namespace doppel
