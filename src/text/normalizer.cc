#include <utf8proc.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

#include "doppel/hash.h"
#include "doppel/normalize.h"
#include "text/ascii_block.h"
#include "text/ascii_words.h"
#include "text/char_class.h"
#include "text/segmenter.h"
#include "text/two_byte_fold.h"
#include "text/unchanged_chars.h"
#include "text/word_memo.h"

namespace doppel {
namespace {

utf8proc_option_t MapOptions(const NormalizeOptions& o) {
  int flags = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  if (o.nfkc) flags |= UTF8PROC_COMPAT;
  if (o.casefold) flags |= UTF8PROC_CASEFOLD;
  return static_cast<utf8proc_option_t>(flags);
}

void AppendToken(std::string_view piece, bool ascii_lower, uint32_t orig_begin, uint32_t orig_end,
                 NormalizedText* out) {
  if (!out->text.empty()) out->text.push_back(' ');
  auto norm_begin = static_cast<uint32_t>(out->text.size());
  out->text.append(piece);
  if (ascii_lower) {
    for (size_t i = norm_begin; i < out->text.size(); ++i) {
      char& c = out->text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
  }
  out->tokens.push_back(
      Token{norm_begin, static_cast<uint32_t>(out->text.size()), orig_begin, orig_end});
}

// Appends a word of the letter table's letters as one token
// (text/two_byte_fold.h); false, nothing appended, for any other word.
bool AppendFolded(const text::TwoByteFold& letters, std::string_view word, uint32_t orig_begin,
                  NormalizedText* out) {
  std::string& norm = out->text;
  const size_t old_size = norm.size();
  if (old_size != 0) norm.push_back(' ');
  const auto norm_begin = static_cast<uint32_t>(norm.size());
  if (!letters.Append(word, &norm)) {
    norm.resize(old_size);
    return false;
  }
  out->tokens.push_back(Token{norm_begin, static_cast<uint32_t>(norm.size()), orig_begin,
                              orig_begin + static_cast<uint32_t>(word.size())});
  return true;
}

}  // namespace

// The tables of the paths that skip the word memo, for a combination of
// utf8proc options (the options that vary are COMPAT and CASEFOLD).
struct NormalizerTables {
  explicit NormalizerTables(utf8proc_option_t options) : letters(options), unchanged(options) {}
  text::TwoByteFold letters;
  text::UnchangedChars unchanged;
};

namespace {

// Built on first use, once for each option set; never freed.
const NormalizerTables& TablesFor(utf8proc_option_t options) {
  static std::once_flag built[4];
  static std::unique_ptr<NormalizerTables> tables[4];
  const int which =
      ((options & UTF8PROC_COMPAT) != 0 ? 2 : 0) | ((options & UTF8PROC_CASEFOLD) != 0 ? 1 : 0);
  std::call_once(built[which],
                 [&] { tables[which] = std::make_unique<NormalizerTables>(options); });
  return *tables[which];
}

}  // namespace

Normalizer::Normalizer(const NormalizeOptions& options)
    : options_(options), tables_(&TablesFor(MapOptions(options))) {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id.fetch_add(1, std::memory_order_relaxed);
}

void Normalizer::Normalize(std::string_view utf8, NormalizedText* out) const {
  out->Clear();
  // ASCII text takes the fast path whole. In mostly ASCII text with a few
  // other characters (typographic quotes, a copyright sign), the ASCII
  // stretches take the fast path, and each word
  // holding a non-ASCII byte, with what joins it, the general one. Cutting
  // right after an ASCII separator or punctuation byte is exact: the
  // segmenter carries nothing across one.
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const auto n = static_cast<uint32_t>(utf8.size());
  auto ascii_word = [&](uint32_t i) { return text::AsciiClassOf(p[i]) == text::CharClass::kWord; };
  for (uint32_t at = 0; at < n;) {
    const uint32_t other = text::NextNonAscii(p, at, n);
    if (other == n) {
      AppendAscii(utf8, at, n, out);
      break;
    }
    uint32_t begin = other;  // the start of its word
    while (begin > at && ascii_word(begin - 1)) --begin;
    uint32_t end = other;  // the ASCII separator or punctuation after it
    while (end < n && (p[end] >= 0x80 || ascii_word(end))) ++end;
    AppendAscii(utf8, at, begin, out);
    AppendGeneral(utf8, begin, end, out);
    at = end;
  }
}

void Normalizer::NormalizeGeneral(std::string_view utf8, NormalizedText* out) const {
  out->Clear();
  AppendGeneral(utf8, 0, static_cast<uint32_t>(utf8.size()), out);
}

void Normalizer::AppendAscii(std::string_view text, uint32_t begin, uint32_t end,
                             NormalizedText* out) const {
  if (!options_.strip_punctuation) {
    AppendAsciiKeepingPunctuation(text, begin, end, out);
    return;
  }
  text::AppendAsciiWords(text, begin, end, options_.casefold, out);
}

void Normalizer::AppendAsciiKeepingPunctuation(std::string_view text, uint32_t begin, uint32_t end,
                                               NormalizedText* out) const {
  for (uint32_t i = begin; i < end;) {
    const text::CharClass cls = text::AsciiClassOf(static_cast<unsigned char>(text[i]));
    if (cls == text::CharClass::kWord) {
      const uint32_t word_begin = i;
      while (i < end &&
             text::AsciiClassOf(static_cast<unsigned char>(text[i])) == text::CharClass::kWord) {
        ++i;
      }
      AppendToken(text.substr(word_begin, i - word_begin), options_.casefold, word_begin, i, out);
    } else {
      if (cls == text::CharClass::kPunctuation)
        AppendToken(text.substr(i, 1), false, i, i + 1, out);
      ++i;
    }
  }
}

void Normalizer::AppendGeneral(std::string_view text, uint32_t begin, uint32_t end,
                               NormalizedText* out) const {
  std::string_view part = text.substr(begin, end - begin);
  text::Segment(part, options_.split_unspaced_scripts,
                [&](uint32_t from, uint32_t to, text::SegmentKind kind, bool ascii) {
                  if (kind == text::SegmentKind::kPunctuation && options_.strip_punctuation) {
                    return;
                  }
                  std::string_view span = part.substr(from, to - from);
                  if (ascii) {
                    AppendToken(span, options_.casefold, begin + from, begin + to, out);
                  } else if (tables_->unchanged.IsOneUnchanged(span)) {  // a Han character, say
                    AppendToken(span, false, begin + from, begin + to, out);
                  } else if (kind != text::SegmentKind::kWord ||
                             !AppendFolded(tables_->letters, span, begin + from, out)) {
                    AppendWord(span, begin + from, out);
                  }
                });
}

void Normalizer::AppendWord(std::string_view original, uint32_t orig_begin,
                            NormalizedText* out) const {
  const auto orig_end = orig_begin + static_cast<uint32_t>(original.size());
  auto append = [&](std::string_view token) {
    AppendToken(token, false, orig_begin, orig_end, out);
  };
  // Each thread remembers the tokens of the words it has seen, per
  // normaliser (the options decide them).
  thread_local text::WordMemo memo;
  if (memo.owner() != id_) memo.Reset(id_);
  const uint64_t hash = HashBytes(original);
  if (memo.Recall(original, hash, append)) return;
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(original.data()),
                   static_cast<utf8proc_ssize_t>(original.size()), &mapped, MapOptions(options_));
  // Invalid UTF-8 inside the span keeps its bytes as they are.
  const std::string normalised =
      n < 0 ? std::string(original)
            : std::string(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  std::free(mapped);
  // Normalisation can turn one word into several (U+00BD "½" is "1⁄2"), so
  // the mapped text is segmented again; every piece keeps the original range.
  thread_local std::vector<std::string_view> tokens;
  tokens.clear();
  text::Segment(normalised, options_.split_unspaced_scripts,
                [&](uint32_t begin, uint32_t end, text::SegmentKind kind, bool /*ascii*/) {
                  if (kind == text::SegmentKind::kPunctuation && options_.strip_punctuation) {
                    return;
                  }
                  tokens.push_back(std::string_view(normalised).substr(begin, end - begin));
                });
  for (std::string_view token : tokens) append(token);
  memo.Remember(original, hash, tokens);
}

}  // namespace doppel
