// The hardware floor for doppel's end-to-end benchmark: the least work any
// dedup engine must do per document. It parses each JSON line crudely (finds
// the "text" string, no unescaping), splits ASCII words (lower-cased on the
// fly), hashes every word 5-gram once and keeps a one-permutation MinHash
// sketch of 128 bins. It writes nothing but a checksum, so the compiler
// cannot skip the work.
//
//   floor FILE.jsonl  ->  "docs=N bytes=B seconds=S checksum=C"
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

inline uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Sketches one document's text [p, end): returns a digest of its sketch.
uint64_t SketchText(const char* p, const char* end, uint32_t* bins) {
  constexpr int kBins = 128;
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
      if (words >= 5) {
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
  uint64_t digest = 0;
  for (int i = 0; i < kBins; ++i) digest = Mix(digest ^ bins[i]);
  return digest;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: floor FILE.jsonl\n");
    return 2;
  }
  std::FILE* f = std::fopen(argv[1], "rb");
  if (f == nullptr) {
    std::perror(argv[1]);
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<char> buf(1 << 24);
  size_t have = 0;
  uint64_t docs = 0;
  uint64_t bytes = 0;
  uint64_t checksum = 0;
  uint32_t bins[128];
  for (;;) {
    size_t got = std::fread(buf.data() + have, 1, buf.size() - have, f);
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
        if (q != nullptr && text_end != nullptr) checksum ^= SketchText(q + 1, text_end, bins);
      }
      ++docs;
      bytes += static_cast<uint64_t>(nl - line) + 1;
      line_start = static_cast<size_t>(nl - buf.data()) + 1;
    }
    std::memmove(buf.data(), buf.data() + line_start, have - line_start);
    have -= line_start;
    if (got == 0) break;
    if (have == buf.size()) buf.resize(buf.size() * 2);
  }
  std::fclose(f);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("docs=%llu bytes=%llu seconds=%.3f checksum=%016llx\n",
              static_cast<unsigned long long>(docs), static_cast<unsigned long long>(bytes), secs,
              static_cast<unsigned long long>(checksum));
  return 0;
}
