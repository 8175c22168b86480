#include <utf8proc.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

#include "doppel/normalize.h"
#include "text/segmenter.h"

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

}  // namespace

Normalizer::Normalizer(const NormalizeOptions& options) : options_(options) {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id.fetch_add(1, std::memory_order_relaxed);
}

namespace {

bool IsAscii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t high = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    high |= word;
  }
  for (; n > 0; ++p, --n) high |= static_cast<unsigned char>(*p);
  return (high & 0x8080808080808080ULL) == 0;
}

}  // namespace

void Normalizer::Normalize(std::string_view utf8, NormalizedText* out) const {
  if (IsAscii(utf8)) {
    NormalizeAscii(utf8, out);
  } else {
    NormalizeGeneral(utf8, out);
  }
}

void Normalizer::NormalizeAscii(std::string_view ascii, NormalizedText* out) const {
  out->Clear();
  out->text.reserve(ascii.size());
  const auto* p = reinterpret_cast<const unsigned char*>(ascii.data());
  const uint32_t n = static_cast<uint32_t>(ascii.size());
  for (uint32_t i = 0; i < n;) {
    text::CharClass cls = text::AsciiClassOf(p[i]);
    if (cls == text::CharClass::kWord) {
      uint32_t begin = i;
      while (i < n && text::AsciiClassOf(p[i]) == text::CharClass::kWord) ++i;
      AppendToken(ascii.substr(begin, i - begin), options_.casefold, begin, i, out);
    } else {
      if (cls == text::CharClass::kPunctuation && !options_.strip_punctuation) {
        AppendToken(ascii.substr(i, 1), false, i, i + 1, out);
      }
      ++i;
    }
  }
}

void Normalizer::NormalizeGeneral(std::string_view utf8, NormalizedText* out) const {
  out->Clear();
  text::Segment(utf8, options_.split_unspaced_scripts,
                [&](uint32_t begin, uint32_t end, text::SegmentKind kind, bool ascii) {
                  if (kind == text::SegmentKind::kPunctuation && options_.strip_punctuation) {
                    return;
                  }
                  std::string_view span = utf8.substr(begin, end - begin);
                  if (ascii) {
                    AppendToken(span, options_.casefold, begin, end, out);
                  } else {
                    AppendWord(span, begin, out);
                  }
                });
}

void Normalizer::AppendWord(std::string_view original, uint32_t orig_begin,
                            NormalizedText* out) const {
  auto orig_end = orig_begin + static_cast<uint32_t>(original.size());
  // Words recur (Zipf), and mapping one through utf8proc allocates: each
  // thread remembers the mapped form of the words it has seen, per
  // normaliser (the options decide the mapping), up to a bound.
  struct Hash {
    using is_transparent = void;  // look up by string_view, no allocation
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Cache {
    uint64_t owner = 0;
    std::unordered_map<std::string, std::string, Hash, std::equal_to<>> mapped;
  };
  thread_local Cache cache;
  constexpr size_t kMaxCachedWords = 1 << 16;
  if (cache.owner != id_ || cache.mapped.size() >= kMaxCachedWords) {
    cache.mapped.clear();
    cache.owner = id_;
  }
  auto hit = cache.mapped.find(original);
  if (hit != cache.mapped.end()) {
    AppendPiece(hit->second, orig_begin, orig_end, out);
    return;
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(original.data()),
                   static_cast<utf8proc_ssize_t>(original.size()), &mapped, MapOptions(options_));
  if (n < 0) {  // invalid UTF-8 inside the span: keep the bytes as they are
    std::free(mapped);
    AppendPiece(original, orig_begin, orig_end, out);
    return;
  }
  std::string normalised(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  std::free(mapped);
  AppendPiece(normalised, orig_begin, orig_end, out);
  cache.mapped.emplace(std::string(original), std::move(normalised));
}

void Normalizer::AppendPiece(std::string_view piece, uint32_t orig_begin, uint32_t orig_end,
                             NormalizedText* out) const {
  // Normalisation can turn one word into several (U+00BD "½" is "1⁄2"), so the
  // mapped text is segmented again; every piece keeps the original range.
  text::Segment(piece, options_.split_unspaced_scripts,
                [&](uint32_t begin, uint32_t end, text::SegmentKind kind, bool /*ascii*/) {
                  if (kind == text::SegmentKind::kPunctuation && options_.strip_punctuation) {
                    return;
                  }
                  AppendToken(piece.substr(begin, end - begin), false, orig_begin, orig_end, out);
                });
}

}  // namespace doppel
