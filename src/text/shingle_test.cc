#include "doppel/shingle.h"

#include <gtest/gtest.h>

#include <set>

namespace doppel {
namespace {

std::vector<uint64_t> Shingles(std::string_view text, ShingleKind kind, int size) {
  Normalizer normalizer{NormalizeOptions{}};
  NormalizedText norm;
  normalizer.Normalize(text, &norm);
  std::vector<uint64_t> out;
  HashShingles(norm, ShingleOptions{kind, size}, &out);
  return out;
}

TEST(ShingleTest, WordShinglesOverlap) {
  auto s = Shingles("a b c d e f g", ShingleKind::kWord, 5);
  ASSERT_EQ(s.size(), 3u);  // 7 tokens - 5 + 1
  EXPECT_EQ(std::set<uint64_t>(s.begin(), s.end()).size(), 3u);
  // The shingle "c d e f g" is the same wherever it occurs.
  auto t = Shingles("x c d e f g", ShingleKind::kWord, 5);
  EXPECT_EQ(t.back(), s.back());
}

TEST(ShingleTest, NormalisationMakesShinglesEqual) {
  EXPECT_EQ(Shingles("The Quick, brown FOX jumps!", ShingleKind::kWord, 5),
            Shingles("the quick brown fox   jumps", ShingleKind::kWord, 5));
}

TEST(ShingleTest, OrderMatters) {
  EXPECT_NE(Shingles("a b", ShingleKind::kWord, 2), Shingles("b a", ShingleKind::kWord, 2));
}

TEST(ShingleTest, ShortDocumentIsOneShingle) {
  EXPECT_EQ(Shingles("only three words", ShingleKind::kWord, 5).size(), 1u);
  EXPECT_NE(Shingles("only three words", ShingleKind::kWord, 5),
            Shingles("only three", ShingleKind::kWord, 5));
}

TEST(ShingleTest, EmptyDocumentHasNoShingles) {
  EXPECT_TRUE(Shingles("  ...  ", ShingleKind::kWord, 5).empty());
  EXPECT_TRUE(Shingles("", ShingleKind::kChar, 5).empty());
}

TEST(ShingleTest, CharacterShinglesCountCodePoints) {
  // "ab cd" normalised is 5 code points: 5 - 3 + 1 windows of 3.
  EXPECT_EQ(Shingles("AB, cd", ShingleKind::kChar, 3).size(), 3u);
  // Unspaced scripts are one token per character, and tokens are joined by
  // single spaces: "日 本 語 の テ キ ス ト" is 15 code points.
  EXPECT_EQ(Shingles("日本語のテキスト", ShingleKind::kChar, 3).size(), 13u);
}

TEST(ShingleTest, ToShingleSetSortsAndDeduplicates) {
  std::vector<uint64_t> v = Shingles("a b a b a b", ShingleKind::kWord, 2);
  ToShingleSet(&v);
  EXPECT_EQ(v.size(), 2u);  // "a b" and "b a"
  EXPECT_LT(v[0], v[1]);
}

TEST(ShingleTest, ParsesKindNames) {
  ShingleKind k;
  EXPECT_TRUE(ParseShingleKind("char", &k));
  EXPECT_EQ(k, ShingleKind::kChar);
  EXPECT_FALSE(ParseShingleKind("line", &k));
  EXPECT_EQ(ShingleKindName(ShingleKind::kWord), "word");
}

}  // namespace
}  // namespace doppel
