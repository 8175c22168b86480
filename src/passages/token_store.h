// Every document's tokens (hash and original byte range), spilled to a
// scratch file so that passages can be aligned without holding text.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "doppel/status.h"

namespace doppel::passages {

struct StoredToken {
  uint64_t hash;
  uint32_t begin;  // byte offsets in the original text
  uint32_t end;
};

class TokenStore {
 public:
  TokenStore() = default;
  ~TokenStore();
  TokenStore(const TokenStore&) = delete;
  TokenStore& operator=(const TokenStore&) = delete;

  Status Create(const std::string& path);
  // Appends one document's tokens; returns their offset. Single writer.
  Result<uint64_t> Append(std::span<const StoredToken> tokens);
  Status Seal();
  // After Seal(); thread-safe.
  std::span<const StoredToken> Get(uint64_t offset, uint32_t count) const {
    return {data_ + offset, count};
  }

 private:
  Status Flush();
  std::string path_;
  int fd_ = -1;
  uint64_t count_ = 0;
  std::vector<StoredToken> buffer_;
  const StoredToken* data_ = nullptr;
  size_t mapped_bytes_ = 0;
};

}  // namespace doppel::passages
