// Shingles: the overlapping n-grams whose sets documents are compared by.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "doppel/normalize.h"

namespace doppel {

enum class ShingleKind {
  kWord,  // n consecutive tokens
  kChar,  // n consecutive characters of the normalised text (tokens joined by one space)
};

struct ShingleOptions {
  ShingleKind kind = ShingleKind::kWord;
  // Tokens (or characters) per shingle. Default 5 for words; 1 to 64.
  int size = 5;
};

// Parses "word" or "char"; false for anything else.
bool ParseShingleKind(std::string_view name, ShingleKind* kind);
std::string_view ShingleKindName(ShingleKind kind);

// Appends to *out the 64-bit hash of every shingle of `text`, in text order,
// repeats included. A document shorter than one shingle gives one shingle of
// all its tokens (or characters); a document with no tokens gives none.
// Thread-safe.
void HashShingles(const NormalizedText& text, const ShingleOptions& options,
                  std::vector<uint64_t>* out);

// Sorts and deduplicates 64-bit shingle hashes into the document's shingle set.
void ToShingleSet(std::vector<uint64_t>* hashes);

}  // namespace doppel
