// Boilerplate discounting and sketching.
//
// A shingle found in more documents than a limit is "common": site
// navigation, share bars, footers, cookie notices and stock phrases. It says
// nothing about copying, yet it dilutes similarity: a syndicated story
// re-wrapped in another site's boilerplate shares its story with the source
// but not the boilerplate. Each document is therefore compared by its
// profile: its shingle set less the common shingles (or its whole set when
// that would leave less than half of it: a document made mostly of common
// text is compared as it is).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "doppel/dedup.h"
#include "io/stream_file.h"
#include "pipeline/scan.h"
#include "pipeline/shingle_store.h"

namespace doppel::pipeline {

// The values found in more than `max_df` of the sets in `store`, sorted.
// max_df 0 means none is common. Spills the values to 256 bucket streams
// in a temporary file named from `scratch_prefix` (removed once its
// buckets are counted), so memory holds about 1/256 of them per counting
// thread (two copies of a bucket each; with `memory_budget` set, no more
// threads count at once than it holds, at least one); the buckets are
// written and counted in passes of about `pass_bytes` each (a file each),
// which bounds the extra disk space.
Result<std::vector<uint32_t>> FindCommonShingles(const ShingleStore& store, uint32_t max_df,
                                                 const std::string& scratch_prefix,
                                                 uint64_t memory_budget = 0,
                                                 uint64_t pass_bytes = uint64_t{4} << 30);

// What candidate generation reads, on disk: the band keys and anchors of
// the documents that go on to it (the leaders: first members of their
// exact-duplicate groups), in leader order.
struct Sketches {
  io::StreamFile<uint64_t> band_keys;       // a stream per band, one key per leader
  io::SpillFile<uint64_t> anchors;          // leader after leader
  std::vector<uint64_t> anchor_offsets{0};  // leader i: [offsets[i], offsets[i + 1])
  uint64_t profiles_without_common = 0;     // documents that lost common shingles
  uint64_t profiles_whole = 0;              // documents compared whole (mostly common text)
};

// Rewrites every document's set in the sealed `store` into its profile, in
// place (a prefix of the set), and sets its profile size in `scan`; for the
// documents in `leaders` (ascending), computes MinHash band keys and, when
// containment is on, anchors from the profile, into files named from
// `scratch_prefix` (sealed on return). `common`: the sorted common values.
// Parallel; the result does not depend on the thread count. Errors: I/O.
Result<Sketches> SketchProfiles(ScanResult* scan, ShingleStore* store,
                                const std::vector<uint32_t>& common,
                                const std::vector<uint32_t>& leaders, const DedupOptions& options,
                                const LshParams& lsh, const std::string& scratch_prefix);

}  // namespace doppel::pipeline
