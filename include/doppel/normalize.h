// Text normalisation and tokenisation: the first stage of every comparison.
//
// A document's UTF-8 text becomes a sequence of normalised tokens, each tied
// to the byte range of the original text it came from, so that later stages
// (shingling, alignment) can speak about the original bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace doppel {

struct NormalizeOptions {
  // Unicode NFKC: compatibility characters (ligatures, full-width forms,
  // superscripts) become their plain equivalents. Default on.
  bool nfkc = true;
  // Unicode full case folding ("Straße" and "STRASSE" compare equal). Default on.
  bool casefold = true;
  // Punctuation and symbols only separate words and are dropped. When off,
  // each punctuation or symbol character is a token of its own. Default on.
  bool strip_punctuation = true;
  // Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao,
  // Khmer, Myanmar) give one token per character, so word shingles over them
  // behave like character shingles. Default on.
  bool split_unspaced_scripts = true;
};

// One normalised token: its bytes in NormalizedText::text and the byte range
// of the original text it was made from. Several tokens can share an
// original range (NFKC can split one character into two words).
struct Token {
  uint32_t norm_begin;
  uint32_t norm_end;
  uint32_t orig_begin;
  uint32_t orig_end;
  bool operator==(const Token&) const = default;
};

// The normalised form of one document: tokens joined by single spaces.
struct NormalizedText {
  std::string text;
  std::vector<Token> tokens;
  void Clear() {
    text.clear();
    tokens.clear();
  }
  std::string_view TokenText(const Token& t) const {
    return std::string_view(text).substr(t.norm_begin, t.norm_end - t.norm_begin);
  }
};

struct NormalizerTables;  // normalizer.cc

// Turns UTF-8 text into normalised tokens. Thread-safe: one Normalizer may be
// shared by many threads. Documents are at most 4 GiB (offsets are 32-bit).
class Normalizer {
 public:
  explicit Normalizer(const NormalizeOptions& options);

  // Replaces *out with the tokens of `utf8`. Bytes that are not valid UTF-8
  // are treated as separators (readers reject such documents before this).
  void Normalize(std::string_view utf8, NormalizedText* out) const;

  const NormalizeOptions& options() const { return options_; }

 private:
  friend struct NormalizerTestPeer;
  // The path for any text; Normalize takes a faster one for ASCII stretches,
  // with the same result.
  void NormalizeGeneral(std::string_view utf8, NormalizedText* out) const;
  // Append the tokens of text[begin, end), which starts and ends where the
  // segmenter carries nothing across (see Normalize): ASCII bytes only, or
  // any text.
  void AppendAscii(std::string_view text, uint32_t begin, uint32_t end, NormalizedText* out) const;
  void AppendGeneral(std::string_view text, uint32_t begin, uint32_t end,
                     NormalizedText* out) const;
  void AppendAsciiKeepingPunctuation(std::string_view text, uint32_t begin, uint32_t end,
                                     NormalizedText* out) const;
  void AppendWord(std::string_view original, uint32_t orig_begin, NormalizedText* out) const;
  NormalizeOptions options_;
  // The tables of the paths that skip the word memo (normalizer.cc), shared
  // by the normalisers of the same options.
  const NormalizerTables* tables_;
  uint64_t id_;  // tells this normaliser's per-thread cache from another's
};

}  // namespace doppel
