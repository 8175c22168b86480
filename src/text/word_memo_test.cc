#include "text/word_memo.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "doppel/hash.h"

namespace doppel::text {
namespace {

std::vector<std::string> Recalled(const WordMemo& memo, std::string_view word, uint64_t hash,
                                  bool* found) {
  std::vector<std::string> tokens;
  *found = memo.Recall(word, hash, [&](std::string_view t) { tokens.emplace_back(t); });
  return tokens;
}

TEST(WordMemoTest, RecallsTheTokensItWasGiven) {
  WordMemo memo;
  memo.Reset(1);
  bool found = true;
  EXPECT_TRUE(Recalled(memo, "½", HashBytes("½"), &found).empty());
  EXPECT_FALSE(found);
  const std::vector<std::string_view> tokens{"1", "2"};
  memo.Remember("½", HashBytes("½"), tokens);
  memo.Remember("Straße", HashBytes("Straße"), std::vector<std::string_view>{"strasse"});
  memo.Remember("—", HashBytes("—"), {});  // a word that gives no token
  EXPECT_EQ(Recalled(memo, "½", HashBytes("½"), &found), (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(found);
  EXPECT_EQ(Recalled(memo, "Straße", HashBytes("Straße"), &found),
            (std::vector<std::string>{"strasse"}));
  EXPECT_TRUE(Recalled(memo, "—", HashBytes("—"), &found).empty());
  EXPECT_TRUE(found);
}

TEST(WordMemoTest, RecallsLongWordsAndLongTokens) {
  // Words and tokens beyond what a slot holds itself are read from the
  // arena: a long word, a short word with long tokens, and long words
  // that differ only past the slot's bytes.
  WordMemo memo;
  memo.Reset(1);
  const std::string long_word = "Ｆｕｌｌｗｉｄｔｈｗｏｒｄｓ";  // 42 bytes
  const std::string long_other = "Ｆｕｌｌｗｉｄｔｈｗｏｒｄｓ!";
  const std::string short_word = "ﷺ";  // one character, a phrase in NFKC
  const std::string long_token(60, 'y');
  memo.Remember(long_word, 5, std::vector<std::string_view>{"fullwidth", "words"});
  memo.Remember(short_word, 6, std::vector<std::string_view>{long_token, "z"});
  bool found = false;
  EXPECT_EQ(Recalled(memo, long_word, 5, &found), (std::vector<std::string>{"fullwidth", "words"}));
  EXPECT_TRUE(found);
  EXPECT_EQ(Recalled(memo, short_word, 6, &found), (std::vector<std::string>{long_token, "z"}));
  Recalled(memo, long_other, 5, &found);
  EXPECT_FALSE(found);
  memo.Remember(long_other, 5, std::vector<std::string_view>{long_token});
  EXPECT_EQ(Recalled(memo, long_other, 5, &found), (std::vector<std::string>{long_token}));
  EXPECT_EQ(Recalled(memo, long_word, 5, &found), (std::vector<std::string>{"fullwidth", "words"}));
}

TEST(WordMemoTest, TellsWordsWithTheSameHashApart) {
  WordMemo memo;
  memo.Reset(1);
  memo.Remember("один", 42, std::vector<std::string_view>{"a"});
  memo.Remember("два", 42, std::vector<std::string_view>{"b"});
  bool found = false;
  EXPECT_EQ(Recalled(memo, "один", 42, &found), (std::vector<std::string>{"a"}));
  EXPECT_EQ(Recalled(memo, "два", 42, &found), (std::vector<std::string>{"b"}));
  Recalled(memo, "три", 42, &found);
  EXPECT_FALSE(found);
}

TEST(WordMemoTest, ForgetsOnResetWhenFullAndSkipsLongWords) {
  WordMemo memo;
  memo.Reset(7);
  EXPECT_EQ(memo.owner(), 7u);
  const std::string long_word(WordMemo::kMaxWordBytes + 1, 'x');
  memo.Remember(long_word, HashBytes(long_word), std::vector<std::string_view>{"x"});
  bool found = true;
  Recalled(memo, long_word, HashBytes(long_word), &found);
  EXPECT_FALSE(found);

  std::vector<std::string> words;
  for (size_t i = 0; i <= WordMemo::kMaxWords; ++i) words.push_back(std::to_string(i).append("w"));
  for (const std::string& w : words) {
    memo.Remember(w, HashBytes(w), std::vector<std::string_view>{w});
  }
  // The last word found the memo full: it started over, keeping that one.
  Recalled(memo, words.front(), HashBytes(words.front()), &found);
  EXPECT_FALSE(found);
  EXPECT_EQ(Recalled(memo, words.back(), HashBytes(words.back()), &found),
            (std::vector<std::string>{words.back()}));
  memo.Reset(8);
  Recalled(memo, words.back(), HashBytes(words.back()), &found);
  EXPECT_FALSE(found);
  EXPECT_EQ(memo.owner(), 8u);
}

}  // namespace
}  // namespace doppel::text
