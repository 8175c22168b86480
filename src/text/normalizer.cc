#include <utf8proc.h>

#include <cstdlib>

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

Normalizer::Normalizer(const NormalizeOptions& options) : options_(options) {}

void Normalizer::Normalize(std::string_view utf8, NormalizedText* out) const {
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
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(original.data()),
                                    static_cast<utf8proc_ssize_t>(original.size()), &mapped,
                                    MapOptions(options_));
  if (n < 0) {  // invalid UTF-8 inside the span: keep the bytes as they are
    std::free(mapped);
    AppendPiece(original, orig_begin, orig_end, out);
    return;
  }
  std::string_view normalised(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  AppendPiece(normalised, orig_begin, orig_end, out);
  std::free(mapped);
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
