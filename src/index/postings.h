// Postings: (key, document) pairs sorted by key, as the indexes need them
// (the anchor index's anchors, an LSH band's keys), built and sorted by all
// threads.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "util/uninitialized.h"

namespace doppel::index {

// A posting: (key, document).
using Posting = std::pair<uint64_t, uint32_t>;

// Postings sorted by key, then document (std::sort's order), in parts:
// part p is postings[bounds[p], bounds[p + 1]), and equal keys never lie in
// two parts, so each part can be read on its own.
struct SortedPostings {
  util::UninitializedVector<Posting> postings;  // every element written by the sort
  std::vector<uint64_t> bounds;
};

// The postings of every document's keys: document d's are
// keys[offsets[d], offsets[d + 1]). One parallel pass counts each part's
// share (parts split by the keys' high bits), a second writes every posting
// straight into its part, then the parts are sorted in parallel: no step
// over all the postings runs on one thread.
SortedPostings SortPostings(std::span<const uint64_t> offsets, std::span<const uint64_t> keys);

// The same for one key a document: document d's is keys[d].
SortedPostings SortPostings(std::span<const uint64_t> keys);

}  // namespace doppel::index
