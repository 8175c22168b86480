#include "pipeline/verify.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "pipeline/chunked_vector.h"

namespace doppel::pipeline {

namespace {

// The largest first profile worth a SetFilter: at 8,192 values an eighth
// of the table is set, and most of the second profile's absent values
// still miss.
constexpr uint32_t kMostFiltered = 8192;

// The profile of a document, read into *buffer when the store is read
// without its map.
std::span<const uint32_t> ProfileOf(const DocRecord& r, const ShingleStore& profiles,
                                    std::vector<uint32_t>* buffer) {
  return profiles.Read(r.store_offset, r.profile_size, buffer);
}

ScoredPair Score(uint32_t a, uint32_t b, uint64_t shared, const ScanResult& scan) {
  return ScoredPair{a, b, static_cast<uint32_t>(shared), scan.docs[a].profile_size,
                    scan.docs[b].profile_size};
}

}  // namespace

ScoredPair ScorePair(uint32_t a, uint32_t b, const ScanResult& scan, const ShingleStore& profiles,
                     ProfileBuffers* buffers) {
  return Score(a, b,
               IntersectionSize(ProfileOf(scan.docs[a], profiles, &buffers->a),
                                ProfileOf(scan.docs[b], profiles, &buffers->b)),
               scan);
}

double ContainmentIn(uint32_t inner, uint32_t outer, const ScanResult& scan,
                     const ShingleStore& profiles, ProfileBuffers* buffers) {
  if (inner == outer) return 1.0;
  return inner < outer ? ScorePair(inner, outer, scan, profiles, buffers).a_in_b()
                       : ScorePair(outer, inner, scan, profiles, buffers).b_in_a();
}

uint64_t VerifyPairs(const std::vector<DocPair>& pairs, const ScanResult& scan,
                     const ShingleStore& profiles, const ClusterThresholds& thresholds,
                     RunObserver* observer, std::vector<ScoredPair>* linking) {
  constexpr size_t kBlock = size_t{1} << 16;  // pairs between letting go of mapped pages
  std::vector<ScoredPair> scored(std::min(pairs.size(), kBlock));  // one block's
  std::vector<uint8_t> keep(scored.size());
  ChunkedVector<ScoredPair> found;  // grows without a vector's copies
  struct Scratch {
    SetFilter filter;
    ProfileBuffers buffers;
  };
  tbb::enumerable_thread_specific<Scratch> scratch;  // one per thread, for this call
  for (size_t begin = 0; begin < pairs.size(); begin += kBlock) {
    const size_t end = std::min(pairs.size(), begin + kBlock);
    std::fill(keep.begin(), keep.end(), 0);
    tbb::parallel_for(tbb::blocked_range<size_t>(begin, end), [&](const auto& range) {
      // Pairs come in order of their first document: its filter serves
      // the pairs after it, which are then rejected, most of them, by one
      // look per value of the second (when that is the smaller) instead of
      // a merge of both.
      // The first document's profile is read once for its run of pairs.
      Scratch& local = scratch.local();
      SetFilter& filter = local.filter;
      uint32_t current_a = UINT32_MAX;  // whose profile profile_a is, here
      std::span<const uint32_t> profile_a;
      bool filtered = false;  // whether the filter holds profile_a
      for (size_t i = range.begin(); i < range.end(); ++i) {
        if (i + 1 < range.end()) {  // the next pair's second profile: most likely a cache miss
          const DocRecord& next = scan.docs[pairs[i + 1].second];
          profiles.Prefetch(next.store_offset, next.profile_size);
        }
        const auto [a, b] = pairs[i];
        const DocRecord& ra = scan.docs[a];
        const DocRecord& rb = scan.docs[b];
        const uint64_t need = FewestSharedToLink(ra.profile_size, rb.profile_size, thresholds);
        if (need > std::min(ra.profile_size, rb.profile_size)) continue;  // cannot link
        if (a != current_a) {
          profile_a = ProfileOf(ra, profiles, &local.buffers.a);
          current_a = a;
          filtered = false;
        }
        const std::span<const uint32_t> profile_b = ProfileOf(rb, profiles, &local.buffers.b);
        if (rb.profile_size <= ra.profile_size && ra.profile_size <= kMostFiltered) {
          if (!filtered) {
            filter.Assign(profile_a);
            filtered = true;
          }
          if (!filter.MayShareAtLeast(profile_b, need)) continue;
        }
        const uint64_t shared = IntersectionSizeIfAtLeast(profile_a, profile_b, need);
        if (shared < need) continue;  // keep stays 0
        scored[i - begin] = Score(a, b, shared, scan);
        keep[i - begin] = CanLink(scored[i - begin], thresholds);
      }
    });
    for (size_t i = 0; i < end - begin; ++i) {
      if (keep[i]) found.push_back(scored[i]);
    }
    profiles.DropResidentPages();  // no thread reads between blocks
    if (observer != nullptr) observer->OnProgress(Progress{"verify", end, 0, 0, pairs.size()});
  }
  linking->reserve(linking->size() + found.size());
  found.ForEachChunk([&](std::span<const ScoredPair> chunk) {
    linking->insert(linking->end(), chunk.begin(), chunk.end());
  });
  return found.size();
}

}  // namespace doppel::pipeline
