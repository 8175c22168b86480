// A bounded memo from words to the tokens they normalise to.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace doppel::text {

// Words recur (Zipf), and normalising one through utf8proc costs a mapping,
// an allocation and a second segmentation: a normaliser remembers, per
// thread, the tokens each word it has seen gave. Open addressing over a
// flat table, words and tokens in one byte arena: a lookup is about one
// cache miss and no allocation. Holds at most kMaxWords words (and 16 MB of
// their bytes), then starts over. Not thread-safe: one per thread.
class WordMemo {
 public:
  static constexpr size_t kMaxWords = size_t{1} << 16;
  static constexpr size_t kMaxWordBytes = 256;  // longer words are not remembered

  // Calls on_token(token) for each token remembered for `word` (whose
  // HashBytes is `hash`), in order, and returns true; false when `word` is
  // not remembered.
  template <typename OnToken>
  bool Recall(std::string_view word, uint64_t hash, OnToken&& on_token) const {
    const Entry* e = Find(word, hash);
    if (e == nullptr) return false;
    uint32_t at = e->tokens_at;
    for (uint32_t t = 0; t < e->num_tokens; ++t) {
      const uint32_t size = lengths_[e->lengths_at + t];
      on_token(std::string_view(arena_).substr(at, size));
      at += size;
    }
    return true;
  }

  // Remembers `tokens` for `word` (not already remembered), unless the word
  // is longer than kMaxWordBytes; forgets everything first when full.
  void Remember(std::string_view word, uint64_t hash, std::span<const std::string_view> tokens);

  // Forgets every word; `owner` says whose tokens the memo will hold.
  void Reset(uint64_t owner);
  uint64_t owner() const { return owner_; }

 private:
  struct Entry {
    uint64_t hash;
    uint32_t word_at;  // in arena_
    uint32_t word_size;
    uint32_t tokens_at;   // in arena_, back to back
    uint32_t lengths_at;  // in lengths_
    uint32_t num_tokens;
  };
  static constexpr size_t kSlots = kMaxWords * 2;  // a power of two, at most half full
  static constexpr size_t kMaxArenaBytes = size_t{16} << 20;

  const Entry* Find(std::string_view word, uint64_t hash) const;

  uint64_t owner_ = 0;
  std::vector<uint32_t> slots_;  // entry index + 1; 0 is empty
  std::vector<Entry> entries_;
  std::string arena_;
  std::vector<uint32_t> lengths_;
};

}  // namespace doppel::text
