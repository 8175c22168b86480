// The dedup run: read a corpus, find exact and near-duplicate documents and
// documents contained in others, cluster them, keep one per cluster, and
// write the deduplicated corpus with its evidence. See docs/dedup.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "doppel/candidates.h"
#include "doppel/cluster.h"
#include "doppel/input.h"
#include "doppel/lsh.h"
#include "doppel/normalize.h"
#include "doppel/observer.h"
#include "doppel/shingle.h"
#include "doppel/status.h"

namespace doppel {

struct DedupOptions {
  NormalizeOptions normalize;
  ShingleOptions shingle;
  // Similarity thresholds: Jaccard for near-duplicates, containment for a
  // document lying mostly inside another. Both in (0, 1].
  ClusterThresholds thresholds{kDefaultJaccard};
  // Find contained documents (anchor index). Off: Jaccard near-duplicates only.
  bool containment = true;
  // Shingles found in more documents than this are common (boilerplate,
  // stock phrases) and left out of comparisons (see docs/dedup.md).
  // Unset (the default): CommonDfFor(documents read). 0: keep every shingle.
  std::optional<uint32_t> common_df;
  AnchorOptions anchors;
  // MinHash signature length: 1 to 4096. Cost grows linearly. Default 128.
  int num_hashes = 128;
  // LSH bands x rows; both 0 (the default): chosen from thresholds.jaccard by
  // ChooseLshParams. Otherwise bands * rows <= num_hashes.
  int bands = 0;
  int rows = 0;
  // The exact reference: no sketches. Every pair of documents that shares a
  // shingle is scored exactly (an inverted index over all shingles), so the
  // result is what the thresholds alone decide. Memory and time grow with
  // the text; meant for corpora up to about 100k documents.
  bool exact = false;
  // Seed of the MinHash hash functions.
  uint64_t seed = 1;
  KeepPolicy keep = KeepPolicy::kLongest;
  InputOptions input;
  // Stop at the first rejected document instead of recording it.
  bool strict = false;
  // Worker threads; 0 uses every core. Outputs do not depend on it.
  int threads = 0;
  // Memory the run aims to stay under, in bytes; 0: no limit. Stages whose
  // memory grows with the corpus spill to files in the output folder when
  // theirs would not fit (today: the anchor index). Outputs do not depend on it.
  uint64_t memory_limit = 0;
};

// The default document-frequency limit for common shingles in a corpus of
// `documents`: 0.1% of the documents, and at least 20.
uint32_t CommonDfFor(uint64_t documents);

// Checks every option; the message names the command-line flag at fault.
Status ValidateDedupOptions(const DedupOptions& options);

struct DedupSummary {
  uint64_t read = 0;
  uint64_t kept = 0;
  uint64_t duplicate = 0;
  uint64_t rejected = 0;
  // Duplicates by how they match their kept document: exact, near
  // (Jaccard), contained, transitive (through other cluster members).
  uint64_t by_match[4] = {0, 0, 0, 0};
  uint64_t clusters = 0;  // clusters with more than one document
  uint64_t largest_cluster = 0;
  uint64_t duplicate_ids = 0;  // documents whose id an earlier document has
  uint64_t candidate_pairs = 0;
  uint64_t verified_pairs = 0;
  LshParams lsh;
  double collision_at_threshold = 0;  // P(candidate) for a pair at the Jaccard threshold
  double seconds = 0;
};

// Reads `inputs` (directories of text files, JSONL files, optionally gzip or
// zstd compressed, "-" for JSONL on standard input) and writes documents.jsonl,
// kept.jsonl, pairs.jsonl and stats.json into `out_dir` (created if needed),
// each atomically. Inputs are all checked before any work. Rejected documents
// are recorded, not fatal, unless options.strict. `observer` may be null.
// Errors: invalid options, unreadable inputs, I/O failures, the first
// rejected document under strict.
Result<DedupSummary> RunDedup(const std::vector<std::string>& inputs, const std::string& out_dir,
                              const DedupOptions& options, RunObserver* observer);

}  // namespace doppel
