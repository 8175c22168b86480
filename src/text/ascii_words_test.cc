#include "text/ascii_words.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "util/cpu_features.h"

namespace doppel::text {
namespace {

using AppendFn = void (*)(std::string_view, uint32_t, uint32_t, bool, NormalizedText*);

std::vector<std::pair<AppendFn, const char*>> Paths() {
  std::vector<std::pair<AppendFn, const char*>> paths = {{AppendAsciiWords, "chosen"},
                                                         {AppendAsciiWordsPortable, "portable"}};
  if (util::CpuHasAvx512Vbmi2()) paths.emplace_back(AppendAsciiWordsAvx512, "avx512");
  return paths;
}

Token T(uint32_t norm_begin, uint32_t norm_end, uint32_t orig_begin, uint32_t orig_end) {
  return Token{norm_begin, norm_end, orig_begin, orig_end};
}

TEST(AsciiWordsTest, WordsFoldedAndJoinedBySingleSpaces) {
  const std::string text = "  Hello, World! 42x-Ab\t\n";
  for (const auto& [fn, name] : Paths()) {
    NormalizedText out;
    fn(text, 0, static_cast<uint32_t>(text.size()), true, &out);
    EXPECT_EQ(out.text, "hello world 42x ab") << name;
    EXPECT_EQ(out.tokens, (std::vector<Token>{T(0, 5, 2, 7), T(6, 11, 9, 14), T(12, 15, 16, 19),
                                              T(16, 18, 20, 22)}))
        << name;
    NormalizedText kept;
    fn(text, 0, static_cast<uint32_t>(text.size()), false, &kept);
    EXPECT_EQ(kept.text, "Hello World 42x Ab") << name;
  }
}

TEST(AsciiWordsTest, AppendsAfterTextWithASpaceAndAddsNothingWithoutWords) {
  const std::string text = "x ;; Yes!";
  for (const auto& [fn, name] : Paths()) {
    NormalizedText out;
    out.text = "before";
    out.tokens.push_back(T(0, 6, 0, 6));
    fn(text, 1, static_cast<uint32_t>(text.size()), true, &out);
    EXPECT_EQ(out.text, "before yes") << name;
    ASSERT_EQ(out.tokens.size(), 2u) << name;
    EXPECT_EQ(out.tokens[1], T(7, 10, 5, 8)) << name;
    fn(text, 1, 5, true, &out);  // " ;; ": no word
    EXPECT_EQ(out.text, "before yes") << name;
    EXPECT_EQ(out.tokens.size(), 2u) << name;
  }
}

// Random texts of words and separators (lengths about the 64-byte blocks,
// words across block edges, a range that cuts words) on every path, against
// the portable one.
TEST(AsciiWordsTest, EveryPathAgreesWithThePortableOne) {
  std::mt19937_64 rng(11);
  const std::string word_bytes = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const std::string other_bytes = " \t\n.,;:!?'\"-()[]{}@#$%^&*_+=/\\|<>~`\x01\x7f";
  for (int round = 0; round < 3000; ++round) {
    const size_t length = round < 300 ? static_cast<size_t>(round) : rng() % 700;
    const int word_share = static_cast<int>(rng() % 100);
    std::string text;
    while (text.size() < length) {
      const bool word = static_cast<int>(rng() % 100) < word_share;
      const std::string& from = word ? word_bytes : other_bytes;
      const size_t run = 1 + rng() % (rng() % 4 == 0 ? 90 : 8);
      for (size_t i = 0; i < run && text.size() < length; ++i)
        text.push_back(from[rng() % from.size()]);
    }
    const auto n = static_cast<uint32_t>(text.size());
    const uint32_t begin = n == 0 || rng() % 2 == 0 ? 0 : static_cast<uint32_t>(rng() % n);
    const uint32_t end =
        begin +
        (n == begin || rng() % 2 == 0 ? n - begin : static_cast<uint32_t>(rng() % (n - begin)));
    const bool fold = rng() % 2 == 0;
    const std::string before = rng() % 3 == 0 ? "prior" : "";
    NormalizedText expected;
    expected.text = before;
    AppendAsciiWordsPortable(text, begin, end, fold, &expected);
    for (const auto& [fn, name] : Paths()) {
      NormalizedText got;
      got.text = before;
      fn(text, begin, end, fold, &got);
      ASSERT_EQ(got.text, expected.text)
          << name << " on [" << begin << ", " << end << ") of \"" << text << "\"";
      ASSERT_EQ(got.tokens, expected.tokens)
          << name << " on [" << begin << ", " << end << ") of \"" << text << "\"";
    }
  }
}

}  // namespace
}  // namespace doppel::text
