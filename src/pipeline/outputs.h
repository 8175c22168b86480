// The files a dedup run writes. Formats are documented in docs/dedup.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "doppel/cluster.h"
#include "doppel/dedup.h"
#include "io/document_reader.h"
#include "pipeline/scan.h"

namespace doppel::pipeline {

enum class DocStatus : uint8_t { kKept, kDuplicate, kRejected };

// How a removed document relates to the one kept in its place.
// Values index DedupSummary::by_match.
enum class MatchKind : uint8_t {
  kExact,       // same normalised text
  kNear,        // Jaccard at or above the threshold
  kContained,   // its shingles lie inside the kept document
  kTransitive,  // linked through other members of the cluster
  kNone,        // kept or rejected
};
const char* MatchKindName(MatchKind kind);

// 16 bytes a document, held while clustering and writing.
struct Verdict {
  double score = 0;             // share of the document inside its representative
  uint32_t representative = 0;  // document index of the kept member
  DocStatus status = DocStatus::kRejected;
  MatchKind match = MatchKind::kNone;
};

// documents.jsonl: one line per input document (one verdict each), in
// input order; `clusters`: each document's cluster number (by first
// appearance). Reads the scan's ids and reject reasons, not its records.
Status WriteDocuments(const std::string& path, const ScanResult& scan,
                      const std::vector<Verdict>& verdicts, const std::vector<uint32_t>& clusters);

// Whether each pair's documents are exact duplicates (the same exact
// group), one bit a pair: what pairs.jsonl needs of the scan's records,
// which can then go before the outputs are written.
std::vector<bool> ExactPairs(const ScanResult& scan, const std::vector<ScoredPair>& pairs);

// pairs.jsonl: every verified pair, with its scores and relation; `exact`
// from ExactPairs. Reads the scan's ids, not its records.
Status WritePairs(const std::string& path, const ScanResult& scan,
                  const std::vector<ScoredPair>& pairs, const std::vector<bool>& exact,
                  const ClusterThresholds& thresholds);

// kept.jsonl: the kept documents with all their original fields (a JSONL
// document's line as it was; a text file as {"id", "text"}). The kept
// lines of an uncompressed JSONL file are read from it by byte range
// (where the scan saw them; consecutive lines in one read), with no line
// splitting or parsing; other files are read a second time, whole. Errors:
// I/O, and an input that changed since the scan (another size, or another
// number of documents).
Status WriteKept(const std::string& path, const std::vector<io::InputFile>& files,
                 const DedupOptions& options, const ScanResult& scan,
                 const std::vector<Verdict>& verdicts);

}  // namespace doppel::pipeline
