// Splits UTF-8 text into word, unspaced-script and punctuation segments.
#pragma once

#include <cstdint>
#include <string_view>

#include "text/char_class.h"

namespace doppel::text {

enum class SegmentKind : uint8_t { kWord, kUnspaced, kPunctuation };

// Calls on_segment(begin, end, kind, ascii) for each segment of `utf8`, in
// order; begin and end are byte offsets. A word is a maximal run of letters,
// digits and combining marks; with split_unspaced, each character of an
// unspaced script (with its combining marks) is a segment of its own; each
// punctuation or symbol character is a segment. Separators produce nothing.
// `ascii` is true when the segment holds only ASCII bytes.
template <typename OnSegment>
void Segment(std::string_view utf8, bool split_unspaced, OnSegment&& on_segment) {
  const auto* base = reinterpret_cast<const unsigned char*>(utf8.data());
  const unsigned char* end = base + utf8.size();
  const unsigned char* p = base;
  int64_t word_begin = -1;
  bool word_ascii = true;
  auto flush = [&](const unsigned char* at) {
    if (word_begin >= 0) {
      on_segment(static_cast<uint32_t>(word_begin), static_cast<uint32_t>(at - base),
                 SegmentKind::kWord, word_ascii);
      word_begin = -1;
    }
  };
  while (p < end) {
    uint32_t cp = *p;
    int n = 1;
    CharClass cls;
    if (cp < 0x80) {
      cls = AsciiClassOf(static_cast<unsigned char>(cp));
    } else {
      n = DecodeUtf8(p, end, &cp);
      cls = ClassOf(cp);
    }
    if (cls == CharClass::kUnspaced && !split_unspaced) cls = CharClass::kWord;
    switch (cls) {
      case CharClass::kWord:
      case CharClass::kMark:
        if (word_begin < 0) {
          word_begin = p - base;
          word_ascii = true;
        }
        word_ascii = word_ascii && cp < 0x80;
        p += n;
        break;
      case CharClass::kUnspaced: {
        flush(p);
        const unsigned char* begin = p;
        p += n;
        while (p < end) {  // combining marks stay with their base character
          uint32_t next = *p;
          int m = 1;
          if (next >= 0x80) m = DecodeUtf8(p, end, &next);
          if (ClassOf(next) != CharClass::kMark) break;
          p += m;
        }
        on_segment(static_cast<uint32_t>(begin - base), static_cast<uint32_t>(p - base),
                   SegmentKind::kUnspaced, false);
        break;
      }
      case CharClass::kPunctuation:
        flush(p);
        on_segment(static_cast<uint32_t>(p - base), static_cast<uint32_t>(p - base + n),
                   SegmentKind::kPunctuation, cp < 0x80);
        p += n;
        break;
      case CharClass::kSeparator:
        flush(p);
        p += n;
        break;
    }
  }
  flush(end);
}

}  // namespace doppel::text
