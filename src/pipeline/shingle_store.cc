#include "pipeline/shingle_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace doppel::pipeline {

ShingleStore::~ShingleStore() { Release(); }

void ShingleStore::Release() {
  if (data_ != nullptr) ::munmap(const_cast<uint32_t*>(data_), mapped_bytes_);
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  data_ = nullptr;
  fd_ = -1;
}

ShingleStore& ShingleStore::operator=(ShingleStore&& other) noexcept {
  if (this == &other) return *this;
  Release();
  path_ = std::move(other.path_);
  fd_ = std::exchange(other.fd_, -1);
  values_ = std::exchange(other.values_, 0);
  buffer_ = std::move(other.buffer_);
  data_ = std::exchange(other.data_, nullptr);
  mapped_bytes_ = std::exchange(other.mapped_bytes_, 0);
  return *this;
}

Status ShingleStore::Create(const std::string& path) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  buffer_.reserve(1 << 20);
  return Status::Ok();
}

Status ShingleStore::Flush() {
  const char* p = reinterpret_cast<const char*>(buffer_.data());
  size_t left = buffer_.size() * sizeof(uint32_t);
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

Result<uint64_t> ShingleStore::Append(std::span<const uint32_t> set) {
  uint64_t offset = values_;
  buffer_.insert(buffer_.end(), set.begin(), set.end());
  values_ += set.size();
  if (buffer_.size() >= (1u << 20)) DOPPEL_RETURN_IF_ERROR(Flush());
  return offset;
}

Status ShingleStore::Seal() {
  DOPPEL_RETURN_IF_ERROR(Flush());
  mapped_bytes_ = values_ * sizeof(uint32_t);
  if (mapped_bytes_ == 0) return Status::Ok();  // nothing to map; Get() is never called
  void* p = ::mmap(nullptr, mapped_bytes_, PROT_READ, MAP_SHARED, fd_, 0);
  if (p == MAP_FAILED) return Status::IoError(path_ + ": cannot map: " + std::strerror(errno));
  data_ = static_cast<const uint32_t*>(p);
  return Status::Ok();
}

void ToStoredSet(std::span<const uint64_t> shingles, std::vector<uint32_t>* out) {
  out->resize(shingles.size());
  for (size_t i = 0; i < shingles.size(); ++i) (*out)[i] = static_cast<uint32_t>(shingles[i] >> 32);
  if (out->size() < 64) {
    std::sort(out->begin(), out->end());
  } else {  // a radix sort, four passes of 8 bits: no comparisons to mispredict
    thread_local std::vector<uint32_t> scratch;
    scratch.resize(out->size());
    for (int shift = 0; shift < 32; shift += 8) {
      uint32_t count[257] = {0};
      for (uint32_t v : *out) ++count[((v >> shift) & 0xFF) + 1];
      for (int i = 0; i < 256; ++i) count[i + 1] += count[i];
      for (uint32_t v : *out) scratch[count[(v >> shift) & 0xFF]++] = v;
      out->swap(scratch);
    }
  }
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

uint64_t IntersectionSize(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  // Branch-free merge: the comparisons of sorted random values are
  // unpredictable, so both cursors advance by arithmetic, not by branches.
  uint64_t count = 0;
  size_t i = 0;
  size_t j = 0;
  const size_t na = a.size();
  const size_t nb = b.size();
  while (i < na && j < nb) {
    const uint32_t x = a[i];
    const uint32_t y = b[j];
    count += x == y;
    i += x <= y;
    j += y <= x;
  }
  return count;
}

}  // namespace doppel::pipeline
