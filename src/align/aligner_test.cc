#include <gtest/gtest.h>

#include <random>

#include "doppel/align.h"
#include "test_util.h"

namespace doppel {
namespace {

// Random words, distinct enough that texts share nothing by chance.
class Words {
 public:
  explicit Words(uint64_t seed) : rng_(seed) {}
  std::vector<std::string> Take(size_t n) { return testing::RandomWords(rng_, n, 4, 8); }

 private:
  std::mt19937_64 rng_;
};

std::string Join(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

std::vector<std::string> Concat(std::initializer_list<std::vector<std::string>> parts) {
  std::vector<std::string> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

std::vector<AlignedPassage> Align(const std::string& a, const std::string& b) {
  Normalizer n{NormalizeOptions{}};
  NormalizedText na;
  NormalizedText nb;
  n.Normalize(a, &na);
  n.Normalize(b, &nb);
  return AlignDocuments(na, nb, AlignOptions{});
}

TEST(AlignerTest, FindsAPlantedPassageWithExactOffsets) {
  Words words(1);
  auto passage = words.Take(40);
  auto a_words = Concat({words.Take(30), passage, words.Take(25)});
  auto b_words = Concat({words.Take(70), passage, words.Take(10)});
  std::string a = Join(a_words);
  std::string b = Join(b_words);
  auto found = Align(a, b);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].a_first_token, 30u);
  EXPECT_EQ(found[0].a_tokens, 40u);
  EXPECT_EQ(found[0].b_first_token, 70u);
  EXPECT_DOUBLE_EQ(found[0].similarity, 1.0);
  // Cutting the offsets out of each original gives the passage.
  EXPECT_EQ(a.substr(found[0].a_start, found[0].a_end - found[0].a_start), Join(passage));
  EXPECT_EQ(b.substr(found[0].b_start, found[0].b_end - found[0].b_start), Join(passage));
}

TEST(AlignerTest, SmallEditsDoNotSplitAPassage) {
  Words words(2);
  auto passage = words.Take(60);
  auto edited = passage;
  edited[12] = "changed";                       // a substitution
  edited.erase(edited.begin() + 30);            // a deletion
  edited.insert(edited.begin() + 45, "extra");  // an insertion
  std::string a = Join(Concat({words.Take(20), passage, words.Take(20)}));
  std::string b = Join(Concat({words.Take(5), edited, words.Take(30)}));
  auto found = Align(a, b);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NEAR(found[0].a_first_token, 20.0, 1.0);
  EXPECT_NEAR(found[0].a_first_token + found[0].a_tokens, 80.0, 1.0);
  EXPECT_NEAR(found[0].b_first_token, 5.0, 1.0);
  EXPECT_NEAR(found[0].b_first_token + found[0].b_tokens, 65.0, 1.0);
  EXPECT_GT(found[0].similarity, 0.9);
  EXPECT_LT(found[0].similarity, 1.0);
}

TEST(AlignerTest, ReportsSeveralPassagesInOrderAndNothingUnplanted) {
  Words words(3);
  auto p1 = words.Take(25);
  auto p2 = words.Take(30);
  std::string a = Join(Concat({words.Take(10), p1, words.Take(40), p2, words.Take(5)}));
  std::string b = Join(Concat({words.Take(15), p2, words.Take(12), p1, words.Take(8)}));
  auto found = Align(a, b);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].a_first_token, 10u);
  EXPECT_EQ(found[0].a_tokens, 25u);
  EXPECT_EQ(found[1].a_first_token, 75u);
  EXPECT_EQ(found[1].a_tokens, 30u);
  EXPECT_EQ(found[1].b_first_token, 15u);
}

TEST(AlignerTest, ShortSharedPhrasesAreNotPassages) {
  Words words(4);
  auto phrase = words.Take(8);
  std::string a = Join(Concat({words.Take(30), phrase, words.Take(30)}));
  std::string b = Join(Concat({words.Take(30), phrase, words.Take(30)}));
  EXPECT_TRUE(Align(a, b).empty());
  EXPECT_TRUE(Align(a, "").empty());
}

TEST(AlignerTest, OffsetsPointIntoTheOriginalText) {
  Words words(5);
  auto passage = words.Take(25);
  std::string a = "Intro \u201C" + Join(passage) + "\u201D, outro text here.";
  std::string b = "OTHER START. " + Join(passage) + " other end";
  auto found = Align(a, b);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(a.substr(found[0].a_start, found[0].a_end - found[0].a_start), Join(passage));
}

}  // namespace
}  // namespace doppel
