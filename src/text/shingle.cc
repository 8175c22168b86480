#include "doppel/shingle.h"

#include <algorithm>

#include "doppel/hash.h"
#include "text/char_class.h"

// xxHash, inlined: one call per token is the hot path of shingling. The
// values are those of HashBytes.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace doppel {
namespace {

constexpr uint64_t kTokenSeed = 0x646f7070656c0001ULL;  // "doppel" + 1
constexpr uint64_t kWindowMultiplier = 0x9e3779b97f4a7c15ULL;

// Hash of a window of n unit hashes: a polynomial in the multiplier, mixed.
// Order matters, so "a b" and "b a" differ.
uint64_t WindowHash(const uint64_t* units, int n) {
  uint64_t h = static_cast<uint64_t>(n);
  for (int i = 0; i < n; ++i) h = (h ^ units[i]) * kWindowMultiplier + 0x632be59bd9b4e019ULL;
  return Mix64(h);
}

void HashWindows(const std::vector<uint64_t>& units, int size, std::vector<uint64_t>* out) {
  if (units.empty()) return;
  if (static_cast<int>(units.size()) <= size) {
    out->push_back(WindowHash(units.data(), static_cast<int>(units.size())));
    return;
  }
  out->reserve(out->size() + units.size() - size + 1);
  for (size_t i = 0; i + size <= units.size(); ++i) out->push_back(WindowHash(&units[i], size));
}

}  // namespace

bool ParseShingleKind(std::string_view name, ShingleKind* kind) {
  if (name == "word") {
    *kind = ShingleKind::kWord;
  } else if (name == "char") {
    *kind = ShingleKind::kChar;
  } else {
    return false;
  }
  return true;
}

std::string_view ShingleKindName(ShingleKind kind) {
  return kind == ShingleKind::kWord ? "word" : "char";
}

void HashShingles(const NormalizedText& text, const ShingleOptions& options,
                  std::vector<uint64_t>* out) {
  thread_local std::vector<uint64_t> units;
  units.clear();
  if (options.kind == ShingleKind::kWord) {
    units.reserve(text.tokens.size());
    for (const Token& t : text.tokens) {
      std::string_view token = text.TokenText(t);
      units.push_back(XXH3_64bits_withSeed(token.data(), token.size(), kTokenSeed));
    }
  } else {
    const auto* p = reinterpret_cast<const unsigned char*>(text.text.data());
    const unsigned char* end = p + text.text.size();
    while (p < end) {
      uint32_t cp = *p;
      int n = 1;
      if (cp >= 0x80) n = text::DecodeUtf8(p, end, &cp);
      units.push_back(Mix64(cp ^ kTokenSeed));
      p += n;
    }
  }
  HashWindows(units, options.size, out);
}

void ToShingleSet(std::vector<uint64_t>* hashes) {
  std::sort(hashes->begin(), hashes->end());
  hashes->erase(std::unique(hashes->begin(), hashes->end()), hashes->end());
}

}  // namespace doppel
