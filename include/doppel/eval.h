// Scoring a run against ground truth: how many duplicate pairs it found,
// how many it invented, and what its keep decisions cost.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "doppel/status.h"

namespace doppel {

struct EvalOptions {
  std::string label_field = "cluster";  // truth: documents with equal labels are copies
  std::string id_field = "id";          // truth: the document id
};

// Metrics over the documents that have a truth value of `field`.
struct EvalGroup {
  std::string field;
  std::string value;
  uint64_t documents = 0;
  double bcubed_precision = 0;
  double bcubed_recall = 0;
  uint64_t wrongly_removed = 0;
};

struct EvalReport {
  std::string run_kind;             // "documents" or "pairs"
  uint64_t documents = 0;           // in both the run and the truth
  uint64_t missing_from_run = 0;    // truth documents the run does not mention
  uint64_t missing_from_truth = 0;  // run documents the truth does not mention
  // Pairwise, over unordered pairs of documents in one cluster.
  uint64_t true_pairs = 0;
  uint64_t predicted_pairs = 0;
  uint64_t correct_pairs = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  double adjusted_rand_index = 0;
  double bcubed_precision = 0;
  double bcubed_recall = 0;
  double bcubed_f1 = 0;
  // Keep decisions (documents.jsonl only).
  bool has_decisions = false;
  uint64_t wrongly_removed = 0;  // removed as a duplicate of a document of another truth cluster
  uint64_t wrongly_kept = 0;     // kept although a copy of it was kept too
  std::vector<EvalGroup> breakdown;  // by each other categorical truth field
};

// Compares a run with the truth. `run` is a dedup output directory, its
// documents.jsonl, or a pairs.jsonl (clusters are then the connected
// components of the listed pairs). `truth` is JSON Lines with an id and a
// label per document; its other fields with few distinct values (strings,
// numbers, booleans, or arrays of them or of objects, by their first string
// field) give the breakdown. Errors name the file and line.
Result<EvalReport> Evaluate(const std::string& run, const std::string& truth,
                            const EvalOptions& options);

}  // namespace doppel
