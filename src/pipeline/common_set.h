// Membership in the set of common shingle values, asked once for every
// stored value of every document when profiles are made: the test must be
// fast when the answer is "no" (most values) and not slow when it is "yes".
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace doppel::pipeline {

// A fixed set of stored shingle values (hash bits, so already spread). A
// bitmap in front answers "no" for most values at one look; an
// open-addressing table, at most half full, answers the rest. The bitmap
// has about 32 bits a value (so it stays in cache) and is indexed by a
// value's low bits; the table by its high bits.
class CommonSet {
 public:
  // The set of `values` (any order; repeats are fine).
  explicit CommonSet(std::span<const uint32_t> values)
      : bit_mask_(std::clamp<uint32_t>(std::bit_ceil(static_cast<uint32_t>(
                                           std::min<size_t>(values.size(), 1u << 20) * 32)),
                                       1u << 12, 1u << 22) -
                  1),
        bits_((bit_mask_ + 1) / 64, 0),
        slot_shift_(32 - std::bit_width(std::bit_ceil(std::max<size_t>(values.size() * 2, 2)) - 1)),
        slots_(size_t{1} << (32 - slot_shift_), kFree) {
    for (uint32_t v : values) {
      bits_[(v & bit_mask_) / 64] |= uint64_t{1} << (v % 64);
      if (v == kFree) {
        has_free_value_ = true;
        continue;
      }
      size_t i = v >> slot_shift_;
      while (slots_[i] != kFree && slots_[i] != v) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = v;
    }
  }

  // Whether v is in the set. Thread-safe.
  bool Contains(uint32_t v) const {
    if ((bits_[(v & bit_mask_) / 64] >> (v % 64) & 1) == 0) return false;
    if (v == kFree) return has_free_value_;
    for (size_t i = v >> slot_shift_;; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == v) return true;
      if (slots_[i] == kFree) return false;
    }
  }

 private:
  static constexpr uint32_t kFree = 0;  // marks a free slot; the value 0 is has_free_value_

  uint32_t bit_mask_;
  std::vector<uint64_t> bits_;
  int slot_shift_;
  std::vector<uint32_t> slots_;
  bool has_free_value_ = false;
};

}  // namespace doppel::pipeline
