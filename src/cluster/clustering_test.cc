#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "doppel/cluster.h"

namespace doppel {
namespace {

TEST(UnionFindTest, MergesSetsAndKeepsTheSmallestRoot) {
  UnionFind uf(6);
  EXPECT_TRUE(uf.Union(4, 2));
  EXPECT_TRUE(uf.Union(5, 4));
  EXPECT_FALSE(uf.Union(2, 5));
  EXPECT_EQ(uf.Find(5), 2u);
  EXPECT_EQ(uf.Find(4), 2u);
  EXPECT_EQ(uf.Find(0), 0u);
  EXPECT_TRUE(uf.Union(1, 5));
  EXPECT_EQ(uf.Find(4), 1u);
  EXPECT_EQ(uf.Find(3), 3u);
}

TEST(UnionFindTest, LongChainsCollapse) {
  constexpr uint32_t kN = 100000;
  UnionFind uf(kN);
  for (uint32_t i = kN - 1; i > 0; --i) uf.Union(i, i - 1);
  for (uint32_t i = 0; i < kN; i += 997) EXPECT_EQ(uf.Find(i), 0u);
}

// A pair of documents of na and nb shingles sharing `shared`.
ScoredPair Pair(uint32_t a, uint32_t b, uint32_t shared, uint32_t na, uint32_t nb) {
  return ScoredPair{a, b, shared, na, nb};
}

// Clusters with every document eligible and of equal length, keeping the
// first member; containment_in answers from `pairs` (0 for unknown pairs).
Clustering Cluster(size_t n, const std::vector<ScoredPair>& pairs,
                   std::vector<uint32_t> lengths = {}) {
  if (lengths.empty()) lengths.assign(n, 10);
  std::vector<uint8_t> eligible(n, 1);
  auto containment_in = [&](uint32_t inner, uint32_t outer) {
    if (inner == outer) return 1.0;
    for (const ScoredPair& p : pairs) {
      if (p.a == inner && p.b == outer) return p.a_in_b();
      if (p.b == inner && p.a == outer) return p.b_in_a();
    }
    return 0.0;
  };
  return ClusterDocuments(n, pairs, ClusterThresholds{}, lengths, eligible, KeepPolicy::kLongest,
                          containment_in);
}

TEST(ClusteringTest, RelatesPairsByThresholds) {
  ClusterThresholds t{0.7, 0.8};
  // Scores (Jaccard, a in b, b in a) in the comments.
  EXPECT_EQ(Relate(Pair(0, 1, 72, 90, 80), t), PairRelation::kNear);    // 0.73 0.8 0.9
  EXPECT_EQ(Relate(Pair(0, 1, 85, 100, 189), t), PairRelation::kAInB);  // 0.42 0.85 0.45
  EXPECT_EQ(Relate(Pair(0, 1, 85, 189, 100), t), PairRelation::kBInA);  // 0.42 0.45 0.85
  EXPECT_EQ(Relate(Pair(0, 1, 80, 98, 100), t), PairRelation::kNear);   // 0.68 0.82 0.8: both
  EXPECT_EQ(Relate(Pair(0, 1, 71, 100, 158), t), PairRelation::kNone);  // 0.38 0.71 0.45
}

TEST(ClusteringTest, NearDuplicatesChain) {
  std::vector<ScoredPair> pairs{Pair(0, 1, 90, 100, 100), Pair(1, 2, 86, 101, 100)};
  EXPECT_EQ(Cluster(4, pairs).roots, (std::vector<uint32_t>{0, 0, 0, 3}));
}

TEST(ClusteringTest, ASmallPageInsideManyPagesDoesNotChainThem) {
  // 0 is a cookie notice contained in articles 1, 2 and 3, which are unrelated.
  std::vector<ScoredPair> pairs{Pair(0, 1, 500, 500, 5000), Pair(0, 2, 500, 500, 4167),
                                Pair(0, 3, 500, 500, 5556)};
  auto c = Cluster(4, pairs, {2, 20, 20, 20});
  const auto& roots = c.roots;
  // 0 joins exactly one article (the first of the best-scoring ones) ...
  EXPECT_EQ(roots[0], roots[1]);
  EXPECT_EQ(c.representatives[0], 1u);
  // ... and the articles stay apart.
  EXPECT_NE(roots[1], roots[2]);
  EXPECT_NE(roots[1], roots[3]);
  EXPECT_NE(roots[2], roots[3]);
}

TEST(ClusteringTest, ContainedClusterJoinsItsBestContainer) {
  // 0 and 1 are near-duplicates; 1 lies in 3 (0.9) and 0 in 2 (0.85).
  std::vector<ScoredPair> pairs{Pair(0, 1, 950, 1000, 1000), Pair(0, 2, 510, 600, 1700),
                                Pair(1, 3, 540, 600, 1800)};
  auto roots = Cluster(4, pairs).roots;
  EXPECT_EQ(roots[0], roots[1]);
  EXPECT_EQ(roots[1], roots[3]);
  EXPECT_NE(roots[0], roots[2]);
}

TEST(ClusteringTest, AStoryThatIsMostOfTwoPagesJoinsBoth) {
  // 0 (a wire story) is 84% of page 1 and 54% of page 2: all one cluster.
  std::vector<ScoredPair> pairs{Pair(0, 1, 840, 1000, 1091), Pair(0, 2, 880, 1000, 1630)};
  EXPECT_EQ(Cluster(3, pairs).roots, (std::vector<uint32_t>{0, 0, 0}));
}

TEST(ClusteringTest, ContainmentChainsUpward) {
  // A truncated copy inside the full story inside a long page: one cluster.
  std::vector<ScoredPair> pairs{Pair(0, 1, 500, 500, 1000), Pair(1, 2, 950, 1000, 2375)};
  auto c = Cluster(3, pairs, {5, 10, 25});
  EXPECT_EQ(c.roots, (std::vector<uint32_t>{0, 0, 0}));
  EXPECT_EQ(c.representatives, (std::vector<uint32_t>{2, 2, 2}));
}

TEST(ClusteringTest, ASmallContainedOverlapDoesNotLink) {
  // 0 lies in 1 (0.9) but shares only 40 shingles with it, a small part of 1.
  std::vector<ScoredPair> pairs{Pair(0, 1, 40, 44, 400)};
  EXPECT_EQ(Cluster(2, pairs).roots, (std::vector<uint32_t>{0, 1}));
}

TEST(ClusteringTest, AWeaklyContainedPageStaysWhenNoKeptDocumentHoldsIt) {
  // 0 (a notice) lies in 1 only; 1 is a near-duplicate of 2, which keeps and
  // does not hold the notice. Removing 0 would lose its text: it stays.
  std::vector<ScoredPair> pairs{Pair(0, 1, 500, 556, 5000), Pair(1, 2, 680, 850, 800)};
  auto c = Cluster(3, pairs, {2, 20, 30});
  EXPECT_EQ(c.representatives, (std::vector<uint32_t>{0, 2, 2}));
  EXPECT_NE(c.roots[0], c.roots[1]);
}

TEST(ClusteringTest, AWeaklyContainedPageAdoptsItsContainersKeptMember) {
  // Even when it comes first, a notice never becomes what a cluster keeps.
  std::vector<ScoredPair> pairs{Pair(0, 1, 500, 556, 5000)};
  std::vector<uint8_t> eligible(2, 1);
  std::vector<uint32_t> lengths{2, 20};
  auto c = ClusterDocuments(2, pairs, ClusterThresholds{}, lengths, eligible, KeepPolicy::kFirst,
                            [](uint32_t, uint32_t) { return 0.9; });
  EXPECT_EQ(c.representatives, (std::vector<uint32_t>{1, 1}));
}

// Every shared count of every pair of sizes, scored as verification scores
// it: those that link share at least the bound, and the bound sits at most
// two below the least that links.
TEST(ClusteringTest, FewestSharedToLinkBoundsEveryLinkingCount) {
  std::vector<ClusterThresholds> all(4);
  all[1].jaccard = 0.9;
  all[1].containment = 0.5;
  all[2].container_share = 0.95;
  all[2].min_contained_shingles = 10;
  all[3].jaccard = 0.3;
  all[3].containment = 0.95;
  all[3].container_share = 0.2;
  for (const ClusterThresholds& t : all) {
    for (uint32_t na = 1; na <= 240; na += 7) {
      for (uint32_t nb = 1; nb <= 480; nb += 13) {
        const uint64_t bound = FewestSharedToLink(na, nb, t);
        uint64_t least = std::numeric_limits<uint64_t>::max();
        for (uint32_t shared = 0; shared <= std::min(na, nb); ++shared) {
          const ScoredPair p{0, 1, shared, na, nb};
          if (CanLink(p, t)) least = std::min<uint64_t>(least, shared);
        }
        if (least == std::numeric_limits<uint64_t>::max()) continue;
        EXPECT_LE(bound, least) << na << " " << nb;
        EXPECT_GE(bound + 2, least) << na << " " << nb;
      }
    }
  }
  // Defaults: a page of 50 shingles links with one of 400 in no way (too
  // small to merge outright, fewer than 100 shingles to be contained).
  EXPECT_GT(FewestSharedToLink(50, 400, ClusterThresholds{}), 50u);
}

TEST(RepresentativeTest, LongestKeepsTheMostCompleteMemberFirstOnTies) {
  std::vector<uint32_t> roots{0, 0, 0, 3, 3};
  std::vector<uint32_t> lengths{10, 30, 30, 5, 5};
  std::vector<uint8_t> eligible{1, 1, 1, 1, 1};
  auto reps = ChooseRepresentatives(roots, lengths, eligible, KeepPolicy::kLongest);
  EXPECT_EQ(reps, (std::vector<uint32_t>{1, 1, 1, 3, 3}));
  reps = ChooseRepresentatives(roots, lengths, eligible, KeepPolicy::kFirst);
  EXPECT_EQ(reps, (std::vector<uint32_t>{0, 0, 0, 3, 3}));
}

TEST(RepresentativeTest, IneligibleDocumentsAreLeftOut) {
  std::vector<uint32_t> roots{0, 0, 2};
  std::vector<uint32_t> lengths{10, 0, 0};
  std::vector<uint8_t> eligible{1, 1, 0};
  auto reps = ChooseRepresentatives(roots, lengths, eligible, KeepPolicy::kLongest);
  EXPECT_EQ(reps, (std::vector<uint32_t>{0, 0, 2}));
}

TEST(RepresentativeTest, ParsesPolicyNames) {
  KeepPolicy p;
  EXPECT_TRUE(ParseKeepPolicy("first", &p));
  EXPECT_EQ(p, KeepPolicy::kFirst);
  EXPECT_FALSE(ParseKeepPolicy("random", &p));
  EXPECT_EQ(KeepPolicyName(KeepPolicy::kLongest), "longest");
}

}  // namespace
}  // namespace doppel
