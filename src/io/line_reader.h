// Splits a byte stream into lines, without ever holding a line longer than a
// limit in memory.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/input_stream.h"

namespace doppel::io {

enum class LineKind {
  kLine,     // *line holds the line, without its "\n" (a final "\r" is kept)
  kTooLong,  // the line was longer than the limit; its bytes were skipped
  kEnd,      // no more lines
};

struct LineInfo {
  LineKind kind = LineKind::kEnd;
  uint64_t number = 0;   // 1-based line number
  uint64_t bytes = 0;    // the line's length in bytes, without the "\n"
  uint64_t offset = 0;   // where the line starts in the (decompressed) stream
  bool newline = false;  // a "\n" ended it (not so for a last line without one)
};

class LineReader {
 public:
  // Lines of more than max_line_bytes bytes are reported as kTooLong.
  LineReader(std::unique_ptr<InputStream> stream, uint64_t max_line_bytes);

  // Reads the next line into *line. A last line without "\n" counts.
  Result<LineInfo> Next(std::string* line);

  // Bytes consumed from the (decompressed) stream so far.
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  Status Fill();
  std::unique_ptr<InputStream> stream_;
  uint64_t max_line_bytes_;
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace doppel::io
