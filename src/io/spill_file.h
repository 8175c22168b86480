// An append-only file of fixed-size records, written once and then read
// through a memory map or by copy (and rewritten in place, by pwrite): how
// a run keeps per-document data (shingle sets, tokens) off the heap.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "doppel/status.h"
#include "io/scratch_file.h"

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
    file_ = std::move(other.file_);
    count_ = std::exchange(other.count_, 0);
    buffer_bytes_ = other.buffer_bytes_;
    buffer_ = std::move(other.buffer_);
    data_ = std::exchange(other.data_, nullptr);
    mapped_bytes_ = std::exchange(other.mapped_bytes_, 0);
    read_without_map_ = other.read_without_map_;
    return *this;
  }

  // Creates the backing file at `path`. Appended records are written out
  // whenever `buffer_bytes` of them are waiting.
  Status Create(const std::string& path, size_t buffer_bytes = kDefaultBufferBytes) {
    buffer_bytes_ = buffer_bytes;
    return file_.Create(path);
  }

  // Appends records; returns the index of the first. Before Seal().
  Result<uint64_t> Append(std::span<const T> records) {
    uint64_t first = count_;
    buffer_.insert(buffer_.end(), records.begin(), records.end());
    count_ += records.size();
    if (buffer_.size() * sizeof(T) >= buffer_bytes_) DOPPEL_RETURN_IF_ERROR(Flush());
    return first;
  }

  // Ends appending (letting go of the write buffer) and maps the file.
  Status Seal() {
    DOPPEL_RETURN_IF_ERROR(Flush());
    std::vector<T>().swap(buffer_);
    mapped_bytes_ = count_ * sizeof(T);
    if (mapped_bytes_ == 0) return Status::Ok();  // nothing to read
    void* p = ::mmap(nullptr, mapped_bytes_, PROT_READ, MAP_SHARED, file_.fd(), 0);
    if (p == MAP_FAILED) {
      return Status::IoError(file_.path() + ": cannot map: " + std::strerror(errno));
    }
    data_ = static_cast<T*>(p);
    return Status::Ok();
  }

  // `count` records from `first`. After Seal(); thread-safe.
  std::span<const T> Get(uint64_t first, uint64_t count) const {
    return {data_ + first, static_cast<size_t>(count)};
  }
  // From now on Read() copies records with pread() instead of handing out
  // the map: what it reads never counts in the process's resident memory
  // (the kernel maps whole large folios on a fault, so random reads through
  // the map can hold far more than they use).
  void ReadWithoutMap(bool on) { read_without_map_ = on; }

  // `count` records from `first`: a view of the map, or, after
  // ReadWithoutMap(true), a copy in *buffer. After Seal(); thread-safe.
  std::span<const T> Read(uint64_t first, uint64_t count, std::vector<T>* buffer) const {
    if (!read_without_map_ || count == 0) return Get(first, count);
    buffer->resize(count);
    if (!CopyOut(first, count, buffer->data())) return Get(first, count);
    return {buffer->data(), static_cast<size_t>(count)};
  }
  // Every record, copied into *out without touching the map, so that a
  // file read whole into memory is held once (the copy), not twice (the
  // copy and the mapped pages). After Seal(); thread-safe.
  void CopyAll(std::vector<T>* out) const {
    out->resize(count_);
    if (count_ > 0 && !CopyOut(0, count_, out->data())) {
      std::copy(data_, data_ + count_, out->begin());  // the map holds the same bytes
    }
  }

  // Calls fn(std::span<const T>) on every record, in order, a block of
  // `block` records at a time, each block copied like CopyAll: a file read
  // through once costs a block of memory, not its mapped pages. After
  // Seal(); thread-safe.
  template <typename Fn>
  void ForEachBlockCopied(const Fn& fn, uint64_t block = uint64_t{1} << 16) const {
    std::vector<T> buffer;
    for (uint64_t first = 0; first < count_; first += block) {
      const uint64_t count = std::min(block, count_ - first);
      buffer.resize(count);
      if (!CopyOut(first, count, buffer.data())) {
        std::copy(data_ + first, data_ + first + count, buffer.begin());  // the map holds them
      }
      fn(std::span<const T>(buffer));
    }
  }

  // The number of records appended so far.
  uint64_t size() const { return count_; }
  // Starts fetching the first records of [first, first + count) into the
  // cache, when reads go through the map (pages not mapped yet are left
  // alone). After Seal(); thread-safe.
  void Prefetch(uint64_t first, uint64_t count) const {
    if (read_without_map_ || data_ == nullptr) return;
    constexpr size_t kLines = 4;
    const char* begin = reinterpret_cast<const char*>(data_ + first);
    const size_t bytes = std::min<size_t>(count * sizeof(T), kLines * 64);
    for (size_t at = 0; at < bytes; at += 64) __builtin_prefetch(begin + at);
  }
  // Every record. After Seal().
  std::span<const T> All() const { return {data_, static_cast<size_t>(count_)}; }
  // Lets go of the mapped pages this process has touched: they stay in the
  // kernel's page cache (or go back to disk under memory pressure) and are
  // mapped again when next read; what was rewritten is kept. Keeps
  // the resident set to what a stage uses, not all it has read. After
  // Seal(); not while other threads read.
  void DropResidentPages() const { DropResidentPages(0, count_); }
  // The same for the whole pages inside records [first, first + count)
  // alone, so threads may drop the ranges they have finished with while
  // others work on theirs.
  void DropResidentPages(uint64_t first, uint64_t count) const {
    if (data_ == nullptr || count == 0) return;
    const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<uintptr_t>(data_ + first);
    const auto end = reinterpret_cast<uintptr_t>(data_ + first + count);
    const uintptr_t inner_begin = (begin + page - 1) / page * page;
    const uintptr_t inner_end = end / page * page;
    if (inner_begin < inner_end) {
      ::madvise(reinterpret_cast<void*>(inner_begin), inner_end - inner_begin, MADV_DONTNEED);
    }
  }
  // Copies records [first, first + out.size()) into `out` with pread, not
  // through the map. After Seal(); thread-safe. Errors: I/O.
  Status CopyRange(uint64_t first, std::span<T> out) const {
    return file_.ReadAt(first * sizeof(T), out.data(), out.size_bytes());
  }
  // The same into *out, resized to `count` records.
  Status CopyRange(uint64_t first, uint64_t count, std::vector<T>* out) const {
    out->resize(count);
    return CopyRange(first, std::span<T>(*out));
  }
  // Reserves the next `count` records for Overwrite to fill, and returns
  // the index of the first: for a writer that places records in order but
  // writes them from other threads. Before Seal(); by one thread; not
  // mixed with Append.
  uint64_t Reserve(uint64_t count) {
    const uint64_t first = count_;
    count_ += count;
    return first;
  }
  // Writes `records` from `first` with pwrite, not through the map: into a
  // range Reserve() gave (before Seal()), or over records already there
  // (after it: no page is faulted in for writing (on a file, each such
  // fault costs the file system's bookkeeping), and the map sees the new
  // values). Threads may write disjoint ranges at once, and must not read
  // a range another thread writes. Errors: I/O.
  Status Overwrite(uint64_t first, std::span<const T> records) const {
    return file_.WriteAt(first * sizeof(T), records.data(), records.size() * sizeof(T));
  }

 private:
  static constexpr size_t kDefaultBufferBytes = 4u << 20;

  // Copies records [first, first + count) into `out` with pread; false if
  // the file could not be read.
  bool CopyOut(uint64_t first, uint64_t count, T* out) const {
    return file_.ReadAt(first * sizeof(T), out, count * sizeof(T)).ok();
  }

  // Writes the buffered records after those already written.
  Status Flush() {
    DOPPEL_RETURN_IF_ERROR(Overwrite(count_ - buffer_.size(), buffer_));
    buffer_.clear();
    return Status::Ok();
  }

  // Unmaps the file and removes it.
  void Release() {
    if (data_ != nullptr) ::munmap(data_, mapped_bytes_);
    data_ = nullptr;
    file_ = ScratchFile();
  }

  ScratchFile file_;
  uint64_t count_ = 0;
  size_t buffer_bytes_ = kDefaultBufferBytes;
  std::vector<T> buffer_;
  T* data_ = nullptr;
  size_t mapped_bytes_ = 0;
  bool read_without_map_ = false;
};

}  // namespace doppel::io
