#include "text/two_byte_fold.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace doppel::text {
namespace {

constexpr int kNfkcCasefold =
    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD;

std::string Utf8(uint32_t cp) {
  utf8proc_uint8_t bytes[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
}

// What utf8proc makes of `word` as a whole: the general path's result.
std::string Mapped(const std::string& word, int options) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                                          static_cast<utf8proc_ssize_t>(word.size()), &out,
                                          static_cast<utf8proc_option_t>(options));
  std::string s = n < 0 ? "<error>" : std::string(reinterpret_cast<const char*>(out), n);
  std::free(out);
  return s;
}

std::vector<uint32_t> TableLetters(const TwoByteFold& fold) {
  std::vector<uint32_t> letters;
  for (uint32_t cp = 0; cp < 0x800; ++cp) {
    if (fold.Maps(cp)) letters.push_back(cp);
  }
  return letters;
}

TEST(TwoByteFoldTest, FoldsWordsOfTwoByteLettersAsUtf8procDoes) {
  const TwoByteFold fold(kNfkcCasefold);
  for (const std::string word : {"Привет", "ΣΟΦΊΑ", "Straße", "À", "Ǆemal", "café2", "مرحبا",
                                 "שלום", "Բարեւ", "ΐ", "ASCII"}) {
    std::string out = "x";
    ASSERT_TRUE(fold.Append(word, &out)) << word;
    EXPECT_EQ(out.substr(0, 1), "x") << word;  // appended after what was there
    EXPECT_EQ(out.substr(1), Mapped(word, kNfkcCasefold)) << word;
  }
}

// Long words, of the letters with the longest forms and of ASCII ones:
// the room Append makes is enough (checked by ASan in the sanitized build).
TEST(TwoByteFoldTest, LongWordsFoldWhole) {
  const TwoByteFold fold(kNfkcCasefold);
  std::string longest_letter;
  size_t longest = 0;
  for (uint32_t cp = 0x80; cp < 0x800; ++cp) {
    const std::string letter = Utf8(cp);
    std::string form;
    if (fold.Append(letter, &form) && form.size() > longest) {
      longest = form.size();
      longest_letter = letter;
    }
  }
  ASSERT_GT(longest, 2u);
  for (const std::string& unit : {longest_letter, std::string("Ab"), longest_letter + "Z"}) {
    std::string word;
    for (int i = 0; i < 3000; ++i) word += unit;
    std::string out;
    ASSERT_TRUE(fold.Append(word, &out));
    EXPECT_EQ(out, Mapped(word, kNfkcCasefold));
  }
}

TEST(TwoByteFoldTest, LeavesOtherWordsToTheGeneralPath) {
  const TwoByteFold fold(kNfkcCasefold);
  const std::vector<std::string> others = {
      "",
      "e\xCC\x81",         // a combining mark (U+0301)
      "\xD0\xB0\xCC\x81",  // a Cyrillic letter, then a combining mark
      "\xE4\xB8\xAD",      // a three-byte letter (U+4E2D)
      "\xD0\xB0-",         // ASCII punctuation
      "\xC0\x80",          // an overlong sequence
      "\xD0",              // a truncated one
      "\x80\x80",          // continuation bytes alone
      "\xC2\xBD",          // U+00BD: NFKC gives "1/2" in three characters, not one word
      "\xC2\xA0\xC2\xA0",  // no-break spaces
  };
  for (const std::string& word : others) {
    std::string out = "kept";
    EXPECT_FALSE(fold.Append(word, &out)) << word;
    EXPECT_EQ(out, "kept");
  }
}

// The table's claim: a word's form is its letters' forms end to end. Every
// pair of letters in the table, for the options doppel uses by default, and
// every seventh pair for the others.
TEST(TwoByteFoldTest, EveryPairOfLettersFoldsAsTheWholeWordDoes) {
  const int option_sets[] = {kNfkcCasefold, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD,
                             UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT,
                             UTF8PROC_STABLE | UTF8PROC_COMPOSE};
  for (const int options : option_sets) {
    const TwoByteFold fold(options);
    const std::vector<uint32_t> letters = TableLetters(fold);
    EXPECT_GT(letters.size(), 1000u) << "options " << options;  // Latin, Greek, Cyrillic, Arabic...
    EXPECT_TRUE(fold.Maps('A') && fold.Maps('7') && !fold.Maps(' ') && !fold.Maps(0x301));
    const size_t step = options == kNfkcCasefold ? 1 : 7;
    size_t checked = 0;
    for (size_t i = 0; i < letters.size(); ++i) {
      const std::string x = Utf8(letters[i]);
      for (size_t j = i % step; j < letters.size(); j += step) {
        const std::string word = x + Utf8(letters[j]);
        std::string out;
        ASSERT_TRUE(fold.Append(word, &out));
        ASSERT_EQ(out, Mapped(word, options))
            << "U+" << std::hex << letters[i] << " U+" << letters[j] << ", options " << options;
        ++checked;
      }
    }
    EXPECT_GT(checked, letters.size());
  }
}

}  // namespace
}  // namespace doppel::text
