#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>

#include "doppel/candidates.h"

namespace doppel {

std::vector<DocPair> LshCandidates(std::span<const uint64_t> keys, int bands, size_t n) {
  std::vector<std::vector<DocPair>> per_band(static_cast<size_t>(bands));
  tbb::parallel_for(0, bands, [&](int b) {
    std::vector<std::pair<uint64_t, uint32_t>> bucket(n);
    for (size_t d = 0; d < n; ++d) {
      bucket[d] = {keys[d * static_cast<size_t>(bands) + static_cast<size_t>(b)],
                   static_cast<uint32_t>(d)};
    }
    std::sort(bucket.begin(), bucket.end());
    std::vector<DocPair>& out = per_band[static_cast<size_t>(b)];
    for (size_t i = 0; i < n;) {
      size_t j = i + 1;
      while (j < n && bucket[j].first == bucket[i].first) {
        out.emplace_back(bucket[i].second, bucket[j].second);
        ++j;
      }
      i = j;
    }
  });
  std::vector<DocPair> pairs;
  size_t total = 0;
  for (const auto& v : per_band) total += v.size();
  pairs.reserve(total);
  for (auto& v : per_band) pairs.insert(pairs.end(), v.begin(), v.end());
  tbb::parallel_sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

}  // namespace doppel
