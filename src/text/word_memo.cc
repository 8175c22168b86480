#include "text/word_memo.h"

namespace doppel::text {

const WordMemo::Entry* WordMemo::Find(std::string_view word, uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  for (size_t s = hash & (kSlots - 1);; s = (s + 1) & (kSlots - 1)) {
    const uint32_t slot = slots_[s];
    if (slot == 0) return nullptr;
    const Entry& e = entries_[slot - 1];
    if (e.hash == hash && std::string_view(arena_).substr(e.word_at, e.word_size) == word) {
      return &e;
    }
  }
}

void WordMemo::Remember(std::string_view word, uint64_t hash,
                        std::span<const std::string_view> tokens) {
  if (word.size() > kMaxWordBytes) return;
  if (entries_.size() >= kMaxWords || arena_.size() >= kMaxArenaBytes) Reset(owner_);
  if (slots_.empty()) slots_.assign(kSlots, 0);
  Entry e{hash, static_cast<uint32_t>(arena_.size()),   static_cast<uint32_t>(word.size()),
          0,    static_cast<uint32_t>(lengths_.size()), static_cast<uint32_t>(tokens.size())};
  arena_.append(word);
  e.tokens_at = static_cast<uint32_t>(arena_.size());
  for (std::string_view t : tokens) {
    arena_.append(t);
    lengths_.push_back(static_cast<uint32_t>(t.size()));
  }
  entries_.push_back(e);
  size_t s = hash & (kSlots - 1);
  while (slots_[s] != 0) s = (s + 1) & (kSlots - 1);
  slots_[s] = static_cast<uint32_t>(entries_.size());
}

void WordMemo::Reset(uint64_t owner) {
  owner_ = owner;
  if (!slots_.empty()) slots_.assign(kSlots, 0);
  entries_.clear();
  arena_.clear();
  lengths_.clear();
}

}  // namespace doppel::text
