#include "index/postings.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <random>

namespace doppel::index {
namespace {

// Documents with 0 to 40 sorted anchors drawn from `distinct` values (so
// many are shared), of `bits` bits.
struct Lists {
  std::vector<uint64_t> offsets{0};
  std::vector<uint64_t> anchors;
};

Lists RandomLists(size_t docs, uint64_t distinct, int bits, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> values(distinct);
  for (uint64_t& v : values) v = bits == 64 ? rng() : rng() >> (64 - bits);
  Lists lists;
  for (size_t d = 0; d < docs; ++d) {
    std::vector<uint64_t> mine;
    const size_t count = rng() % 41;
    for (size_t i = 0; i < count; ++i) mine.push_back(values[rng() % distinct]);
    std::sort(mine.begin(), mine.end());
    mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
    lists.anchors.insert(lists.anchors.end(), mine.begin(), mine.end());
    lists.offsets.push_back(lists.anchors.size());
  }
  return lists;
}

std::vector<Posting> SortedByStd(const Lists& lists) {
  std::vector<Posting> expected;
  for (size_t d = 0; d + 1 < lists.offsets.size(); ++d) {
    for (uint64_t i = lists.offsets[d]; i < lists.offsets[d + 1]; ++i) {
      expected.emplace_back(lists.anchors[i], static_cast<uint32_t>(d));
    }
  }
  std::sort(expected.begin(), expected.end());
  return expected;
}

std::vector<Posting> Plain(const SortedPostings& sorted) {
  return std::vector<Posting>(sorted.postings.begin(), sorted.postings.end());
}

void ExpectSortedInWholeParts(const Lists& lists) {
  const SortedPostings sorted = SortPostings(lists.offsets, lists.anchors);
  EXPECT_EQ(Plain(sorted), SortedByStd(lists));
  ASSERT_GE(sorted.bounds.size(), 2u);
  EXPECT_EQ(sorted.bounds.front(), 0u);
  EXPECT_EQ(sorted.bounds.back(), sorted.postings.size());
  for (size_t p = 0; p + 1 < sorted.bounds.size(); ++p) {
    ASSERT_LE(sorted.bounds[p], sorted.bounds[p + 1]);
    const uint64_t b = sorted.bounds[p + 1];
    if (b > 0 && b < sorted.postings.size()) {  // no run of equal anchors crosses a bound
      EXPECT_NE(sorted.postings[b - 1].first, sorted.postings[b].first) << "bound " << p + 1;
    }
  }
}

TEST(SortPostingsTest, SortsAsStdSortInPartsThatSplitNoRun) {
  ExpectSortedInWholeParts(RandomLists(3000, 500, 64, 1));
  ExpectSortedInWholeParts(RandomLists(3000, 50000, 61, 2));  // anchors below a cutoff
  ExpectSortedInWholeParts(RandomLists(500, 3, 64, 3));       // a few values, long runs
  ExpectSortedInWholeParts(RandomLists(200, 1, 64, 4));       // one value
  ExpectSortedInWholeParts(RandomLists(2000, 300, 9, 5));     // a narrow range
}

TEST(SortPostingsTest, NoDocumentsOrNoAnchors) {
  ExpectSortedInWholeParts(Lists{});
  Lists empty_docs;
  empty_docs.offsets = {0, 0, 0, 0};
  ExpectSortedInWholeParts(empty_docs);
}

TEST(SortPostingsTest, OneKeyADocumentAsOffsetsOneApart) {
  const Lists lists = RandomLists(3000, 700, 64, 7);
  std::vector<uint64_t> keys(lists.anchors.begin(), lists.anchors.begin() + 3000);
  std::vector<uint64_t> offsets(keys.size() + 1);
  for (size_t d = 0; d < offsets.size(); ++d) offsets[d] = d;
  EXPECT_EQ(Plain(SortPostings(keys)), Plain(SortPostings(offsets, keys)));
  EXPECT_EQ(Plain(SortPostings(keys)), SortedByStd(Lists{offsets, keys}));
}

TEST(SortPostingsTest, SameResultOnOneThread) {
  const Lists lists = RandomLists(4000, 2000, 64, 6);
  const SortedPostings many = SortPostings(lists.offsets, lists.anchors);
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  const SortedPostings single = SortPostings(lists.offsets, lists.anchors);
  EXPECT_EQ(Plain(many), Plain(single));
}

}  // namespace
}  // namespace doppel::index
