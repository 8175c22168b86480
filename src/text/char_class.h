// How the tokenizer treats each Unicode code point.
#pragma once

#include <cstdint>

namespace doppel::text {

enum class CharClass : uint8_t {
  kSeparator,    // white space, controls, unassigned: ends a word, dropped
  kPunctuation,  // punctuation and symbols: ends a word; a token of its own when kept
  kWord,         // letters, digits and combining marks of spaced scripts
  kUnspaced,     // a character of a script written without spaces
  kMark,         // a combining mark: joins the character before it
};

// The class of code point `cp`. Thread-safe; the first call builds a table.
CharClass ClassOf(uint32_t cp);

// The class of an ASCII byte, without a call: the hot path of tokenising.
inline CharClass AsciiClassOf(unsigned char c) {
  if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return CharClass::kWord;
  if (c <= 0x20 || c == 0x7F) return CharClass::kSeparator;
  return CharClass::kPunctuation;
}

// Decodes one code point from [p, end). Returns the number of bytes used
// (1 to 4), or 1 with *cp = 0xFFFD for an invalid or truncated sequence.
int DecodeUtf8(const unsigned char* p, const unsigned char* end, uint32_t* cp);

}  // namespace doppel::text
