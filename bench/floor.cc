// The hardware floor for doppel's end-to-end benchmark: the least work any
// dedup engine must do per document. It parses each JSON line crudely (finds
// the "text" string, no unescaping), splits ASCII words (lower-cased on the
// fly), hashes every word 5-gram once and keeps a one-permutation MinHash
// sketch of 128 bins. It writes nothing but a checksum, so the compiler
// cannot skip the work.
//
// Two tokenizers: a scalar one (a byte at a time) and a SIMD one (AVX2: 64
// bytes classified at a time, word bounds from bit masks, a word hashed 8
// bytes at a time). The targets are set against the SIMD floor; the
// scalar one is kept for comparison with earlier tables.
//
//   floor [--scalar | --simd] FILE.jsonl  ->  "docs=N bytes=B words=W seconds=S checksum=C"
//   (--simd, the default, needs AVX2; without it the floor says so and fails)
#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

namespace {

inline uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr int kBins = 128;

// Adds word hash `word` to the 5-gram window; once five words are in it,
// puts the 5-gram's hash into its one-permutation bin (a conditional move:
// a bin's minimum changes about half the time, a branch would mispredict).
inline void AddWord(uint64_t word, uint64_t* window, int* words, uint32_t* bins) {
  window[*words % 5] = word;
  ++*words;
  if (*words >= 5) {
    uint64_t s =
        window[0] ^ (window[1] << 1) ^ (window[2] << 2) ^ (window[3] << 3) ^ (window[4] << 4);
    s = Mix(s);
    uint32_t bin = static_cast<uint32_t>(((s >> 32) * kBins) >> 32);
    bins[bin] = std::min(bins[bin], static_cast<uint32_t>(s));
  }
}

uint64_t Digest(const uint32_t* bins) {
  uint64_t digest = 0;
  for (int i = 0; i < kBins; ++i) digest = Mix(digest ^ bins[i]);
  return digest;
}

// Sketches one document's text [p, end) a byte at a time: returns a digest
// of its sketch, and adds its words to *total_words.
uint64_t SketchTextScalar(const char* p, const char* end, uint32_t* bins, uint64_t* total_words) {
  std::fill(bins, bins + kBins, ~0u);
  uint64_t window[5] = {0, 0, 0, 0, 0};
  int words = 0;
  uint64_t h = 0;
  bool in_word = false;
  for (;; ++p) {
    unsigned char c = p < end ? static_cast<unsigned char>(*p) : ' ';
    bool alnum =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (alnum) {
      h = (h ^ (c | 0x20)) * 0x100000001b3ULL;
      in_word = true;
    } else if (in_word) {
      window[words % 5] = Mix(h);
      ++words;
      h = 0xcbf29ce484222325ULL;
      in_word = false;
      if (words >= 5) {  // as AddWord, with the branch of the earlier tables' floor
        uint64_t s =
            window[0] ^ (window[1] << 1) ^ (window[2] << 2) ^ (window[3] << 3) ^ (window[4] << 4);
        s = Mix(s);
        uint32_t bin = static_cast<uint32_t>(((s >> 32) * kBins) >> 32);
        uint32_t value = static_cast<uint32_t>(s);
        if (value < bins[bin]) bins[bin] = value;
      }
    }
    if (p >= end) break;
  }
  *total_words += static_cast<uint64_t>(words);
  return Digest(bins);
}

// The bytes of word characters among the 32 at p (bit i for p[i]): ASCII
// letters and digits, and every byte of a multi-byte UTF-8 character.
__attribute__((target("avx2"))) inline uint32_t WordMask32(const char* p) {
  const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  // (c | 0x20) - 'a' and c - '0', moved to the bottom of the signed range:
  // below -128 + 26 (or + 10) exactly when a letter (or a digit).
  const __m256i lower = _mm256_or_si256(c, _mm256_set1_epi8(0x20));
  const __m256i a = _mm256_add_epi8(lower, _mm256_set1_epi8(static_cast<char>(0x80 - 'a')));
  const __m256i d = _mm256_add_epi8(c, _mm256_set1_epi8(static_cast<char>(0x80 - '0')));
  const __m256i letter = _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(-128 + 26)), a);
  const __m256i digit = _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(-128 + 10)), d);
  const __m256i word = _mm256_or_si256(_mm256_or_si256(letter, digit), c);
  return static_cast<uint32_t>(_mm256_movemask_epi8(word));  // c's sign bit: a non-ASCII byte
}

// A word's hash, lower-cased (as the scalar tokenizer does), 8 bytes at a
// time. Reads up to 7 bytes past the word: the caller's buffer has them.
inline uint64_t HashWord(const char* s, size_t len) {
  constexpr uint64_t kLower = 0x2020202020202020ULL;
  uint64_t h = len * 0x9e3779b97f4a7c15ULL;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    h = Mix(h ^ (w | kLower));
  }
  if (i < len) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    h = Mix(h ^ ((w | kLower) & (~uint64_t{0} >> (8 * (8 - (len - i))))));
  }
  return h;
}

