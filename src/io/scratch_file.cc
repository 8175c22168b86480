#include "io/scratch_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace doppel::io {

ScratchFile::ScratchFile(ScratchFile&& other) noexcept { *this = std::move(other); }

ScratchFile& ScratchFile::operator=(ScratchFile&& other) noexcept {
  if (this == &other) return *this;
  Remove();
  path_ = std::move(other.path_);
  fd_ = std::exchange(other.fd_, -1);
  return *this;
}

Status ScratchFile::Create(const std::string& path) {
  Remove();
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  return Status::Ok();
}

Status ScratchFile::WriteAt(uint64_t offset, const void* data, size_t bytes) const {
  const char* p = static_cast<const char*>(data);
  for (size_t done = 0; done < bytes;) {
    const ssize_t n = ::pwrite(fd_, p + done, bytes - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path_ + ": write failed: " + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status ScratchFile::ReadAt(uint64_t offset, void* out, size_t bytes) const {
  char* to = static_cast<char*>(out);
  for (size_t done = 0; done < bytes;) {
    const ssize_t n = ::pread(fd_, to + done, bytes - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return Status::IoError(
          path_ + ": read failed: " + (n < 0 ? std::strerror(errno) : "file shorter than written"));
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

void ScratchFile::Remove() {
  if (fd_ < 0) return;
  ::close(fd_);
  ::unlink(path_.c_str());
  fd_ = -1;
}

}  // namespace doppel::io
