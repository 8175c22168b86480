// A file of a run's scratch data, read and written at offsets: what the
// spill and stream files keep their records in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "doppel/status.h"

namespace doppel::io {

// Created empty; closed and removed when the object goes (or is assigned
// another). Movable, not copyable. Reads and writes at distinct offsets
// may run on several threads at once.
class ScratchFile {
 public:
  ScratchFile() = default;
  ~ScratchFile() { Remove(); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  ScratchFile(ScratchFile&& other) noexcept;
  ScratchFile& operator=(ScratchFile&& other) noexcept;

  // Creates (or empties) the file at `path`, readable and writable.
  Status Create(const std::string& path);

  // Writes `bytes` bytes of `data` at `offset`, all of them.
  Status WriteAt(uint64_t offset, const void* data, size_t bytes) const;
  // Reads `bytes` bytes at `offset` into `out`, all of them; an error if
  // the file is shorter.
  Status ReadAt(uint64_t offset, void* out, size_t bytes) const;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

 private:
  void Remove();

  std::string path_;
  int fd_ = -1;
};

}  // namespace doppel::io
