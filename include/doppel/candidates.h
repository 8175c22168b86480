// Candidate generation: cheap, recall-oriented ways to find the pairs of
// documents worth an exact comparison.
//
// Two generators feed one exact verifier:
//  - LSH banding of MinHash signatures finds pairs of high Jaccard similarity;
//  - an inverted index of "anchors" (a hash-chosen sample of each document's
//    shingles) finds pairs where one document lies mostly inside another,
//    whatever their Jaccard similarity, which LSH cannot do.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace doppel {

using DocPair = std::pair<uint32_t, uint32_t>;  // always first < second

// Pairs of documents 0..n-1 that share a key in one LSH band: `keys` holds
// the band's key of each document. Each document in a bucket is paired with
// the bucket's first document only, so a bucket of m documents costs m - 1
// pairs. Returns each pair once (first < second), in no set order; memory
// is 16 bytes a document.
std::vector<DocPair> BandCandidates(std::span<const uint64_t> keys);

// Adds the pairs of `more` (any order, repeats allowed; consumed) to the
// sorted, unique `pairs`, which stay sorted and unique.
void MergePairs(std::vector<DocPair>* more, std::vector<DocPair>* pairs);

struct AnchorOptions {
  // A shingle is an anchor when its hash falls in the lowest 1/sampling of the
  // hash range: about one shingle in `sampling`, chosen by content, so copies
  // of a passage choose the same anchors. 1 makes every shingle an anchor.
  int sampling = 8;
  // At most this many anchors per document (the smallest hashes). 0: no cap.
  int max_anchors = 64;
  // Anchors found in more documents than this are ignored: boilerplate and
  // stock phrases say nothing about copying. 0: no limit.
  uint32_t max_df = 1000;
  // A pair must share at least this many anchors.
  int min_shared = 2;
  // ... and the shared anchors must be at least this share of the comparable
  // anchors of one side (an estimate of its containment in the other).
  double min_estimate = 0.4;
};

// The anchors of one document's shingle set, sorted ascending.
void SelectAnchors(std::span<const uint64_t> shingle_set, const AnchorOptions& options,
                   std::vector<uint64_t>* anchors);

struct AnchorStats {
  uint64_t postings = 0;  // anchors over all documents
  uint64_t distinct_anchors = 0;
  uint64_t ignored_anchors = 0;  // distinct anchors over max_df
  uint64_t pairs_examined = 0;   // pairs sharing at least one usable anchor
};

// Pairs of documents 0..n-1 whose shared anchors pass the options' tests.
// `offsets` (n + 1 entries) and `anchors` hold each document's sorted anchors.
// Returns sorted, unique pairs. Uses all threads allowed.
std::vector<DocPair> AnchorCandidates(std::span<const uint64_t> offsets,
                                      std::span<const uint64_t> anchors,
                                      const AnchorOptions& options, AnchorStats* stats);

}  // namespace doppel
