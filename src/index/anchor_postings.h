// The in-memory anchor index's postings: every (anchor, document) pair,
// sorted, built and sorted by all threads.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "index/anchor_count.h"

namespace doppel::index {

// Postings sorted by anchor, then document (std::sort's order), in parts:
// part p is postings[bounds[p], bounds[p + 1]), and equal anchors never lie
// in two parts, so each part can be read on its own.
struct SortedPostings {
  std::vector<Posting> postings;
  std::vector<uint64_t> bounds;
};

// The postings of every document's anchors: document d's are
// anchors[offsets[d], offsets[d + 1]). One parallel pass counts each part's
// share (parts split by the anchors' high bits), a second writes every
// posting straight into its part, then the parts are sorted in parallel:
// no step over all the postings runs on one thread.
SortedPostings SortPostings(std::span<const uint64_t> offsets, std::span<const uint64_t> anchors);

}  // namespace doppel::index
