// Output files that appear whole or not at all.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "doppel/status.h"

namespace doppel::io {

// Writes to "<dir>/.<name>.tmp" and renames it to "<dir>/<name>" on Commit().
// A file that is never committed is removed. Not thread-safe.
class AtomicFile {
 public:
  AtomicFile() = default;
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  Status Open(const std::string& path);
  Status Write(std::string_view bytes);
  // Flushes, syncs and renames into place.
  Status Commit();

 private:
  std::string path_;
  std::string tmp_path_;
  std::FILE* file_ = nullptr;
};

}  // namespace doppel::io
