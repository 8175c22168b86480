// Reused passages across a corpus: every stretch of text of at least
// `min_words` words that occurs in more than one document, where it occurs,
// and optionally a corpus with each repeated passage kept only once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "doppel/align.h"
#include "doppel/input.h"
#include "doppel/normalize.h"
#include "doppel/observer.h"
#include "doppel/status.h"

namespace doppel {

struct PassageOptions {
  NormalizeOptions normalize;
  // Shortest passage reported, in words. Default 20 (about one sentence);
  // see docs/passages.md.
  int min_words = 20;
  // Words per seed. Seeds are chosen by winnowing (the smallest hash in every
  // window of min_words - seed_words + 1 seeds), so any run of at least
  // min_words identical words between two documents shares a chosen seed.
  int seed_words = 5;
  // Inside one passage, up to this many words may differ on either side.
  int max_gap = 8;
  // Passages found in more documents than this are marked as boilerplate.
  // Unset: 0.1% of the documents, and at least 20.
  std::optional<uint32_t> boilerplate_documents;
  // Write stripped.jsonl (each passage kept in its first occurrence only)
  // and removed.jsonl (every removal).
  bool strip = false;
  InputOptions input;
  int threads = 0;  // 0: every core
};

Status ValidatePassageOptions(const PassageOptions& options);

struct PassageSummary {
  uint64_t documents = 0;
  uint64_t rejected = 0;
  uint64_t documents_with_passages = 0;
  uint64_t passages = 0;
  uint64_t boilerplate_passages = 0;
  uint64_t occurrences = 0;
  uint64_t pairs_aligned = 0;
  uint64_t removed_bytes = 0;          // with strip
  uint32_t boilerplate_documents = 0;  // the limit in force
  double seconds = 0;
};

// Reads `inputs` (as doppel dedup does) and writes passages.jsonl and
// stats.json into `out_dir`, plus stripped.jsonl and removed.jsonl with
// options.strip. `observer` may be null.
Result<PassageSummary> FindPassages(const std::vector<std::string>& inputs,
                                    const std::string& out_dir, const PassageOptions& options,
                                    RunObserver* observer);

}  // namespace doppel
