#include "text/ascii_words.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "text/ascii_block.h"
#include "util/cpu_features.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace doppel::text {

void AppendAsciiWords(std::string_view text, uint32_t begin, uint32_t end, bool fold,
                      NormalizedText* out) {
  static const bool vector = util::CpuHasAvx512Vbmi2();
  if (vector) {
    AppendAsciiWordsAvx512(text, begin, end, fold, out);
  } else {
    AppendAsciiWordsPortable(text, begin, end, fold, out);
  }
}

void AppendAsciiWordsPortable(std::string_view text, uint32_t begin, uint32_t end, bool fold,
                              NormalizedText* out) {
  // 64 bytes at a time: a mask of the word bytes, then each run of set bits
  // is a word, copied (folded) 16 bytes at a time straight into the text,
  // which is grown first by the most [begin, end) can add (a space and a
  // byte for each byte) and some slack for the wide copies. The last blocks
  // are copied into a padded buffer, so that no read passes `end`.
  constexpr uint32_t kBlock = 64;
  constexpr uint32_t kSlack = 16;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::string& norm = out->text;
  auto size = static_cast<uint32_t>(norm.size());
  norm.resize(size + 2 * static_cast<size_t>(end - begin) + kBlock + kSlack);
  char* w = norm.data();
  bool in_word = false;  // a word runs on from the previous block
  uint32_t word_begin = 0;
  uint32_t norm_begin = 0;
  unsigned char padded[kBlock + kSlack];
  for (uint32_t at = begin; at < end; at += kBlock) {
    const unsigned char* block = p + at;
    uint64_t mask;
    if (end - at >= kBlock + kSlack) {
      mask = WordBytes64(block);
    } else {
      const uint32_t left = std::min(end - at, kBlock);
      std::memset(padded, ' ', sizeof padded);
      std::memcpy(padded, block, left);
      block = padded;
      mask = WordBytes64(block);
    }
    uint32_t from = 0;  // bits below `from` are done
    while (from < kBlock) {
      const uint64_t rest = mask >> from;
      if (!in_word) {
        if (rest == 0) break;
        from += static_cast<uint32_t>(std::countr_zero(rest));
        if (size != 0) w[size++] = ' ';
        norm_begin = size;
        word_begin = at + from;
        in_word = true;
      }
      const auto run = static_cast<uint32_t>(std::countr_one(mask >> from));
      const uint32_t take = std::min(run, kBlock - from);
      CopyFolded(block + from, take, w + size, fold);
      size += take;
      from += take;
      if (from < kBlock) {  // the word ends in this block
        out->tokens.push_back(Token{norm_begin, size, word_begin, at + from});
        in_word = false;
      }
    }
  }
  if (in_word) out->tokens.push_back(Token{norm_begin, size, word_begin, end});
  norm.resize(size);
}

#if defined(__x86_64__)

#define DOPPEL_AVX512_VBMI2 __attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt,bmi,bmi2")))

