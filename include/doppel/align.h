// Passage alignment: which stretches of text two documents share, where they
// are in each original text, and how closely they match.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "doppel/normalize.h"

namespace doppel {

struct AlignOptions {
  // Seeds are runs of this many identical normalised words. Default 4.
  int seed_words = 4;
  // Inside one passage, up to this many words on either side may differ
  // between two matching stretches (a reworded clause, a changed spelling).
  int max_gap = 8;
  // Passages shorter than this many words (on the first document's side)
  // are not reported. Default 20, about one sentence: shorter shared runs
  // are the stock phrases that two rewrites of one story share (seeds 002
  // and 003 share five of 13 to 19 words besides the 34-word sentence 003
  // quotes).
  int min_words = 20;
  // Seeds whose words occur more than this often in the second document
  // are skipped (repeated phrases say little). Default 20.
  int max_seed_repeats = 20;
};

// One shared passage. Offsets are bytes of the original UTF-8 texts,
// [start, end); token indexes are positions in the normalised texts.
struct AlignedPassage {
  uint32_t a_start = 0;
  uint32_t a_end = 0;
  uint32_t b_start = 0;
  uint32_t b_end = 0;
  uint32_t a_first_token = 0;
  uint32_t a_tokens = 0;  // the passage's length in words, in the first document
  uint32_t b_first_token = 0;
  uint32_t b_tokens = 0;
  // Share of the two spans' words that match exactly, in [0, 1].
  double similarity = 0;
};

// The passages documents a and b share, in order of their position in a.
// Passages do not overlap in either document. Thread-safe.
std::vector<AlignedPassage> AlignDocuments(const NormalizedText& a, const NormalizedText& b,
                                           const AlignOptions& options);

// The same on token hashes alone (TokenHashes of each document): fills only
// the token fields of the passages.
std::vector<AlignedPassage> AlignTokens(std::span<const uint64_t> a, std::span<const uint64_t> b,
                                        const AlignOptions& options);

// The passage around a seed: a[i] == b[j] starts a match that is extended
// both ways, over identical words and across differences of at most
// options.max_gap words on either side that are followed (or preceded) by
// options.seed_words identical words. Fills the token fields of the result;
// `similarity` counts the words matched. Thread-safe.
AlignedPassage ExtendSeed(std::span<const uint64_t> a, std::span<const uint64_t> b, uint32_t i,
                          uint32_t j, const AlignOptions& options);

// One hash per token of `text`, as AlignTokens expects.
std::vector<uint64_t> TokenHashes(const NormalizedText& text);

}  // namespace doppel
