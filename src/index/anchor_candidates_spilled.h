// The anchor index in bounded memory, for dedup --memory-limit.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "doppel/candidates.h"
#include "doppel/status.h"
#include "io/spill_file.h"

namespace doppel::index {

// Where the anchor index spills, and how much memory it may hold.
struct AnchorSpill {
  std::string scratch_prefix;  // its files are named from this, and removed when done
  uint64_t memory_bytes = 0;   // for the postings or shared ranges in memory at once
  // Read a partition's run documents in one pass in file order, when they
  // fit in half of memory_bytes; false reads them range by range (slower,
  // less memory).
  bool gather_runs = true;
};

// AnchorCandidates' pairs and stats in bounded memory, for the documents
// whose sorted anchors are `anchors` (sealed; read by copy from now on, never
// through its map) at `offsets`. Postings are bucketed by anchor, and each
// document's shared anchors partitioned by document, in files; each bucket,
// then each partition, is in memory alone. Memory: about
// spill.memory_bytes, plus 1 to 4 bytes a document per thread, plus the
// pairs. Errors: I/O on the spill files.
Result<std::vector<DocPair>> AnchorCandidatesSpilled(std::span<const uint64_t> offsets,
                                                     io::SpillFile<uint64_t>* anchors,
                                                     const AnchorOptions& options,
                                                     AnchorStats* stats, const AnchorSpill& spill);

}  // namespace doppel::index