// A block at a time: the word bytes' mask; each word's first byte and the
// byte after it (the first non-word byte after a word: its place in the
// text gets the space that follows the word) found by shifting the mask.
// The block's word bytes, folded, and those spaces are packed in one
// compression and stored whole (the text has a block of slack); a word's
// place in the text is the number of bytes packed before it.
DOPPEL_AVX512_VBMI2 void AppendAsciiWordsAvx512(std::string_view text, uint32_t begin, uint32_t end,
                                                bool fold, NormalizedText* out) {
  constexpr uint32_t kBlock = 64;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::string& norm = out->text;
  const auto first_size = static_cast<uint32_t>(norm.size());
  uint32_t size = first_size;
  norm.resize(size + static_cast<size_t>(end - begin) + 1 + kBlock);
  char* w = norm.data();
  bool need_space = size != 0;  // before the first word, when the text has some
  bool in_word = false;         // a word is open: `open` holds where it began
  Token open{};
  uint64_t carry = 0;  // 1 when the byte before the block is a word byte
  const __m512i low_bit5 = _mm512_set1_epi8(0x20);
  const __m512i a_small = _mm512_set1_epi8('a');
  const __m512i a_capital = _mm512_set1_epi8('A');
  const __m512i zero = _mm512_set1_epi8('0');
  const __m512i letters = _mm512_set1_epi8(26);
  const __m512i digits = _mm512_set1_epi8(10);
  const __m512i space = _mm512_set1_epi8(' ');
  const __mmask64 fold_mask = fold ? ~__mmask64{0} : 0;
  for (uint32_t at = begin; at < end; at += kBlock) {
    const uint32_t left = std::min(end - at, kBlock);
    const uint64_t valid = left == kBlock ? ~uint64_t{0} : (uint64_t{1} << left) - 1;
    const __m512i x = _mm512_maskz_loadu_epi8(valid, p + at);  // reads nothing past `end`
    const __mmask64 letter =
        _mm512_cmplt_epu8_mask(_mm512_sub_epi8(_mm512_or_si512(x, low_bit5), a_small), letters);
    const __mmask64 digit = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(x, zero), digits);
    const __mmask64 capital = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(x, a_capital), letters);
    const uint64_t word = (letter | digit) & valid;
    const uint64_t after = ~word & ((word << 1) | carry) & valid;
    uint64_t starts = word & ~((word << 1) | carry);
    uint64_t ends = after;
    if (need_space && starts != 0) {
      w[size++] = ' ';
      need_space = false;
    }
    const uint64_t keep = word | after;
    const __m512i folded = _mm512_mask_add_epi8(x, capital & fold_mask, x, low_bit5);
    const __m512i bytes = _mm512_mask_blend_epi8(word, space, folded);
    _mm512_storeu_si512(w + size, _mm512_maskz_compress_epi8(keep, bytes));
    // A word carried in from the previous block ends at the block's first
    // end (each end being the first byte after its word); then the k-th
    // start pairs with the next end. A byte's place in the text is the
    // number of bytes kept before it: the rank of its bit among keep's,
    // which _pext_u64 gives for all at once.
    if (in_word && ends != 0) {
      const int e = std::countr_zero(ends);
      ends &= ends - 1;
      open.norm_end = size + static_cast<uint32_t>(std::popcount(keep & ((uint64_t{1} << e) - 1)));
      open.orig_end = at + static_cast<uint32_t>(e);
      out->tokens.push_back(open);
      in_word = false;
    }
    uint64_t packed_starts = _pext_u64(starts, keep);
    uint64_t packed_ends = _pext_u64(ends, keep);
    while (starts != 0) {
      open.norm_begin = size + static_cast<uint32_t>(std::countr_zero(packed_starts));
      open.orig_begin = at + static_cast<uint32_t>(std::countr_zero(starts));
      starts &= starts - 1;
      packed_starts &= packed_starts - 1;
      if (ends == 0) {  // the word runs on into the next block
        in_word = true;
        break;
      }
      open.norm_end = size + static_cast<uint32_t>(std::countr_zero(packed_ends));
      open.orig_end = at + static_cast<uint32_t>(std::countr_zero(ends));
      ends &= ends - 1;
      packed_ends &= packed_ends - 1;
      out->tokens.push_back(open);
    }
    size += static_cast<uint32_t>(std::popcount(keep));
    carry = word >> 63;
  }
  if (in_word) {
    open.norm_end = size;
    open.orig_end = end;
    out->tokens.push_back(open);
  } else if (size > first_size && w[size - 1] == ' ') {
    --size;  // the space after the last word, which no word follows here
  }
  norm.resize(size);
}

#else

void AppendAsciiWordsAvx512(std::string_view text, uint32_t begin, uint32_t end, bool fold,
                            NormalizedText* out) {
  AppendAsciiWordsPortable(text, begin, end, fold, out);
}

#endif

}  // namespace doppel::text
