// A JSON Lines output file: lines are buffered and the file is written
// atomically (see AtomicFile).
#pragma once

#include <string>
#include <string_view>

#include "io/atomic_file.h"

namespace doppel::io {

class JsonlWriter {
 public:
  Status Open(const std::string& path) { return file_.Open(path); }
  // Appends `line` and a newline.
  Status Line(std::string_view line) {
    buffer_.append(line);
    buffer_.push_back('\n');
    if (buffer_.size() < kFlushBytes) return Status::Ok();
    Status s = file_.Write(buffer_);
    buffer_.clear();
    return s;
  }
  // Writes what is buffered and renames the file into place.
  Status Commit() {
    DOPPEL_RETURN_IF_ERROR(file_.Write(buffer_));
    buffer_.clear();
    return file_.Commit();
  }

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  AtomicFile file_;
  std::string buffer_;
};

}  // namespace doppel::io
