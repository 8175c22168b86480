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

// The classes of the BMP's code points, built on first use (thread-safe).
const CharClass* BmpClasses();
// The class of a code point above the BMP.
CharClass ClassAboveBmp(uint32_t cp);

// The class of code point `cp`. Thread-safe; the first call builds a table.
inline CharClass ClassOf(uint32_t cp) {
  return cp < 0x10000 ? BmpClasses()[cp] : ClassAboveBmp(cp);
}

// The class of an ASCII byte, without a call: the hot path of tokenising.
inline CharClass AsciiClassOf(unsigned char c) {
  if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return CharClass::kWord;
  if (c <= 0x20 || c == 0x7F) return CharClass::kSeparator;
  return CharClass::kPunctuation;
}

// DecodeUtf8 for what it does not decode inline: four-byte and invalid
// sequences (utf8proc's rules).
int DecodeUtf8Other(const unsigned char* p, const unsigned char* end, uint32_t* cp);

// Decodes one code point from [p, end). Returns the number of bytes used
// (1 to 4), or 1 with *cp = 0xFFFD for an invalid or truncated sequence.
// Valid sequences of up to three bytes, nearly all text, are decoded here;
// the rest by utf8proc, whose verdicts these agree with (overlong forms and
// surrogates are invalid).
inline int DecodeUtf8(const unsigned char* p, const unsigned char* end, uint32_t* cp) {
  const unsigned lead = p[0];
  if (lead < 0x80) {
    *cp = lead;
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
    *cp = (lead & 0x1Fu) << 6 | (p[1] & 0x3Fu);
    return 2;
  }
  if ((lead & 0xF0) == 0xE0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    const uint32_t c = (lead & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
      *cp = c;
      return 3;
    }
  }
  return DecodeUtf8Other(p, end, cp);
}

}  // namespace doppel::text
