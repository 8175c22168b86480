// The shared-anchor count at the heart of the anchor index: given, for each
// document, the documents after it in the runs of the anchors it shares,
// count how many anchors each pair shares and keep the pairs that pass.
// Used by the in-memory index (anchor_candidates.cc) and by the one that
// spills to disk (anchor_candidates_spilled.cc), so both find the same pairs.
#pragma once

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "doppel/candidates.h"
#include "index/postings.h"
#include "io/spill_file.h"
#include "util/hash_value_set.h"

namespace doppel::index {

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
  size_t size() const { return offsets_.size() - 1; }
  uint64_t Count(size_t d) const { return offsets_[d + 1] - offsets_[d]; }
  // The anchors of documents [first, last), back to back (document d's
  // start offsets[d] - offsets[first] in), possibly copied into *buffer.
  // Thread-safe.
  std::span<const uint64_t> OfRange(size_t first, size_t last,
                                    std::vector<uint64_t>* buffer) const {
    const uint64_t begin = offsets_[first];
    const uint64_t count = offsets_[last] - begin;
    return file_ != nullptr ? file_->Read(begin, count, buffer) : anchors_.subspan(begin, count);
  }
  // Document d's anchors, possibly copied into *buffer. Thread-safe.
  std::span<const uint64_t> Of(size_t d, std::vector<uint64_t>* buffer) const {
    return OfRange(d, d + 1, buffer);
  }
  uint64_t Offset(size_t d) const { return offsets_[d]; }

 private:
  std::span<const uint64_t> offsets_;
  std::span<const uint64_t> anchors_;
  const io::SpillFile<uint64_t>* file_ = nullptr;
};

// An 8-bit code of an anchor (or of UINT64_MAX, an uncapped document's cap:
// 255, above every anchor's) in an order that agrees with theirs: a <= b
// means AnchorCode(a) <= AnchorCode(b), so that unequal codes order their
// values (equal ones say nothing). Four bits of exponent and the four bits
// after the leading one: octave k (1 to 15) holds the values
// lowest_octave_bits + k bits wide, octave 0 those narrower (evenly), and
// wider ones share the largest code below 255. Values 7% apart get apart
// codes in the 15 octaves, whatever their size: a capped document's cap
// falls as the document grows.
uint8_t AnchorCode(uint64_t value, int lowest_octave_bits);

// The test a pair of documents must pass, from their shared-anchor count.
//
// Its definition: documents x and y sharing `shared` counted anchors pass
// when shared >= min_shared and shared is at least min_estimate of one
// side's comparable anchors: its counted anchors (those not ignored for
// their document frequency) at or below the smaller of the two caps (a
// capped document's largest anchor: above it, its anchors are unknown).
//
// With m the most comparable anchors that `shared` allows, a side passes
// when it has at most m counted anchors, or when its counted anchor in
// position m lies above the smaller cap. That anchor never lies above its
// own cap, so the pair passes when one side has at most m counted anchors
// or one side's anchor in position m lies above the other's cap. Each
// document carries a 16-byte brief (four to a cache line; a million
// documents' briefs take 16 MB) with its count, and an 8-bit code of its cap
// and of its anchors in the positions the commonest counts ask about: most
// pairs are decided by the other document's brief alone (one load where
// three cache misses were), and the rest, where codes tie, by its full
// anchor list (about two tests in a thousand on Brown 100k).
class PairTest {
 public:
  // `lists`: every document's sorted anchors (as given to AnchorCandidates),
  // read once here, in parallel; `ignored`: the anchors ignored for
  // their document frequency, which do not count.
  PairTest(const AnchorLists& lists, const AnchorOptions& options,
           std::span<const uint64_t> ignored);

  // Whether documents x and y, sharing `shared` counted anchors, are a
  // candidate pair (see the class comment).
  bool Passes(uint32_t x, uint32_t y, uint64_t shared) const;
  // Starts fetching what Passes(x, d, ...) or Passes(d, x, ...) reads of
  // document d, for a caller with many tests to make.
  void Prefetch(uint32_t d) const { __builtin_prefetch(&briefs_[d]); }
  // The fewest shared anchors that can pass: a test the caller can make
  // first, cheaply, for the many pairs that share one anchor.
  uint64_t min_shared() const { return static_cast<uint64_t>(options_.min_shared); }

 private:
  static constexpr size_t kBriefSlots = 14;
  static constexpr uint8_t kManyCounted = 255;  // a brief's count: this many or more
  struct alignas(16) Brief {
    uint8_t counted = 0;  // counted anchors, up to kManyCounted
    uint8_t cap = 0;      // Code(cap)
    // Code(counted anchor in position MostFor(min_shared + slot)), where
    // there is one.
    uint8_t at[kBriefSlots] = {};
  };
  static_assert(sizeof(Brief) == 16);  // never across two cache lines

  uint64_t MostFor(uint64_t shared) const;
  // AnchorCode with this test's octaves.
  uint8_t Code(uint64_t value) const { return AnchorCode(value, lowest_octave_bits_); }
  // Whether document d has at most `most` counted anchors: from its brief,
  // unless it has kManyCounted or more.
  bool CountedAtMost(uint32_t d, uint64_t most) const {
    const uint8_t counted = briefs_[d].counted;
    return counted < kManyCounted ? counted <= most : ManyCountedAtMost(d, most);
  }
  // CountedAtMost for a document with kManyCounted or more, from its list.
  bool ManyCountedAtMost(uint32_t d, uint64_t most) const;
  // Whether document d's counted anchor in position `most` (it has more)
  // lies above the cap of document `other`.
  bool AboveCapOf(uint32_t d, uint32_t other, uint64_t shared, uint64_t most) const;
  // Whether anchor a is ignored for its document frequency (not counted).
  bool Ignored(uint64_t a) const { return ignored_.Contains(a); }
  // Whether a document with this many anchors was capped.
  bool IsCapped(uint64_t anchors) const;
  // Document d's cap, from its list: its largest anchor when capped.
  uint64_t CapOf(uint32_t d) const;
  // Document d's counted anchor in position `position`, from its list.
  uint64_t CountedAt(uint32_t d, uint64_t position) const;

  AnchorLists lists_;
  AnchorOptions options_;
  util::HashValueSet<uint64_t> ignored_;
  std::vector<uint64_t> most_for_;  // MostFor of small counts
  int lowest_octave_bits_ = 0;      // bit width of the values below the 15 octaves
  std::vector<Brief> briefs_;
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

// Each thread's arrays for CountSharedAnchors: counts of 1 to 4 bytes a
// document, and lists as long as a document's visits. The caller keeps
// them between calls (a spilled index counts partition after partition)
// and lets go of them with this object.
struct SharedCountScratch {
  struct PerThread {
    std::vector<uint8_t> small_counts;  // for documents sharing at most 255 ranges
    std::vector<uint32_t> counts;
    std::vector<uint32_t> touched;
    std::vector<uint32_t> tested_counts;
    std::vector<uint32_t> buffer;  // run documents read by copy
  };
  tbb::enumerable_thread_specific<PerThread> threads;
};

// Counts each document's shared anchors with every document after it and
// appends the pairs that pass `test` to *pairs, x ascending, then y; n is
// the number of documents in all. Returns the pairs examined (sharing at
// least one counted anchor). Parallel; the result does not depend on the
// thread count.
uint64_t CountSharedAnchors(const SharedRanges& shared, const PairTest& test, size_t n,
                            SharedCountScratch* scratch, std::vector<DocPair>* pairs);

}  // namespace doppel::index
