#include "text/token_hash.h"

#include <gtest/gtest.h>

#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "doppel/hash.h"
#include "util/cpu_features.h"

namespace doppel::text {
namespace {

constexpr uint64_t kSeed = 0x646f7070656c0001ULL;

using HashFn = void (*)(std::string_view, std::span<const Token>, uint64_t, uint64_t*);

// Every token of `text` hashed on each path this CPU has, against HashBytes.
void ExpectSameAsHashBytes(const std::string& text, const std::vector<Token>& tokens) {
  std::vector<std::pair<HashFn, const char*>> paths = {{HashTokens, "chosen"},
                                                       {HashTokensPortable, "portable"}};
  if (util::CpuHasAvx512Bw()) paths.emplace_back(HashTokensAvx512, "avx512");
  for (const auto& [fn, name] : paths) {
    std::vector<uint64_t> got(tokens.size());
    fn(text, tokens, kSeed, got.data());
    for (size_t i = 0; i < tokens.size(); ++i) {
      const std::string_view bytes = std::string_view(text).substr(
          tokens[i].norm_begin, tokens[i].norm_end - tokens[i].norm_begin);
      ASSERT_EQ(got[i], HashBytes(bytes, kSeed))
          << name << ": token [" << tokens[i].norm_begin << ", " << tokens[i].norm_end << ") of a "
          << text.size() << "-byte text";
    }
  }
}

Token At(size_t begin, size_t end) {
  return Token{static_cast<uint32_t>(begin), static_cast<uint32_t>(end), 0, 0};
}

TEST(HashTokensTest, MatchesHashBytesForEveryLengthAndPlace) {
  // Tokens of 0 to 40 bytes at the very start, the very end and in the
  // middle of texts of many sizes, the short ones included: the loads that
  // a length does not use must stay inside the text.
  std::mt19937 rng(5);
  for (size_t size = 1; size <= 64; ++size) {
    std::string text(size, ' ');
    for (char& c : text) c = static_cast<char>('a' + rng() % 26);
    std::vector<Token> tokens;
    for (size_t len = 0; len <= std::min<size_t>(size, 40); ++len) {
      tokens.push_back(At(0, len));
      tokens.push_back(At(size - len, size));
      tokens.push_back(At((size - len) / 2, (size - len) / 2 + len));
    }
    ExpectSameAsHashBytes(text, tokens);
  }
}

TEST(HashTokensTest, MatchesHashBytesOnWordsOfAnyBytes) {
  std::mt19937 rng(9);
  std::string text;
  std::vector<Token> tokens;
  for (int w = 0; w < 5000; ++w) {
    const size_t len = 1 + rng() % (w % 10 == 0 ? 30 : 12);
    const size_t begin = text.size();
    for (size_t k = 0; k < len; ++k) text.push_back(static_cast<char>(rng()));  // any byte
    tokens.push_back(At(begin, text.size()));
    text.push_back(' ');
  }
  ExpectSameAsHashBytes(text, tokens);
}

}  // namespace
}  // namespace doppel::text
