// The shared-anchor count at the heart of the anchor index: given, for each
// document, the documents after it in the runs of the anchors it shares,
// count how many anchors each pair shares and keep the pairs that pass.
// Used by the in-memory index and by the one that spills to disk
// (anchor_candidates.cc), so both find the same pairs.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "doppel/candidates.h"

namespace doppel::index {

// The test a pair of documents must pass, from their shared-anchor count.
class PairTest {
 public:
  // `offsets` and `anchors`: every document's sorted anchors (as given to
  // AnchorCandidates); `ignored`: the sorted anchors ignored for their
  // document frequency, which do not count.
  PairTest(std::span<const uint64_t> offsets, std::span<const uint64_t> anchors,
           const AnchorOptions& options, std::vector<uint64_t> ignored);

  // Whether documents x and y, sharing `shared` counted anchors, are a
  // candidate pair: at least min_shared, and at least min_estimate of the
  // comparable counted anchors of one of them.
  bool Passes(uint32_t x, uint32_t y, uint64_t shared) const;

 private:
  uint64_t Cap(size_t d) const;
  bool AtMostComparable(size_t d, uint64_t limit, uint64_t most) const;

  std::span<const uint64_t> offsets_;
  std::span<const uint64_t> anchors_;
  AnchorOptions options_;
  std::vector<uint64_t> ignored_;
  std::vector<uint64_t> most_for_;  // MostComparable of small counts
};

// For documents first_doc .. first_doc + start.size() - 2: document x's
// shared anchors are ranges[start[x - first_doc] .. start[x - first_doc + 1]),
// each a range [from, to) of `docs` holding the documents after x in that
// anchor's run.
struct SharedRanges {
  size_t first_doc = 0;
  std::span<const uint64_t> start;
  std::span<const std::pair<uint64_t, uint64_t>> ranges;
  std::span<const uint32_t> docs;
};

// Counts each document's shared anchors with every document after it and
// appends the pairs that pass `test` to *pairs, x ascending, then y; n is
// the number of documents in all. Returns the pairs examined (sharing at
// least one counted anchor). Parallel; the result does not depend on the
// thread count.
uint64_t CountSharedAnchors(const SharedRanges& shared, const PairTest& test, size_t n,
                            std::vector<DocPair>* pairs);

}  // namespace doppel::index
