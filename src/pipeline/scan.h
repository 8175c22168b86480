// Pass 1 of a dedup run: read every document once, in parallel, and keep
// only what later stages need: per-document records, and the shingle sets
// (on disk).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "doppel/dedup.h"
#include "doppel/hash.h"
#include "io/document_reader.h"
#include "pipeline/chunked_vector.h"
#include "pipeline/id_table.h"
#include "pipeline/shingle_store.h"

namespace doppel::pipeline {

// What later stages keep of each document: 24 bytes, in memory for the
// whole run, so only what they read.
struct DocRecord {
  uint64_t store_offset = 0;  // of its set, then its profile, in the store
  uint32_t num_shingles = 0;  // in the stored set
  // The size of the document's profile: its distinctive shingles (common
  // ones left out, see profile.h), what it is compared by. The profile
  // replaces the set in the store, at the same offset.
  uint32_t profile_size = 0;
  // The first document with the same normalised text (itself when none
  // comes before it): two documents are exact duplicates when these agree.
  // Set from ScanResult::exact once the scan is done.
  uint32_t exact_group = 0;
  bool rejected = false;
};

// Where a document was read: for messages about it, and, for a JSONL
// document, the bytes of its line that kept.jsonl copies (see Document).
struct DocLocation {
  uint32_t file = 0;
  bool raw_newline = false;
  uint64_t line = 0;
  uint64_t raw_begin = 0;
  uint64_t raw_end = 0;
};

struct ScanResult {
  ChunkedVector<DocRecord> docs;  // grows without copying: corpora are large
  // Each document's hash of its normalised text (zero when rejected), until
  // exact groups are found from them.
  ChunkedVector<Hash128> exact;
  IdTable ids;                           // on disk
  io::SpillFile<DocLocation> locations;  // on disk, by document index
  std::vector<uint64_t> docs_per_file;   // documents (rejected included) by input file
  std::vector<uint64_t> file_bytes;      // each input file's bytes, as read (decompressed)
  // Rejected documents' reasons, by document index (ascending).
  std::vector<std::pair<uint32_t, std::string>> rejects;
  uint64_t duplicate_ids = 0;
  std::vector<std::string> duplicate_id_examples;  // the first few
  uint64_t blank_lines = 0;
  uint64_t bytes_read = 0;
};

// Reads all `files` and shingles every document. Shingle sets go to `store`
// (sealed on return); ids, and where each document was read, to files
// named from `scratch_prefix`. Errors: I/O failures; under options.strict,
// the first rejected document.
Result<ScanResult> Scan(const std::vector<io::InputFile>& files, const DedupOptions& options,
                        const std::string& scratch_prefix, ShingleStore* store,
                        RunObserver* observer);

// Moves the records out of memory into a file created at `path` (*file),
// for a stage that does not read them. Errors: I/O on the file.
Status SpillRecords(ChunkedVector<DocRecord>* records, const std::string& path,
                    io::SpillFile<DocRecord>* file);
// Reads the records SpillRecords wrote back into *records, and removes the
// file.
void RestoreRecords(io::SpillFile<DocRecord>* file, ChunkedVector<DocRecord>* records);

}  // namespace doppel::pipeline
