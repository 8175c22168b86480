// stats.json: counts, every parameter that shaped the result, and timings.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "doppel/dedup.h"
#include "pipeline/outputs.h"
#include "pipeline/scan.h"

namespace doppel::pipeline {

struct RunFacts {
  const DedupOptions* options = nullptr;
  LshParams lsh;
  DedupSummary summary;
  uint64_t input_files = 0;
  uint64_t lsh_pairs = 0;
  uint64_t anchor_pairs = 0;
  uint64_t exact_pairs = 0;
  uint32_t common_df = 0;  // in force
  uint64_t common_shingles = 0;
  uint64_t profiles_without_common = 0;
  uint64_t profiles_whole = 0;
  AnchorStats anchor_stats;
  bool anchor_index_spilled = false;  // to disk, for --memory-limit
  int threads = 0;
  std::vector<std::pair<std::string, double>> stage_seconds;
  // The process's peak resident set at the end of each stage, in bytes.
  std::vector<std::pair<std::string, uint64_t>> stage_peak_bytes;
};

// Writes stats.json. Everything but the "run" object (threads, seconds,
// memory limit and use) is the same for the same input and options.
Status WriteStats(const std::string& path, const ScanResult& scan, const RunFacts& facts);

}  // namespace doppel::pipeline
