#include "text/two_byte_fold.h"

#include <utf8proc.h>

#include <cstdlib>
#include <cstring>

#include "text/char_class.h"

namespace doppel::text {
namespace {

// The code points of UTF-8 `bytes` (valid: utf8proc wrote them), or false
// when there are more than `most`.
bool CodePoints(const utf8proc_uint8_t* bytes, utf8proc_ssize_t size, utf8proc_int32_t* out,
                int most, int* count) {
  *count = 0;
  for (utf8proc_ssize_t at = 0; at < size;) {
    if (*count == most) return false;
    const utf8proc_ssize_t n = utf8proc_iterate(bytes + at, size - at, &out[*count]);
    if (n <= 0) return false;
    at += n;
    ++*count;
  }
  return true;
}

bool IsWordClass(utf8proc_int32_t cp) {
  return cp < 0x80 ? AsciiClassOf(static_cast<unsigned char>(cp)) == CharClass::kWord
                   : ClassOf(static_cast<uint32_t>(cp)) == CharClass::kWord;
}

}  // namespace

TwoByteFold::TwoByteFold(int utf8proc_options) {
  const auto options = static_cast<utf8proc_option_t>(utf8proc_options);
  // The decomposition the composing map starts from.
  const auto decompose =
      static_cast<utf8proc_option_t>((utf8proc_options & ~UTF8PROC_COMPOSE) | UTF8PROC_DECOMPOSE);
  constexpr int kMost = 8;
  for (uint32_t cp = 0; cp < kEnd; ++cp) {
    const auto c = static_cast<utf8proc_int32_t>(cp);
    if (!IsWordClass(c) || utf8proc_get_property(c)->combining_class != 0) continue;
    utf8proc_int32_t parts[kMost];
    int last_boundclass = 0;
    const utf8proc_ssize_t n =
        utf8proc_decompose_char(c, parts, kMost, decompose, &last_boundclass);
    if (n <= 0 || n > kMost || utf8proc_get_property(parts[0])->combining_class != 0) continue;
    bool below = true;
    for (utf8proc_ssize_t i = 0; i < n; ++i) below = below && parts[i] < static_cast<int>(kEnd);
    if (!below) continue;
    utf8proc_uint8_t letter[4];
    const utf8proc_ssize_t letter_size = utf8proc_encode_char(c, letter);
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t size = utf8proc_map(letter, letter_size, &mapped, options);
    utf8proc_int32_t mapped_points[kMost];
    int count = 0;
    const bool fits = size > 0 && size <= static_cast<utf8proc_ssize_t>(sizeof(Entry::bytes)) &&
                      CodePoints(mapped, size, mapped_points, kMost, &count);
    // One word for the segmenter: a word character first, then word
    // characters or combining marks; all below U+0800.
    bool one_word = fits && IsWordClass(mapped_points[0]);
    for (int i = 0; one_word && i < count; ++i) {
      const utf8proc_int32_t m = mapped_points[i];
      one_word = m < static_cast<int>(kEnd) &&
                 (IsWordClass(m) ||
                  (i > 0 && m >= 0x80 && ClassOf(static_cast<uint32_t>(m)) == CharClass::kMark));
    }
    // An ASCII letter's form is one byte (Append's room counts on it).
    if (one_word && (cp >= 0x80 || size == 1)) {
      Entry& e = entries_[cp];
      e.size = static_cast<uint8_t>(size);
      std::memcpy(e.bytes, mapped, static_cast<size_t>(size));
    }
    std::free(mapped);
  }
}

bool TwoByteFold::Append(std::string_view word, std::string* out) const {
  if (word.empty()) return false;
  const size_t old_size = out->size();
  // Room for the most a letter's form can take: 7 bytes for a letter of
  // two, 1 for an ASCII one (case folding keeps ASCII in ASCII), so under
  // 4 for each byte of the word; and 7 more, the width of one copy.
  out->resize(old_size + word.size() * 4 + sizeof(Entry::bytes));
  char* w = out->data() + old_size;
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  const size_t n = word.size();
  for (size_t i = 0; i < n;) {
    uint32_t cp = p[i];
    if (cp < 0x80) {
      ++i;
    } else if (cp >= 0xC2 && cp <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      // A two-byte sequence (C0 and C1 would be overlong).
      cp = (cp & 0x1F) << 6 | (p[i + 1] & 0x3F);
      i += 2;
    } else {
      cp = kEnd;  // longer, or not UTF-8: not in the table
    }
    if (cp >= kEnd || entries_[cp].size == 0) {
      out->resize(old_size);
      return false;
    }
    const Entry& e = entries_[cp];
    std::memcpy(w, e.bytes, sizeof e.bytes);
    w += e.size;
  }
  out->resize(static_cast<size_t>(w - out->data()));
  return true;
}

}  // namespace doppel::text
