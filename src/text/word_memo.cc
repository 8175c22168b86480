#include "text/word_memo.h"

#include <algorithm>
#include <cstring>

namespace doppel::text {

const WordMemo::Slot* WordMemo::Find(std::string_view word, uint64_t hash) const {
  if (slots_.empty() || word.empty()) return nullptr;
  for (size_t s = hash & (kSlots - 1);; s = (s + 1) & (kSlots - 1)) {
    const Slot& e = slots_[s];
    if (e.word_size == 0) return nullptr;
    if (e.hash != hash || e.word_size != word.size()) continue;
    const char* bytes = word.size() <= kInlineBytes ? e.bytes : arena_.data() + e.arena_at;
    if (std::memcmp(bytes, word.data(), word.size()) == 0) return &e;
  }
}

void WordMemo::Remember(std::string_view word, uint64_t hash,
                        std::span<const std::string_view> tokens) {
  if (word.empty() || word.size() > kMaxWordBytes) return;
  if (words_ >= kMaxWords || arena_.size() >= kMaxArenaBytes) Reset(owner_);
  if (slots_.empty()) slots_.assign(kSlots, Slot{});
  size_t tokens_size = 0;
  for (std::string_view t : tokens) tokens_size += t.size();
  Slot e;
  e.hash = hash;
  e.arena_at = static_cast<uint32_t>(arena_.size());
  e.lengths_at = static_cast<uint32_t>(lengths_.size());
  e.word_size = static_cast<uint16_t>(word.size());
  e.tokens_size = static_cast<uint16_t>(tokens_size);  // NFKC of 256 bytes: far below 2^16
  e.num_tokens = static_cast<uint16_t>(tokens.size());
  arena_.append(word);
  for (std::string_view t : tokens) {
    arena_.append(t);
    lengths_.push_back(static_cast<uint32_t>(t.size()));
  }
  if (word.size() <= kInlineBytes) {
    const size_t inline_size = std::min(kInlineBytes, word.size() + tokens_size);
    std::memcpy(e.bytes, arena_.data() + e.arena_at, inline_size);
  }
  size_t s = hash & (kSlots - 1);
  while (slots_[s].word_size != 0) s = (s + 1) & (kSlots - 1);
  slots_[s] = e;
  ++words_;
}

void WordMemo::Reset(uint64_t owner) {
  owner_ = owner;
  if (!slots_.empty()) slots_.assign(kSlots, Slot{});
  words_ = 0;
  arena_.clear();
  lengths_.clear();
}

}  // namespace doppel::text
