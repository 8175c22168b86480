// The fast path of normalisation for ASCII text with punctuation stripped:
// its words (runs of letters and digits), case-folded on request, appended
// to a normalised text as tokens joined by single spaces. Where the CPU has
// AVX-512 with byte compression (VBMI2), a block of 64 bytes is folded and
// packed in a few instructions and its words found from bit masks; every
// path gives the same text and tokens.
#pragma once

#include <cstdint>
#include <string_view>

#include "doppel/normalize.h"

namespace doppel::text {

// Appends the words of text[begin, end) (all ASCII) to *out: each a token
// (its normalised and original byte ranges), folded to small letters when
// `fold`, with a space before each unless it would start out->text.
void AppendAsciiWords(std::string_view text, uint32_t begin, uint32_t end, bool fold,
                      NormalizedText* out);

// The same on one path: the portable one anywhere, the AVX-512 one only
// where util::CpuHasAvx512Vbmi2(). For tests and benchmarks.
void AppendAsciiWordsPortable(std::string_view text, uint32_t begin, uint32_t end, bool fold,
                              NormalizedText* out);
void AppendAsciiWordsAvx512(std::string_view text, uint32_t begin, uint32_t end, bool fold,
                            NormalizedText* out);

}  // namespace doppel::text
