#include "pipeline/verify.h"

#include <tbb/parallel_for.h>

#include <algorithm>

namespace doppel::pipeline {

ScoredPair ScorePair(uint32_t a, uint32_t b, const ScanResult& scan, const ShingleStore& profiles) {
  const DocRecord& ra = scan.docs[a];
  const DocRecord& rb = scan.docs[b];
  auto inter =
      static_cast<double>(IntersectionSize(profiles.Get(ra.profile_offset, ra.profile_size),
                                           profiles.Get(rb.profile_offset, rb.profile_size)));
  double na = ra.profile_size;
  double nb = rb.profile_size;
  ScoredPair p;
  p.shared = static_cast<uint32_t>(inter);
  p.a = a;
  p.b = b;
  p.jaccard = inter / (na + nb - inter);
  p.a_in_b = inter / na;
  p.b_in_a = inter / nb;
  return p;
}

double ContainmentIn(uint32_t inner, uint32_t outer, const ScanResult& scan,
                     const ShingleStore& profiles) {
  if (inner == outer) return 1.0;
  return inner < outer ? ScorePair(inner, outer, scan, profiles).a_in_b
                       : ScorePair(outer, inner, scan, profiles).b_in_a;
}

std::vector<ScoredPair> VerifyPairs(const std::vector<DocPair>& pairs, const ScanResult& scan,
                                    const ShingleStore& profiles,
                                    const ClusterThresholds& thresholds, RunObserver* observer) {
  constexpr size_t kBlock = 1 << 18;
  std::vector<ScoredPair> scored(pairs.size());
  std::vector<uint8_t> keep(pairs.size(), 0);
  for (size_t begin = 0; begin < pairs.size(); begin += kBlock) {
    const size_t end = std::min(pairs.size(), begin + kBlock);
    tbb::parallel_for(begin, end, [&](size_t i) {
      scored[i] = ScorePair(pairs[i].first, pairs[i].second, scan, profiles);
      keep[i] = CanLink(scored[i], thresholds);
    });
    if (observer != nullptr) observer->OnProgress(Progress{"verify", end, 0, 0, pairs.size()});
  }
  std::vector<ScoredPair> out;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (keep[i]) out.push_back(scored[i]);
  }
  return out;
}

}  // namespace doppel::pipeline
