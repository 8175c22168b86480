#include "io/line_reader.h"

#include <cstring>

namespace doppel::io {

LineReader::LineReader(std::unique_ptr<InputStream> stream, uint64_t max_line_bytes)
    : stream_(std::move(stream)), max_line_bytes_(max_line_bytes), buf_(1 << 20) {}

Status LineReader::Fill() {
  auto got = stream_->Read(buf_.data(), buf_.size());
  if (!got.ok()) return got.status();
  pos_ = 0;
  end_ = *got;
  eof_ = end_ == 0;
  return Status::Ok();
}

Result<LineInfo> LineReader::Next(std::string* line) {
  line->clear();
  LineInfo info;
  info.offset = bytes_read_;
  bool any = false;
  bool too_long = false;
  for (;;) {
    if (pos_ == end_) {
      if (eof_) break;
      DOPPEL_RETURN_IF_ERROR(Fill());
      if (eof_) break;
    }
    any = true;
    const char* start = buf_.data() + pos_;
    const auto* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
    size_t chunk = nl ? static_cast<size_t>(nl - start) : end_ - pos_;
    info.bytes += chunk;
    if (!too_long) {
      if (info.bytes > max_line_bytes_) {
        too_long = true;
        line->clear();
        line->shrink_to_fit();
      } else {
        line->append(start, chunk);
      }
    }
    pos_ += chunk;
    bytes_read_ += chunk;
    if (nl) {
      ++pos_;
      ++bytes_read_;
      info.number = ++line_number_;
      info.kind = too_long ? LineKind::kTooLong : LineKind::kLine;
      info.newline = true;
      return info;
    }
  }
  if (!any) return LineInfo{LineKind::kEnd, line_number_, 0};
  info.number = ++line_number_;
  info.kind = too_long ? LineKind::kTooLong : LineKind::kLine;
  return info;
}

}  // namespace doppel::io
