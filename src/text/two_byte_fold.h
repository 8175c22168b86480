// Normalisation of words written in letters of one or two UTF-8 bytes
// (below U+0800: ASCII and the Latin supplements, Greek, Cyrillic,
// Armenian, Hebrew, Arabic, Syriac, Thaana, NKo) by a table of each
// letter's own normalised form, where the general path hashes the word,
// looks it up in a memo far larger than the caches, and on a miss runs
// utf8proc on it.
//
// A letter is in the table only when its form cannot change by what is
// next to it: its combining class is 0, its full decomposition (with case
// folding, and compatibility when NFKC) starts with a character of class 0
// and holds only code points below U+0800 (none of which is the second of a
// canonical composition with class 0: those are Indic vowel signs and
// Hangul jamo, all above), and its normalised form is one word for the
// segmenter. Then no reordering or composition reaches across two letters,
// and a word's form is its letters' forms end to end (the tests check every
// pair against utf8proc).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace doppel::text {

class TwoByteFold {
 public:
  // The table for utf8proc_map options `utf8proc_options` (the composing
  // normalisation doppel asks for: NFC or NFKC, with or without case
  // folding). Builds it with about 2,000 calls to utf8proc.
  explicit TwoByteFold(int utf8proc_options);

  // When every character of `word` is a letter (or digit) in the table,
  // appends the word's normalised form to *out and returns true; otherwise
  // returns false, *out as it was.
  bool Append(std::string_view word, std::string* out) const;

  // Whether code point cp (below U+0800) is in the table. For tests.
  bool Maps(uint32_t cp) const { return entries_[cp].size != 0; }

 private:
  static constexpr uint32_t kEnd = 0x800;
  struct Entry {
    uint8_t size = 0;  // 0: not in the table
    char bytes[7] = {};
  };
  std::array<Entry, kEnd> entries_{};
};

}  // namespace doppel::text
