// Exact verification of candidate pairs against their stored shingle sets.
#pragma once

#include <vector>

#include "doppel/candidates.h"
#include "doppel/cluster.h"
#include "pipeline/scan.h"

namespace doppel::pipeline {

// Where profiles read by copy (a store read without its map) go: one per
// thread that reads, owned by the caller so that it goes with the stage.
struct ProfileBuffers {
  std::vector<uint32_t> a;
  std::vector<uint32_t> b;
};

// The exact scores of documents a and b, over their profiles (profile.h).
// a < b, as in every pair doppel reports.
ScoredPair ScorePair(uint32_t a, uint32_t b, const ScanResult& scan, const ShingleStore& profiles,
                     ProfileBuffers* buffers);

// The share of document `inner`'s profile inside document `outer`'s.
double ContainmentIn(uint32_t inner, uint32_t outer, const ScanResult& scan,
                     const ShingleStore& profiles, ProfileBuffers* buffers);

// Scores every candidate pair (in parallel) and appends those that can link
// their documents under `thresholds` (CanLink) to *linking, in the order of
// `pairs`; returns how many. Works in blocks of pairs, letting go of the
// store pages it mapped after each (so they bound its memory) and reporting
// progress to `observer` (may be null).
uint64_t VerifyPairs(const std::vector<DocPair>& pairs, const ScanResult& scan,
                     const ShingleStore& profiles, const ClusterThresholds& thresholds,
                     RunObserver* observer, std::vector<ScoredPair>* linking);

}  // namespace doppel::pipeline
