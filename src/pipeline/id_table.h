// Every document's id, in document order, kept on disk: a run reads the ids
// only to find repeated ones and to write the outputs, so they need not
// take memory for the whole run (10M web documents' URLs are ~1 GB).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "doppel/status.h"
#include "io/spill_file.h"

namespace doppel::pipeline {

class IdTable {
 public:
  // Creates the table's two files, named from `path_prefix`.
  Status Create(const std::string& path_prefix);
  // Appends the next document's id. Before Seal().
  Status Append(std::string_view id);
  // Ends appending; ids can be read from now on.
  Status Seal();

  uint64_t size() const { return ends_.size(); }
  // Document i's id, a view of the map. After Seal(); thread-safe.
  std::string_view operator[](uint64_t i) const;
  // Document i's id, copied into *out with pread, not read through the map:
  // for ids read in no order, each of which would hold the pages the
  // kernel maps around it (tens of KB of each file). After Seal();
  // thread-safe. Errors: I/O.
  Status Copy(uint64_t i, std::string* out) const;
  // Lets go of the mapped pages read so far (they stay in the page cache),
  // so that reading every id does not hold them all in memory. After
  // Seal(); not while other threads read.
  void DropResidentPages() const;

 private:
  io::SpillFile<char> bytes_;     // the ids back to back
  io::SpillFile<uint64_t> ends_;  // where each id ends in bytes_
};

}  // namespace doppel::pipeline
