// Many append-only streams of records in one scratch file: how a stage
// scatters values into buckets on disk (document-frequency buckets, LSH
// bands, the spilled anchor index's postings and partitions) without a file
// for each. Creating and removing a file costs a filesystem far more than
// writing a block (on ext4 after many removals, and on network
// filesystems, milliseconds), and a run would otherwise make hundreds.
#pragma once

#include <fcntl.h>  // fallocate

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "doppel/status.h"
#include "io/scratch_file.h"

namespace doppel::io {

// Streams of records of type T (trivially copyable), each appended to, then
// read back whole, in order. Each stream gathers its records in a buffer of
// its own and writes it out as a chunk at the end of the file when full;
// the stream remembers where its chunks are. The file is removed when the
// object goes.
template <typename T>
class StreamFile {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  StreamFile() = default;
  ~StreamFile() { Release(); }
  StreamFile(const StreamFile&) = delete;
  StreamFile& operator=(const StreamFile&) = delete;
  // Moves are for handing a file on between stages, never while it is in
  // use.
  StreamFile(StreamFile&& other) noexcept { *this = std::move(other); }
  StreamFile& operator=(StreamFile&& other) noexcept {
    if (this == &other) return *this;
    Release();
    file_ = std::move(other.file_);
    buffer_records_ = other.buffer_records_;
    streams_ = std::move(other.streams_);
    num_streams_ = std::exchange(other.num_streams_, 0);
    end_.store(other.end_.load());
    return *this;
  }

  // Creates the file at `path` with `streams` streams, each writing a chunk
  // whenever `buffer_bytes` of its records are waiting (so up to
  // streams x buffer_bytes wait in memory).
  Status Create(const std::string& path, size_t streams, size_t buffer_bytes) {
    Release();
    buffer_records_ = std::max<size_t>(1, buffer_bytes / sizeof(T));
    streams_ = std::make_unique<Stream[]>(streams);
    num_streams_ = streams;
    end_.store(0);
    return file_.Create(path);
  }

  size_t streams() const { return num_streams_; }

  // Appends records to stream `s`. Threads may append to distinct streams
  // at once, not to the same one.
  Status Append(size_t s, std::span<const T> records) {
    Stream& stream = streams_[s];
    stream.count += records.size();
    while (!records.empty()) {
      if (stream.buffer.capacity() < buffer_records_) stream.buffer.reserve(buffer_records_);
      const size_t take = std::min(records.size(), buffer_records_ - stream.buffer.size());
      stream.buffer.insert(stream.buffer.end(), records.begin(), records.begin() + take);
      records = records.subspan(take);
      if (stream.buffer.size() == buffer_records_) DOPPEL_RETURN_IF_ERROR(WriteChunk(&stream));
    }
    return Status::Ok();
  }

  // Writes out what every stream still holds and lets go of the buffers.
  // Call before reading; no Append after it.
  Status Seal() {
    for (size_t s = 0; s < num_streams_; ++s) {
      DOPPEL_RETURN_IF_ERROR(WriteChunk(&streams_[s]));
      std::vector<T>().swap(streams_[s].buffer);
    }
    return Status::Ok();
  }

  // The records appended to stream `s`.
  uint64_t size(size_t s) const { return streams_[s].count; }

  // Calls fn(std::span<const T>) on stream s's records, a chunk at a time,
  // in order. After Seal(); thread-safe for distinct streams.
  template <typename Fn>
  Status ForEachChunk(size_t s, const Fn& fn) const {
    std::vector<T> buffer;
    const Stream& stream = streams_[s];
    for (size_t c = 0; c < stream.chunks.size(); ++c) {
      buffer.resize(ChunkCount(stream, c));
      DOPPEL_RETURN_IF_ERROR(
          file_.ReadAt(ChunkOffset(stream, c), buffer.data(), buffer.size() * sizeof(T)));
      fn(std::span<const T>(buffer));
    }
    return Status::Ok();
  }

  // Stream s's records, in order, in *out. After Seal(); thread-safe for
  // distinct streams.
  Status Read(size_t s, std::vector<T>* out) const {
    const Stream& stream = streams_[s];
    out->resize(stream.count);
    T* to = out->data();
    for (size_t c = 0; c < stream.chunks.size(); ++c) {
      const uint64_t count = ChunkCount(stream, c);
      DOPPEL_RETURN_IF_ERROR(file_.ReadAt(ChunkOffset(stream, c), to, count * sizeof(T)));
      to += count;
    }
    return Status::Ok();
  }

  // Lets go of stream s's records on disk and in the page cache, where the
  // filesystem can free part of a file (else they stay until the file
  // goes). After Seal(); thread-safe for distinct streams.
  void Discard(size_t s) {
    Stream& stream = streams_[s];
    for (size_t c = 0; c < stream.chunks.size(); ++c) {
      ::fallocate(file_.fd(), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                  static_cast<off_t>(ChunkOffset(stream, c)),
                  static_cast<off_t>(ChunkCount(stream, c) * sizeof(T)));
    }
    std::vector<uint32_t>().swap(stream.chunks);
    stream.count = 0;
  }

 private:
  // A stream's chunks, in order: full ones (buffer_records_ records), which
  // Append writes at a multiple of the chunk size and are known by that
  // multiple (4 bytes a chunk), and at most one last, shorter one, which
  // Seal writes after every full chunk of the file.
  struct Stream {
    std::vector<T> buffer;
    std::vector<uint32_t> chunks;  // each chunk's offset / chunk_bytes(), or kTail
    uint64_t tail_offset = 0;      // the shorter chunk's, in bytes
    uint64_t count = 0;
  };
  static constexpr uint32_t kTail = UINT32_MAX;

  uint64_t chunk_bytes() const { return buffer_records_ * sizeof(T); }
  uint64_t ChunkOffset(const Stream& stream, size_t c) const {
    return stream.chunks[c] == kTail ? stream.tail_offset : stream.chunks[c] * chunk_bytes();
  }
  uint64_t ChunkCount(const Stream& stream, size_t c) const {
    return stream.chunks[c] == kTail ? stream.count % buffer_records_ : buffer_records_;
  }

  // Writes the stream's buffered records at the end of the file (claimed
  // atomically, so streams write at once) and empties the buffer: a full
  // chunk while appending, the shorter last one when sealing.
  Status WriteChunk(Stream* stream) {
    if (stream->buffer.empty()) return Status::Ok();
    const size_t bytes = stream->buffer.size() * sizeof(T);
    const uint64_t offset = end_.fetch_add(bytes);
    DOPPEL_RETURN_IF_ERROR(file_.WriteAt(offset, stream->buffer.data(), bytes));
    if (stream->buffer.size() == buffer_records_) {
      const uint64_t index = offset / chunk_bytes();
      if (index >= kTail) return Status::IoError(file_.path() + ": too many chunks");
      stream->chunks.push_back(static_cast<uint32_t>(index));
    } else {
      stream->tail_offset = offset;
      stream->chunks.push_back(kTail);
    }
    stream->buffer.clear();
    return Status::Ok();
  }

  // Removes the file and forgets the streams.
  void Release() {
    file_ = ScratchFile();
    streams_.reset();
    num_streams_ = 0;
  }

  ScratchFile file_;
  size_t buffer_records_ = 1;
  std::unique_ptr<Stream[]> streams_;
  size_t num_streams_ = 0;
  std::atomic<uint64_t> end_{0};
};

}  // namespace doppel::io
