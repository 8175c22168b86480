#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "doppel/normalize.h"
#include "text/segmenter.h"

namespace doppel {

// Reaches the general path, to check the ASCII fast path against it, and
// the word memo's path, to check the table paths against it.
struct NormalizerTestPeer {
  static void General(const Normalizer& n, std::string_view text, NormalizedText* out) {
    n.NormalizeGeneral(text, out);
  }
  static void Word(const Normalizer& n, std::string_view word, NormalizedText* out) {
    n.AppendWord(word, 0, out);
  }
};

namespace {

std::vector<std::string> Tokens(std::string_view text, NormalizeOptions options = {}) {
  Normalizer normalizer(options);
  NormalizedText out;
  normalizer.Normalize(text, &out);
  std::vector<std::string> tokens;
  for (const Token& t : out.tokens) tokens.emplace_back(out.TokenText(t));
  return tokens;
}

using Strings = std::vector<std::string>;

TEST(NormalizerTest, FoldsCaseWhitespaceAndPunctuation) {
  EXPECT_EQ(Tokens("Hello,   World!\n\tIt's  (really) me."),
            (Strings{"hello", "world", "it", "s", "really", "me"}));
}

TEST(NormalizerTest, NfkcMapsCompatibilityCharacters) {
  EXPECT_EQ(Tokens("\uFB01ne \uFF21\uFF22\uFF23"),
            (Strings{"fine", "abc"}));                   // ligature, full width
  EXPECT_EQ(Tokens("x\u00B2"), (Strings{"x2"}));         // superscript
  EXPECT_EQ(Tokens("\u00BD"), (Strings{"1", "2"}));      // one half: "1⁄2", fraction slash drops
  EXPECT_EQ(Tokens("Acme\u2122"), (Strings{"acmetm"}));  // a symbol that decomposes to letters
}

TEST(NormalizerTest, NfkcComposesDecomposedLetters) {
  // "é" as one code point and as e + combining acute compare equal.
  EXPECT_EQ(Tokens("caf\u00E9"), Tokens("cafe\u0301"));
}

TEST(NormalizerTest, FullCaseFolding) {
  EXPECT_EQ(Tokens("Stra\u00DFe STRASSE"), (Strings{"strasse", "strasse"}));
  EXPECT_EQ(Tokens("\u039F\u0394\u039F\u03A3 \u03BF\u03B4\u03BF\u03C2"),
            Tokens("\u03BF\u03B4\u03BF\u03C3 \u03BF\u03B4\u03BF\u03C3"));  // final sigma
}

TEST(NormalizerTest, CurlyAndStraightQuotesAgree) {
  EXPECT_EQ(Tokens("the \u201Csuspicious\u201D role"), Tokens("the \"suspicious\" role"));
  EXPECT_EQ(Tokens("coalition\u2019s"), Tokens("coalition's"));
}

TEST(NormalizerTest, UnspacedScriptsGiveOneTokenPerCharacter) {
  EXPECT_EQ(Tokens("東京タワーです"), (Strings{"東", "京", "タ", "ワ", "ー", "で", "す"}));
  // Thai: combining vowel and tone marks stay with their base letter.
  EXPECT_EQ(Tokens("\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35"),
            (Strings{"\u0E2A", "\u0E27\u0E31", "\u0E2A", "\u0E14\u0E35"}));
  // Mixed with Latin words, each keeps its own rule.
  EXPECT_EQ(Tokens("iPhone发布"), (Strings{"iphone", "发", "布"}));
  NormalizeOptions whole;
  whole.split_unspaced_scripts = false;
  EXPECT_EQ(Tokens("東京 タワー", whole), (Strings{"東京", "タワー"}));
}

TEST(NormalizerTest, SpacedNonLatinScriptsKeepWords) {
  EXPECT_EQ(Tokens("قوات سوريا الديمقراطية"), (Strings{"قوات", "سوريا", "الديمقراطية"}));
  EXPECT_EQ(Tokens("Привет, МИР"), (Strings{"привет", "мир"}));
  EXPECT_EQ(Tokens("नमस्ते दुनिया"), (Strings{"नमस्ते", "दुनिया"}));  // marks inside words
}

TEST(NormalizerTest, OptionsCanBeTurnedOff) {
  NormalizeOptions keep;
  keep.casefold = false;
  keep.strip_punctuation = false;
  keep.nfkc = false;
  EXPECT_EQ(Tokens("Hi, \uFB01!", keep), (Strings{"Hi", ",", "\uFB01", "!"}));
}

TEST(NormalizerTest, TokensPointAtTheirOriginalBytes) {
  std::string text = "  \u201CCaf\u00E9\u201D, na\uFB01ve!";
  Normalizer normalizer{NormalizeOptions{}};
  NormalizedText out;
  normalizer.Normalize(text, &out);
  ASSERT_EQ(out.tokens.size(), 2u);
  EXPECT_EQ(
      text.substr(out.tokens[0].orig_begin, out.tokens[0].orig_end - out.tokens[0].orig_begin),
      "Caf\u00E9");
  EXPECT_EQ(
      text.substr(out.tokens[1].orig_begin, out.tokens[1].orig_end - out.tokens[1].orig_begin),
      "na\uFB01ve");
  EXPECT_EQ(out.text, "caf\u00E9 nafive");
}

TEST(NormalizerTest, EmptyAndSeparatorOnlyTextHasNoTokens) {
  EXPECT_TRUE(Tokens("").empty());
  EXPECT_TRUE(Tokens(" \n\t ,.;!? \u00A0\u3000 — …").empty());
}

// Normalize takes fast paths for ASCII text and for the ASCII stretches of
// mixed text; both must give exactly what the general path gives.
void ExpectFastPathsMatchTheGeneralPath(const std::vector<std::string>& alphabet, int texts) {
  std::mt19937_64 rng(17);
  for (int options = 0; options < 8; ++options) {
    NormalizeOptions o;
    o.casefold = (options & 1) != 0;
    o.strip_punctuation = (options & 2) != 0;
    o.split_unspaced_scripts = (options & 4) != 0;
    Normalizer n(o);
    for (int t = 0; t < texts; ++t) {
      std::string text;
      for (int k = static_cast<int>(rng() % 200); k > 0; --k)
        text += alphabet[rng() % alphabet.size()];
      NormalizedText fast;
      NormalizedText general;
      n.Normalize(text, &fast);
      NormalizerTestPeer::General(n, text, &general);
      ASSERT_EQ(fast.text, general.text) << text;
      ASSERT_EQ(fast.tokens.size(), general.tokens.size()) << text;
      for (size_t i = 0; i < fast.tokens.size(); ++i) {
        EXPECT_EQ(fast.tokens[i].orig_begin, general.tokens[i].orig_begin) << text;
        EXPECT_EQ(fast.tokens[i].orig_end, general.tokens[i].orig_end) << text;
        EXPECT_EQ(fast.tokens[i].norm_begin, general.tokens[i].norm_begin) << text;
        EXPECT_EQ(fast.tokens[i].norm_end, general.tokens[i].norm_end) << text;
      }
    }
  }
}

std::vector<std::string> AsciiAlphabet() {
  std::vector<std::string> alphabet;
  for (char c : std::string("abcXYZ09 ,.;:!?'\"-\t\n()[]{}#$%&*+/<=>@^_`|~"))
    alphabet.emplace_back(1, c);
  alphabet.push_back("Qwertyuiop0123456789Asdfghjkl");  // words across 64-byte blocks
  return alphabet;
}

TEST(NormalizerTest, AsciiFastPathMatchesTheGeneralPath) {
  ExpectFastPathsMatchTheGeneralPath(AsciiAlphabet(), 300);
}

TEST(NormalizerTest, MixedTextFastPathMatchesTheGeneralPath) {
  std::vector<std::string> alphabet = AsciiAlphabet();
  for (const char* other : {
           "\u00E9",        // é: a letter that joins ASCII letters
           "\u0301",        // a combining mark: joins what comes before it
           "\u00A9",        // ©: a symbol
           "\u2019",        // a typographic apostrophe
           "\u00A0",        // a no-break space
           "\u65E5\u672C",  // unspaced script
           "\uFB01",        // a ligature that NFKC opens
           "\u2167",        // a Roman numeral that NFKC makes letters
           "\u00DF",        // ß, folded to ss
           "\xFF",          // invalid bytes
           "\xC3",          // a truncated sequence
       }) {
    for (int copies = 0; copies < 3; ++copies) alphabet.emplace_back(other);
  }
  ExpectFastPathsMatchTheGeneralPath(alphabet, 400);
}

// Every character of three bytes alone, and random words of letters below
// U+0800 (with some that the table leaves out), give the same tokens by the
// table paths (taken by NormalizeGeneral) as by the word memo's path.
TEST(NormalizerTest, TablePathsMatchTheWordMemoPath) {
  std::mt19937 rng(9);
  for (const bool nfkc : {true, false}) {
    for (const bool casefold : {true, false}) {
      NormalizeOptions o;
      o.nfkc = nfkc;
      o.casefold = casefold;
      const Normalizer n(o);
      // Words the general path hands on whole: one segment, not punctuation.
      auto one_segment = [&](const std::string& word) {
        int segments = 0;
        bool whole = false;
        text::Segment(word, o.split_unspaced_scripts,
                      [&](uint32_t from, uint32_t to, text::SegmentKind kind, bool) {
                        ++segments;
                        whole = from == 0 && to == word.size() &&
                                kind != text::SegmentKind::kPunctuation;
                      });
        return segments == 1 && whole;
      };
      auto expect_same = [&](const std::string& word) {
        if (!one_segment(word)) return;
        NormalizedText by_table;
        NormalizedText by_memo;
        NormalizerTestPeer::General(n, word, &by_table);
        NormalizerTestPeer::Word(n, word, &by_memo);
        ASSERT_EQ(by_table.text, by_memo.text)
            << word << " nfkc " << nfkc << " casefold " << casefold;
        ASSERT_EQ(by_table.tokens, by_memo.tokens) << word;
      };
      for (uint32_t cp = 0x800; cp < 0x10000; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        const std::string c = {static_cast<char>(0xE0 | cp >> 12),
                               static_cast<char>(0x80 | (cp >> 6 & 0x3F)),
                               static_cast<char>(0x80 | (cp & 0x3F))};
        expect_same(c);
      }
      const std::vector<std::string> letters = {
          "a",      "Z",      "7",      "\u00E9", "\u00C0", "\u00DF", "\u0130", "\u0149",
          "\u01C4", "\u0390", "\u03A3", "\u03C2", "\u0416", "\u0451", "\u0531", "\u05D0",
          "\u0627", "\u0622", "\u0301", "\u0654", "\u00BD", "\u4E2D"};
      for (int i = 0; i < 3000; ++i) {
        std::string word = letters[rng() % 19];  // a letter first: no mark or symbol
        for (size_t k = rng() % 6; k > 0; --k) word += letters[rng() % letters.size()];
        expect_same(word);
      }
    }
  }
}

TEST(NormalizerTest, InvalidBytesSeparateWords) {
  EXPECT_EQ(Tokens("abc\xFF"
                   "def"),
            (Strings{"abc", "def"}));
}

}  // namespace
}  // namespace doppel