// As SketchTextScalar, with the SIMD tokenizer. Reads up to 63 bytes past
// `end`: the caller's buffer has them.
__attribute__((target("avx2,bmi"))) uint64_t SketchTextSimd(const char* p, const char* end,
                                                            uint32_t* bins, uint64_t* total_words) {
  std::fill(bins, bins + kBins, ~0u);
  uint64_t window[5] = {0, 0, 0, 0, 0};
  int words = 0;
  const auto n = static_cast<size_t>(end - p);
  uint64_t carry = 0;  // 1 when the last block ended inside a word
  size_t word_start = 0;
  uint32_t starts_at[33];  // a block's word starts and ends, in order
  uint32_t ends_at[33];
  for (size_t at = 0; at < n; at += 64) {
    uint64_t mask = WordMask32(p + at) | (uint64_t{WordMask32(p + at + 32)} << 32);
    if (n - at < 64) mask &= (uint64_t{1} << (n - at)) - 1;
    const uint64_t before = (mask << 1) | carry;  // bit i: byte i - 1 was a word byte
    uint64_t starts = mask & ~before;
    uint64_t ends = ~mask & before;  // the first byte after a word
    carry = mask >> 63;
    // Positions listed without a branch a bit; a word that began in an
    // earlier block ends first.
    size_t num_starts = 0;
    for (; starts != 0; starts &= starts - 1) starts_at[num_starts++] = _tzcnt_u64(starts);
    size_t num_ends = 0;
    for (; ends != 0; ends &= ends - 1) ends_at[num_ends++] = _tzcnt_u64(ends);
    size_t e = 0;
    if (num_ends > 0 && (num_starts == 0 || ends_at[0] < starts_at[0])) {
      AddWord(HashWord(p + word_start, at + ends_at[0] - word_start), window, &words, bins);
      e = 1;
    }
    for (size_t s = 0; s < num_starts; ++s, ++e) {
      if (e == num_ends) {  // the last word goes on into the next block
        word_start = at + starts_at[s];
        break;
      }
      AddWord(HashWord(p + at + starts_at[s], ends_at[e] - starts_at[s]), window, &words, bins);
    }
  }
  if (carry != 0) AddWord(HashWord(p + word_start, n - word_start), window, &words, bins);
  *total_words += static_cast<uint64_t>(words);
  return Digest(bins);
}

}  // namespace

int main(int argc, char** argv) {
  const bool scalar = argc == 3 && std::string_view(argv[1]) == "--scalar";
  if (argc != 2 && !(argc == 3 && (scalar || std::string_view(argv[1]) == "--simd"))) {
    std::fprintf(stderr, "usage: floor [--scalar | --simd] FILE.jsonl\n");
    return 2;
  }
  if (!scalar && !__builtin_cpu_supports("avx2")) {
    std::fprintf(stderr, "floor: the SIMD tokenizer needs AVX2, which this CPU lacks\n");
    return 1;
  }
  auto* sketch = scalar ? SketchTextScalar : SketchTextSimd;
  const char* path = argv[argc - 1];
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) {
    std::perror(path);
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  // The SIMD tokenizer reads up to 64 bytes past a text: the buffer keeps
  // that much room after the bytes read into it.
  constexpr size_t kPadding = 64;
  std::vector<char> buf((1 << 24) + kPadding);
  size_t have = 0;
  uint64_t docs = 0;
  uint64_t bytes = 0;
  uint64_t words = 0;  // the same for both tokenizers: a check that they agree
  uint64_t checksum = 0;
  uint32_t bins[128];
  for (;;) {
    size_t got = std::fread(buf.data() + have, 1, buf.size() - kPadding - have, f);
    have += got;
    size_t line_start = 0;
    for (;;) {
      auto* nl = static_cast<char*>(std::memchr(buf.data() + line_start, '\n', have - line_start));
      if (nl == nullptr) break;
      const char* line = buf.data() + line_start;
      const char* line_end = nl;
      const char* key = static_cast<const char*>(memmem(line, line_end - line, "\"text\":", 7));
      if (key != nullptr) {
        const char* q = static_cast<const char*>(std::memchr(key + 7, '"', line_end - key - 7));
        const char* text_end = q;
        while (text_end != nullptr && text_end + 1 < line_end) {
          text_end =
              static_cast<const char*>(std::memchr(text_end + 1, '"', line_end - text_end - 1));
          if (text_end == nullptr || text_end[-1] != '\\') break;
        }
        if (q != nullptr && text_end != nullptr) checksum ^= sketch(q + 1, text_end, bins, &words);
      }
      ++docs;
      bytes += static_cast<uint64_t>(nl - line) + 1;
      line_start = static_cast<size_t>(nl - buf.data()) + 1;
    }
    std::memmove(buf.data(), buf.data() + line_start, have - line_start);
    have -= line_start;
    if (got == 0) break;
    if (have == buf.size() - kPadding) buf.resize(2 * buf.size() - kPadding);
  }
  std::fclose(f);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("docs=%llu bytes=%llu words=%llu seconds=%.3f checksum=%016llx\n",
              static_cast<unsigned long long>(docs), static_cast<unsigned long long>(bytes),
              static_cast<unsigned long long>(words), secs,
              static_cast<unsigned long long>(checksum));
  return 0;
}
