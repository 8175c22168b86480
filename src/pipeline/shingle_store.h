// Each document's shingle set, spilled to a temporary file so that exact
// verification never needs document text in memory.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "doppel/status.h"

namespace doppel::pipeline {

// Sets are stored as sorted, unique 32-bit values: the top half of each
// 64-bit shingle hash. Two different shingles of a pair of documents agree on
// 32 bits with probability about |A|·|B| / 2^32 (1e-4 for two 1,000-shingle
// pages), which moves a score by one shingle at most.
class ShingleStore {
 public:
  ShingleStore() = default;
  ~ShingleStore();
  ShingleStore(const ShingleStore&) = delete;
  ShingleStore& operator=(const ShingleStore&) = delete;
  ShingleStore(ShingleStore&& other) noexcept { *this = std::move(other); }
  // Releases this store's file and mapping, then takes over `other`'s.
  ShingleStore& operator=(ShingleStore&& other) noexcept;

  // Creates the backing file at `path` (removed when the store is destroyed).
  Status Create(const std::string& path);
  // Appends one set; returns its offset (in values). Single writer.
  Result<uint64_t> Append(std::span<const uint32_t> set);
  // Ends writing and maps the file for reading.
  Status Seal();
  // The set at `offset` of `count` values. After Seal(); thread-safe.
  std::span<const uint32_t> Get(uint64_t offset, uint32_t count) const {
    return {data_ + offset, count};
  }
  // Every stored value, set after set. After Seal().
  std::span<const uint32_t> All() const { return {data_, values_}; }

 private:
  std::string path_;
  int fd_ = -1;
  uint64_t values_ = 0;
  std::vector<uint32_t> buffer_;
  const uint32_t* data_ = nullptr;
  size_t mapped_bytes_ = 0;
  Status Flush();
  void Release();
};

// The stored form of a document's 64-bit shingle hashes (in any order,
// repeats allowed): the sorted, unique top halves.
void ToStoredSet(std::span<const uint64_t> shingles, std::vector<uint32_t>* out);

// |A ∩ B| of two sorted, unique sets.
uint64_t IntersectionSize(std::span<const uint32_t> a, std::span<const uint32_t> b);

}  // namespace doppel::pipeline
