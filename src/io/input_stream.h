// Byte streams over files, compressed files and standard input.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "doppel/status.h"

namespace doppel::io {

// A forward-only source of bytes. Not thread-safe.
class InputStream {
 public:
  virtual ~InputStream() = default;
  // Reads up to n bytes into buf; returns the count, 0 at the end.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// Opens `path` for reading, decompressing gzip or zstd when the file starts
// with their magic numbers (whatever its name). Errors name the path.
Result<std::unique_ptr<InputStream>> OpenInputStream(const std::string& path);

// True when the file at `path` starts with the gzip or zstd magic number.
Result<bool> IsCompressed(const std::string& path);

// Checks that `path` exists, is a regular file and can be opened for reading.
Status CheckReadable(const std::string& path);

}  // namespace doppel::io
