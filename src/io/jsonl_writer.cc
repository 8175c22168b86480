#include "io/jsonl_writer.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace doppel::io {

Status JsonlWriter::Open(const std::string& path) {
  buffer_.resize(kBufferBytes);
  used_ = 0;
  return file_.Open(path);
}

Status JsonlWriter::Line(std::string_view line) {
  if (used_ + line.size() + 1 > buffer_.size()) {
    DOPPEL_RETURN_IF_ERROR(Flush());
    if (line.size() + 1 > buffer_.size()) {  // longer than the buffer: straight through
      DOPPEL_RETURN_IF_ERROR(file_.Write(line));
      return file_.Write("\n");
    }
  }
  std::memcpy(buffer_.data() + used_, line.data(), line.size());
  used_ += line.size();
  buffer_[used_++] = '\n';
  return Status::Ok();
}

Status JsonlWriter::CopyFrom(int fd, const std::string& name, uint64_t offset, uint64_t bytes) {
  while (bytes > 0) {
    if (used_ == buffer_.size()) DOPPEL_RETURN_IF_ERROR(Flush());
    const size_t take = static_cast<size_t>(std::min<uint64_t>(bytes, buffer_.size() - used_));
    const ssize_t n = ::pread(fd, buffer_.data() + used_, take, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IoError(name + ": read failed: " + std::strerror(errno));
    if (n == 0) return Status::IoError(name + ": shorter than when it was read");
    used_ += static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
    bytes -= static_cast<uint64_t>(n);
  }
  return Status::Ok();
}

Status JsonlWriter::Commit() {
  DOPPEL_RETURN_IF_ERROR(Flush());
  return file_.Commit();
}

Status JsonlWriter::Flush() {
  Status s = file_.Write(std::string_view(buffer_.data(), used_));
  used_ = 0;
  return s;
}

}  // namespace doppel::io
