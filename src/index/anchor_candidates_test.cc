#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "doppel/candidates.h"
#include "test_util.h"

namespace doppel {
namespace {

// Builds the anchor CSR of some documents' shingle sets.
struct Corpus {
  std::vector<uint64_t> offsets{0};
  std::vector<uint64_t> anchors;
  void Add(std::vector<uint64_t> shingles, const AnchorOptions& options) {
    std::sort(shingles.begin(), shingles.end());
    std::vector<uint64_t> a;
    SelectAnchors(shingles, options, &a);
    anchors.insert(anchors.end(), a.begin(), a.end());
    offsets.push_back(anchors.size());
  }
};

std::vector<uint64_t> Concat(std::vector<uint64_t> a, const std::vector<uint64_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(AnchorCandidatesTest, SelectsAboutOneInSamplingSortedAndCapped) {
  std::mt19937_64 rng(5);
  auto set = testing::RandomSet(rng, 8000);
  std::sort(set.begin(), set.end());
  AnchorOptions o;
  o.sampling = 8;
  o.max_anchors = 0;
  std::vector<uint64_t> a;
  SelectAnchors(set, o, &a);
  EXPECT_NEAR(static_cast<double>(a.size()), 1000.0, 150.0);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  o.max_anchors = 64;
  std::vector<uint64_t> capped;
  SelectAnchors(set, o, &capped);
  ASSERT_EQ(capped.size(), 64u);
  EXPECT_TRUE(std::equal(capped.begin(), capped.end(), a.begin()));  // the smallest ones
}

TEST(AnchorCandidatesTest, FindsADocumentEmbeddedInALongerOne) {
  std::mt19937_64 rng(6);
  AnchorOptions o;
  auto story = testing::RandomSet(rng, 300);
  auto page = Concat(Concat(testing::RandomSet(rng, 400), story), testing::RandomSet(rng, 600));
  Corpus c;
  c.Add(story, o);                         // 0: the story alone
  c.Add(page, o);                          // 1: the story inside a page 4.4x longer
  c.Add(testing::RandomSet(rng, 500), o);  // 2: unrelated
  AnchorStats stats;
  auto pairs = AnchorCandidates(c.offsets, c.anchors, o, &stats);
  EXPECT_EQ(pairs, (std::vector<DocPair>{{0, 1}}));
  EXPECT_GT(stats.postings, 0u);
}

TEST(AnchorCandidatesTest, IgnoresPairsSharingLittle) {
  std::mt19937_64 rng(7);
  AnchorOptions o;
  o.max_anchors = 0;
  auto quote = testing::RandomSet(rng, 40);  // one shared paragraph
  Corpus c;
  c.Add(Concat(testing::RandomSet(rng, 500), quote), o);
  c.Add(Concat(testing::RandomSet(rng, 500), quote), o);
  AnchorStats stats;
  EXPECT_TRUE(AnchorCandidates(c.offsets, c.anchors, o, &stats).empty());
}

TEST(AnchorCandidatesTest, AnchorsInTooManyDocumentsAreIgnored) {
  std::mt19937_64 rng(8);
  AnchorOptions o;
  o.sampling = 1;
  o.max_anchors = 0;
  o.max_df = 3;
  auto boilerplate = testing::RandomSet(rng, 50);
  Corpus c;
  for (int i = 0; i < 5; ++i) c.Add(Concat(boilerplate, testing::RandomSet(rng, 20)), o);
  AnchorStats stats;
  EXPECT_TRUE(AnchorCandidates(c.offsets, c.anchors, o, &stats).empty());
  EXPECT_EQ(stats.ignored_anchors, 50u);
}

TEST(AnchorCandidatesTest, EveryShingleAsAnchorFindsEveryOverlap) {
  // sampling 1, no caps, no estimate floor: the exact inverted index.
  AnchorOptions o{1, 0, 0, 1, 0.0};
  Corpus c;
  c.Add({1, 2, 3}, o);
  c.Add({3, 4}, o);
  c.Add({5, 6}, o);
  c.Add({6, 1}, o);
  AnchorStats stats;
  EXPECT_EQ(AnchorCandidates(c.offsets, c.anchors, o, &stats),
            (std::vector<DocPair>{{0, 1}, {0, 3}, {2, 3}}));
}

}  // namespace
}  // namespace doppel
