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
// flat table of one cache line a slot, which holds the word's hash and, for
// a word of up to kInlineBytes with one token, the word and its token too:
// such a lookup reads one line and allocates nothing (the table is larger
// than the caches, and a lookup that went on to an entry array and then to
// the bytes waited on three misses). Every word and its tokens are also in
// a byte arena, where longer ones are read. Holds at most kMaxWords words
// (and 16 MB of their bytes), then starts over. Not thread-safe: one per
// thread.
class WordMemo {
 public:
  static constexpr size_t kMaxWords = size_t{1} << 15;
  static constexpr size_t kMaxWordBytes = 256;  // longer words are not remembered

  // Calls on_token(token) for each token remembered for `word` (whose
  // HashBytes is `hash`), in order, and returns true; false when `word` is
  // not remembered.
  template <typename OnToken>
  bool Recall(std::string_view word, uint64_t hash, OnToken&& on_token) const {
    const Slot* e = Find(word, hash);
    if (e == nullptr) return false;
    const char* tokens = e->word_size + e->tokens_size <= kInlineBytes
                             ? e->bytes + e->word_size
                             : arena_.data() + e->arena_at + e->word_size;
    if (e->num_tokens == 1) {
      on_token(std::string_view(tokens, e->tokens_size));
      return true;
    }
    for (uint32_t t = 0; t < e->num_tokens; ++t) {
      const uint32_t size = lengths_[e->lengths_at + t];
      on_token(std::string_view(tokens, size));
      tokens += size;
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
  static constexpr size_t kInlineBytes = 40;
  struct alignas(64) Slot {
    uint64_t hash = 0;
    uint32_t arena_at = 0;    // the word, then its tokens back to back, in arena_
    uint32_t lengths_at = 0;  // the tokens' sizes, in lengths_
    uint16_t word_size = 0;   // 0: a free slot (words are never empty)
    uint16_t tokens_size = 0;
    uint16_t num_tokens = 0;
    // The word's bytes when it has at most kInlineBytes, then its tokens'
    // when they fit too.
    char bytes[kInlineBytes] = {};
  };
  static_assert(sizeof(Slot) == 64);
  static constexpr size_t kSlots = kMaxWords * 2;  // a power of two, at most half full
  static constexpr size_t kMaxArenaBytes = size_t{16} << 20;

  const Slot* Find(std::string_view word, uint64_t hash) const;

  uint64_t owner_ = 0;
  std::vector<Slot> slots_;
  size_t words_ = 0;
  std::string arena_;
  std::vector<uint32_t> lengths_;
};

}  // namespace doppel::text
