// A JSON Lines output file: lines are buffered and the file is written
// atomically (see AtomicFile).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/atomic_file.h"

namespace doppel::io {

class JsonlWriter {
 public:
  Status Open(const std::string& path);
  // Appends `line` and a newline.
  Status Line(std::string_view line);
  // Appends bytes [offset, offset + bytes) of the open file `fd` (named
  // `name` in messages) as they are (whole lines, "\n" included), read
  // straight into the buffer. Errors: I/O, and a file shorter than that.
  Status CopyFrom(int fd, const std::string& name, uint64_t offset, uint64_t bytes);
  // Writes what is buffered and renames the file into place.
  Status Commit();

 private:
  static constexpr size_t kBufferBytes = 1 << 20;
  Status Flush();

  AtomicFile file_;
  std::vector<char> buffer_;
  size_t used_ = 0;
};

}  // namespace doppel::io
