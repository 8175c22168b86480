// An append-only file of fixed-size records, written once and then read
// (and, in place, rewritten) through a memory map: how a run keeps
// per-document data (shingle sets, tokens) off the heap.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "doppel/status.h"

namespace doppel::io {

// Records of type T (trivially copyable) appended by one writer, then
// sealed and read by any number of threads. The file is removed when the
// object goes.
template <typename T>
class SpillFile {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  SpillFile() = default;
  ~SpillFile() { Release(); }
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;
  SpillFile(SpillFile&& other) noexcept { *this = std::move(other); }
  SpillFile& operator=(SpillFile&& other) noexcept {
    if (this == &other) return *this;
    Release();
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    count_ = std::exchange(other.count_, 0);
    buffer_ = std::move(other.buffer_);
    data_ = std::exchange(other.data_, nullptr);
    mapped_bytes_ = std::exchange(other.mapped_bytes_, 0);
    return *this;
  }

  // Creates the backing file at `path`.
  Status Create(const std::string& path) {
    path_ = path;
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd_ < 0) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
    return Status::Ok();
  }

  // Appends records; returns the index of the first. Before Seal().
  Result<uint64_t> Append(std::span<const T> records) {
    uint64_t first = count_;
    buffer_.insert(buffer_.end(), records.begin(), records.end());
    count_ += records.size();
    if (buffer_.size() * sizeof(T) >= kFlushBytes) DOPPEL_RETURN_IF_ERROR(Flush());
    return first;
  }

  // Ends appending and maps the file.
  Status Seal() {
    DOPPEL_RETURN_IF_ERROR(Flush());
    mapped_bytes_ = count_ * sizeof(T);
    if (mapped_bytes_ == 0) return Status::Ok();  // nothing to read
    void* p = ::mmap(nullptr, mapped_bytes_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
    if (p == MAP_FAILED) return Status::IoError(path_ + ": cannot map: " + std::strerror(errno));
    data_ = static_cast<T*>(p);
    return Status::Ok();
  }

  // `count` records from `first`. After Seal(); thread-safe.
  std::span<const T> Get(uint64_t first, uint64_t count) const {
    return {data_ + first, static_cast<size_t>(count)};
  }
  // Every record. After Seal().
  std::span<const T> All() const { return {data_, static_cast<size_t>(count_)}; }
  // `count` records from `first`, to rewrite in place. After Seal(); threads
  // may write disjoint ranges at once, and must not read a range another
  // thread writes.
  std::span<T> GetMutable(uint64_t first, uint64_t count) {
    return {data_ + first, static_cast<size_t>(count)};
  }

 private:
  static constexpr size_t kFlushBytes = 4u << 20;

  Status Flush() {
    const char* p = reinterpret_cast<const char*>(buffer_.data());
    size_t left = buffer_.size() * sizeof(T);
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

  void Release() {
    if (data_ != nullptr) ::munmap(data_, mapped_bytes_);
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(path_.c_str());
    }
    data_ = nullptr;
    fd_ = -1;
  }

  std::string path_;
  int fd_ = -1;
  uint64_t count_ = 0;
  std::vector<T> buffer_;
  T* data_ = nullptr;
  size_t mapped_bytes_ = 0;
};

}  // namespace doppel::io
