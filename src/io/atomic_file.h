// Output files that appear whole or not at all.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "doppel/status.h"

namespace doppel::io {

// Writes to "<dir>/.<name>.tmp" and renames it to "<dir>/<name>" on Commit().
// A file that is never committed is removed. Not thread-safe.
//
// Commit() syncs the file to disk. So that it need not then wait for all of
// it, the disk write of every kWriteBackBytes written is started as the
// file grows (on Linux): the device works while the caller goes on.
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

  // Bytes between the starts of early write-back.
  static constexpr uint64_t kWriteBackBytes = uint64_t{8} << 20;

 private:
  // Starts writing to disk what was written since the last start, once
  // that is kWriteBackBytes or more.
  Status StartWriteBack();

  std::string path_;
  std::string tmp_path_;
  std::FILE* file_ = nullptr;
  uint64_t written_ = 0;       // bytes handed to Write
  uint64_t written_back_ = 0;  // of which write-back has started
};

}  // namespace doppel::io
