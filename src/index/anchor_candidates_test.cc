#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <random>

#include "doppel/candidates.h"
#include "index/anchor_candidates_spilled.h"
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

// The pairs AnchorCandidates must return, by its contract, pair by pair.
std::vector<DocPair> ReferencePairs(const Corpus& c, const AnchorOptions& o) {
  const size_t n = c.offsets.size() - 1;
  auto anchors_of = [&](size_t d) {
    return std::vector<uint64_t>(c.anchors.begin() + static_cast<ptrdiff_t>(c.offsets[d]),
                                 c.anchors.begin() + static_cast<ptrdiff_t>(c.offsets[d + 1]));
  };
  std::map<uint64_t, uint64_t> df;
  for (uint64_t a : c.anchors) ++df[a];
  auto counted = [&](size_t d) {
    std::vector<uint64_t> out;
    for (uint64_t a : anchors_of(d)) {
      if (o.max_df == 0 || df[a] <= o.max_df) out.push_back(a);
    }
    return out;
  };
  auto cap = [&](size_t d) {
    auto a = anchors_of(d);
    bool capped = o.max_anchors != 0 && a.size() >= static_cast<size_t>(o.max_anchors);
    return capped ? a.back() : std::numeric_limits<uint64_t>::max();
  };
  std::vector<DocPair> out;
  for (size_t x = 0; x < n; ++x) {
    for (size_t y = x + 1; y < n; ++y) {
      auto cx = counted(x);
      auto cy = counted(y);
      std::vector<uint64_t> both;
      std::set_intersection(cx.begin(), cx.end(), cy.begin(), cy.end(), std::back_inserter(both));
      if (both.empty() || both.size() < static_cast<size_t>(o.min_shared)) continue;
      const uint64_t limit = std::min(cap(x), cap(y));
      auto share = [&](const std::vector<uint64_t>& mine) {
        auto comparable =
            std::count_if(mine.begin(), mine.end(), [&](uint64_t a) { return a <= limit; });
        return static_cast<double>(both.size()) / static_cast<double>(comparable);
      };
      if (share(cx) >= o.min_estimate || share(cy) >= o.min_estimate) {
        out.emplace_back(static_cast<uint32_t>(x), static_cast<uint32_t>(y));
      }
    }
  }
  return out;
}

TEST(AnchorCandidatesTest, AgreesWithAPairByPairReference) {
  std::mt19937_64 rng(9);
  // Documents drawn from a small pool of shingles overlap in every degree.
  const auto pool = testing::RandomSet(rng, 400);
  for (const AnchorOptions& o :
       {AnchorOptions{1, 12, 0, 2, 0.4}, AnchorOptions{2, 8, 6, 2, 0.3},
        AnchorOptions{1, 0, 0, 1, 0.25}, AnchorOptions{1, 20, 10, 3, 1.0 / 3.0},
        AnchorOptions{1, 5, 0, 1, 1.0}}) {
    Corpus c;
    for (int d = 0; d < 60; ++d) {
      std::vector<uint64_t> set;
      const size_t size = 3 + rng() % 60;
      for (size_t i = 0; i < size; ++i) set.push_back(pool[rng() % (d % 3 == 0 ? 40 : 400)]);
      std::sort(set.begin(), set.end());
      set.erase(std::unique(set.begin(), set.end()), set.end());
      c.Add(set, o);
    }
    AnchorStats stats;
    const std::vector<DocPair> pairs = AnchorCandidates(c.offsets, c.anchors, o, &stats);
    EXPECT_EQ(pairs, ReferencePairs(c, o)) << "sampling " << o.sampling << ", max_anchors "
                                           << o.max_anchors << ", min_estimate " << o.min_estimate;
    // Spilled, in memory for a few postings at a time: many buckets and
    // partitions, the same pairs and counts.
    testing::TempDir dir;
    for (const auto& [memory, gather] : std::vector<std::pair<uint64_t, bool>>{
             {uint64_t{1} << 30, true}, {2048, true}, {2048, false}, {8192, true}, {32768, true}}) {
      io::SpillFile<uint64_t> file;
      ASSERT_OK(file.Create(dir.File("anchors.bin")));
      ASSERT_TRUE(file.Append(c.anchors).ok());
      ASSERT_OK(file.Seal());
      AnchorStats spilled_stats;
      auto spilled = index::AnchorCandidatesSpilled(
          c.offsets, &file, o, &spilled_stats, index::AnchorSpill{dir.File("a-"), memory, gather});
      ASSERT_OK(spilled.status());
      EXPECT_EQ(*spilled, pairs) << "memory " << memory;
      EXPECT_EQ(spilled_stats.postings, stats.postings);
      EXPECT_EQ(spilled_stats.distinct_anchors, stats.distinct_anchors);
      EXPECT_EQ(spilled_stats.ignored_anchors, stats.ignored_anchors);
      EXPECT_EQ(spilled_stats.pairs_examined, stats.pairs_examined);
      file = io::SpillFile<uint64_t>();
      EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "spill files left behind";
    }
  }
}

TEST(AnchorCandidatesTest, SpilledIndexGathersRunsVisitedByManyDocumentsOnce) {
  // Eighty documents drawn from thirty shingles: every anchor's run holds
  // most documents, and each member reads the rest of it. The ranges read
  // come to some 170 KB, their union to under 8 KB a partition: with 64 KB
  // of memory the spilled index gathers the union, and must find the same
  // pairs.
  std::mt19937_64 rng(5);
  const auto pool = testing::RandomSet(rng, 30);
  const AnchorOptions o{1, 0, 0, 2, 0.4};
  Corpus c;
  for (int d = 0; d < 80; ++d) {
    std::vector<uint64_t> set;
    for (uint64_t s : pool) {
      if (rng() % 3 != 0) set.push_back(s);
    }
    c.Add(set, o);
  }
  AnchorStats stats;
  const std::vector<DocPair> pairs = AnchorCandidates(c.offsets, c.anchors, o, &stats);
  EXPECT_EQ(pairs, ReferencePairs(c, o));
  testing::TempDir dir;
  io::SpillFile<uint64_t> file;
  ASSERT_OK(file.Create(dir.File("anchors.bin")));
  ASSERT_TRUE(file.Append(c.anchors).ok());
  ASSERT_OK(file.Seal());
  AnchorStats spilled_stats;
  auto spilled = index::AnchorCandidatesSpilled(c.offsets, &file, o, &spilled_stats,
                                                index::AnchorSpill{dir.File("a-"), 64 << 10, true});
  ASSERT_OK(spilled.status());
  EXPECT_EQ(*spilled, pairs);
  EXPECT_EQ(spilled_stats.pairs_examined, stats.pairs_examined);
}

}  // namespace
}  // namespace doppel
