// Membership in a fixed set of hash values, asked far more often than the
// answer is "yes": the common shingles, asked once for every stored value
// of every document when profiles are made, and the anchors ignored for
// their document frequency, asked for every anchor when the anchor index
// sums up each document. The test must be fast when the answer is "no" and
// not slow when it is "yes".
#pragma once

#include <algorithm>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace doppel::util {

// A fixed set of values whose low bits are evenly spread (hash bits). A
// bitmap in front answers "no" for most values at one look; an
// open-addressing table, at most half full, answers the rest. The bitmap
// has about 32 bits a value (so it stays in cache) and is indexed by a
// value's low bits; the table by a multiplicative hash of the value, so
// that values whose high bits are all zero (anchors lie below a cutoff)
// spread over it as well.
template <std::unsigned_integral T>
class HashValueSet {
 public:
  // The set of `values` (any order; repeats are fine).
  explicit HashValueSet(std::span<const T> values)
      : bit_mask_(std::clamp<uint64_t>(
                      std::bit_ceil(std::min<uint64_t>(values.size(), uint64_t{1} << 20) * 32),
                      uint64_t{1} << 12, uint64_t{1} << 22) -
                  1),
        bits_((bit_mask_ + 1) / 64, 0),
        slot_shift_(64 - std::bit_width(std::bit_ceil(std::max<size_t>(values.size() * 2, 2)) - 1)),
        slots_(size_t{1} << (64 - slot_shift_), kFree),
        empty_(values.empty()) {
    for (T v : values) {
      bits_[(v & bit_mask_) / 64] |= uint64_t{1} << (v % 64);
      if (v == kFree) {
        has_free_value_ = true;
        continue;
      }
      size_t i = Slot(v);
      while (slots_[i] != kFree && slots_[i] != v) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = v;
    }
  }

  // Whether the set has no value.
  bool empty() const { return empty_; }

  // Whether v is in the set. Thread-safe.
  bool Contains(T v) const {
    if ((bits_[(v & bit_mask_) / 64] >> (v % 64) & 1) == 0) return false;
    if (v == kFree) return has_free_value_;
    for (size_t i = Slot(v);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == v) return true;
      if (slots_[i] == kFree) return false;
    }
  }

 private:
  static constexpr T kFree = 0;  // marks a free slot; the value 0 is has_free_value_
  static constexpr uint64_t kSpread = 0x9e3779b97f4a7c15ULL;  // 2^64 / the golden ratio

  size_t Slot(T v) const { return static_cast<size_t>((uint64_t{v} * kSpread) >> slot_shift_); }

  uint64_t bit_mask_;
  std::vector<uint64_t> bits_;
  int slot_shift_;
  std::vector<T> slots_;
  bool empty_;
  bool has_free_value_ = false;
};

}  // namespace doppel::util
