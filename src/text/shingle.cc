#include "doppel/shingle.h"

#include <algorithm>

#include "doppel/hash.h"
#include "text/char_class.h"
#include "text/token_hash.h"
#include "text/window_hash.h"

namespace doppel {
namespace {

constexpr uint64_t kTokenSeed = 0x646f7070656c0001ULL;  // "doppel" + 1

// The window hashes of `units` (one per unit when there are fewer than
// `size`: the whole sequence is then one shingle), appended to *out.
void HashWindows(const std::vector<uint64_t>& units, int size, std::vector<uint64_t>* out) {
  if (units.empty()) return;
  const size_t width = std::min(units.size(), static_cast<size_t>(size));
  const size_t windows = units.size() - width + 1;
  const size_t at = out->size();
  out->resize(at + windows);
  text::WindowHashes(units.data(), windows, static_cast<int>(width), out->data() + at);
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
    units.resize(text.tokens.size());
    text::HashTokens(text.text, text.tokens, kTokenSeed, units.data());
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
