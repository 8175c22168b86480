// A growing array that never moves its elements: it grows by whole chunks,
// so it never copies everything, nor holds it twice, as a std::vector does
// when it outgrows its capacity. For per-document records of a corpus whose
// size is not known until it has been read.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace doppel::pipeline {

template <typename T>
class ChunkedVector {
 public:
  size_t size() const { return size_; }
  T& operator[](size_t i) { return chunks_[i >> kChunkBits][i & kMask]; }
  const T& operator[](size_t i) const { return chunks_[i >> kChunkBits][i & kMask]; }
  void push_back(const T& value) {
    if (size_ == chunks_.size() << kChunkBits) chunks_.push_back(std::make_unique<T[]>(kChunk));
    (*this)[size_++] = value;
  }
  // Calls fn(std::span<const T>) on the elements chunk by chunk, in order.
  template <typename Fn>
  void ForEachChunk(Fn&& fn) const {
    for (size_t c = 0; c < chunks_.size(); ++c) {
      fn(std::span<const T>(chunks_[c].get(), std::min(kChunk, size_ - (c << kChunkBits))));
    }
  }
  // Lets go of every element and the memory they took.
  void clear() {
    std::vector<std::unique_ptr<T[]>>().swap(chunks_);
    size_ = 0;
  }

 private:
  static constexpr size_t kChunkBits = 16;
  static constexpr size_t kChunk = size_t{1} << kChunkBits;
  static constexpr size_t kMask = kChunk - 1;
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace doppel::pipeline
