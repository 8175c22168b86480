// The shared-anchor count at the heart of the anchor index: given, for each
// document, the documents after it in the runs of the anchors it shares,
// count how many anchors each pair shares and keep the pairs that pass.
// Used by the in-memory index (anchor_candidates.cc) and by the one that
// spills to disk (anchor_candidates_spilled.cc), so both find the same pairs.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "doppel/candidates.h"
#include "io/spill_file.h"

namespace doppel::index {

// A posting of the anchor index.
using Posting = std::pair<uint64_t, uint32_t>;  // (anchor, document)

// Calls on_run(i, j) for each run [i, j) of equal anchors in sorted
// `postings` that is counted, and adds each ignored one (in more documents
// than max_df) to *ignored; counts both in `stats`.
template <typename OnRun>
void ForEachRun(std::span<const Posting> postings, const AnchorOptions& options, AnchorStats* stats,
                std::vector<uint64_t>* ignored, OnRun&& on_run) {
  for (size_t i = 0; i < postings.size();) {
    size_t j = i + 1;
    while (j < postings.size() && postings[j].first == postings[i].first) ++j;
    ++stats->distinct_anchors;
    if (options.max_df != 0 && j - i > options.max_df) {
      ++stats->ignored_anchors;
      ignored->push_back(postings[i].first);
    } else {
      on_run(i, j);
    }
    i = j;
  }
}

// Every document's sorted anchors: document d's are [offsets[d],
// offsets[d + 1]) of an array in memory or of a file (read as the file says:
// through its map, or by copy).
class AnchorLists {
 public:
  AnchorLists(std::span<const uint64_t> offsets, std::span<const uint64_t> anchors)
      : offsets_(offsets), anchors_(anchors) {}
  AnchorLists(std::span<const uint64_t> offsets, const io::SpillFile<uint64_t>* file)
      : offsets_(offsets), file_(file) {}
  uint64_t Count(size_t d) const { return offsets_[d + 1] - offsets_[d]; }
  // Document d's anchors, possibly copied into *buffer. Thread-safe.
  std::span<const uint64_t> Of(size_t d, std::vector<uint64_t>* buffer) const {
    const uint64_t first = offsets_[d];
    const uint64_t count = offsets_[d + 1] - first;
    return file_ != nullptr ? file_->Read(first, count, buffer) : anchors_.subspan(first, count);
  }
  // Document d's anchor in position i (< Count(d)). Thread-safe.
  uint64_t At(size_t d, uint64_t i) const {
    if (file_ == nullptr) return anchors_[offsets_[d] + i];
    thread_local std::vector<uint64_t> buffer;
    return file_->Read(offsets_[d] + i, 1, &buffer)[0];
  }

 private:
  std::span<const uint64_t> offsets_;
  std::span<const uint64_t> anchors_;
  const io::SpillFile<uint64_t>* file_ = nullptr;
};

// The largest anchor a capped document kept (above it, its anchors are
// unknown); the largest value for a document that was not capped.
uint64_t CapOf(std::span<const uint64_t> anchors, const AnchorOptions& options);

// The test a pair of documents must pass, from their shared-anchor count.
class PairTest {
 public:
  // `lists`: every document's sorted anchors (as given to AnchorCandidates);
  // `caps`: each document's cap (CapOf); `ignored`: the sorted anchors
  // ignored for their document frequency, which do not count.
  PairTest(const AnchorLists& lists, std::vector<uint64_t> caps, const AnchorOptions& options,
           std::vector<uint64_t> ignored);

  // Whether documents x and y, sharing `shared` counted anchors, are a
  // candidate pair: at least min_shared, and at least min_estimate of the
  // comparable counted anchors of one of them.
  bool Passes(uint32_t x, uint32_t y, uint64_t shared) const;
  // The fewest shared anchors that can pass: a test the caller can make
  // first, cheaply, for the many pairs that share one anchor.
  uint64_t min_shared() const { return static_cast<uint64_t>(options_.min_shared); }

 private:
  bool AtMostComparable(size_t d, uint64_t limit, uint64_t most) const;

  AnchorLists lists_;
  std::vector<uint64_t> caps_;
  AnchorOptions options_;
  std::vector<uint64_t> ignored_;
  std::vector<uint64_t> most_for_;  // MostComparable of small counts
};

// For documents first_doc .. first_doc + start.size() - 2: document x's
// shared anchors are ranges[start[x - first_doc] .. start[x - first_doc + 1]),
// each a range [from, to) of `docs` (or, when set, of `docs_file`, read as
// the file says) holding the documents after x in that anchor's run.
struct SharedRanges {
  size_t first_doc = 0;
  std::span<const uint64_t> start;
  std::span<const std::pair<uint64_t, uint64_t>> ranges;
  std::span<const uint32_t> docs;
  const io::SpillFile<uint32_t>* docs_file = nullptr;
};

// Counts each document's shared anchors with every document after it and
// appends the pairs that pass `test` to *pairs, x ascending, then y; n is
// the number of documents in all. Returns the pairs examined (sharing at
// least one counted anchor). Parallel; the result does not depend on the
// thread count.
uint64_t CountSharedAnchors(const SharedRanges& shared, const PairTest& test, size_t n,
                            std::vector<DocPair>* pairs);

}  // namespace doppel::index
