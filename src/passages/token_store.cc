#include "passages/token_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace doppel::passages {

TokenStore::~TokenStore() {
  if (data_ != nullptr) ::munmap(const_cast<StoredToken*>(data_), mapped_bytes_);
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
}

Status TokenStore::Create(const std::string& path) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  return Status::Ok();
}

Status TokenStore::Flush() {
  const char* p = reinterpret_cast<const char*>(buffer_.data());
  size_t left = buffer_.size() * sizeof(StoredToken);
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path_ + ": write failed: " + std::strerror(errno));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  buffer_.clear();
  return Status::Ok();
}

Result<uint64_t> TokenStore::Append(std::span<const StoredToken> tokens) {
  uint64_t offset = count_;
  buffer_.insert(buffer_.end(), tokens.begin(), tokens.end());
  count_ += tokens.size();
  if (buffer_.size() >= (1u << 16)) DOPPEL_RETURN_IF_ERROR(Flush());
  return offset;
}

Status TokenStore::Seal() {
  DOPPEL_RETURN_IF_ERROR(Flush());
  mapped_bytes_ = count_ * sizeof(StoredToken);
  if (mapped_bytes_ == 0) return Status::Ok();
  void* p = ::mmap(nullptr, mapped_bytes_, PROT_READ, MAP_SHARED, fd_, 0);
  if (p == MAP_FAILED) return Status::IoError(path_ + ": cannot map: " + std::strerror(errno));
  data_ = static_cast<const StoredToken*>(p);
  return Status::Ok();
}

}  // namespace doppel::passages
