#include "pipeline/shingle_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <random>
#include <thread>

#include "pipeline/profile.h"
#include "test_util.h"

namespace doppel::pipeline {
namespace {

using doppel::testing::TempDir;

TEST(ShingleStoreTest, StoresSetsAndReadsThemBack) {
  TempDir dir;
  ShingleStore store;
  ASSERT_OK(store.Create(dir.File("s.bin")));
  std::vector<uint32_t> a{1, 5, 9};
  std::vector<uint32_t> b{2, 5, 7, 9, 11};
  auto oa = store.Append(a);
  auto ob = store.Append(b);
  ASSERT_TRUE(oa.ok() && ob.ok());
  ASSERT_OK(store.Seal());
  auto ga = store.Get(*oa, 3);
  auto gb = store.Get(*ob, 5);
  EXPECT_EQ(std::vector<uint32_t>(ga.begin(), ga.end()), a);
  EXPECT_EQ(std::vector<uint32_t>(gb.begin(), gb.end()), b);
  EXPECT_EQ(IntersectionSize(ga, gb), 2u);
  EXPECT_EQ(store.All().size(), 8u);
}

TEST(ShingleStoreTest, SetsCanBeRewrittenInPlaceAfterSealing) {
  TempDir dir;
  ShingleStore store;
  ASSERT_OK(store.Create(dir.File("s.bin")));
  std::vector<uint32_t> a{1, 5, 9};
  ASSERT_TRUE(store.Append(a).ok());
  ASSERT_OK(store.Seal());
  EXPECT_EQ(store.Get(0, 1)[0], 1u);  // the page mapped before it is rewritten
  std::vector<uint32_t> copy;
  ASSERT_OK(store.CopyRange(0, 3, &copy));
  copy[0] = 5;
  copy[1] = 9;
  ASSERT_OK(store.Overwrite(0, std::span<const uint32_t>(copy).first(2)));
  auto got = store.Get(0, 3);  // the map sees what was written
  EXPECT_EQ(std::vector<uint32_t>(got.begin(), got.end()), (std::vector<uint32_t>{5, 9, 9}));
  ASSERT_OK(store.CopyRange(1, 2, &copy));
  EXPECT_EQ(copy, (std::vector<uint32_t>{9, 9}));
}

TEST(ShingleStoreTest, ReservedRangesAreWrittenInAnyOrderBeforeSealing) {
  // How the scan stores sets: places them in order, writes them later, from
  // other threads, in any order.
  TempDir dir;
  ShingleStore store;
  ASSERT_OK(store.Create(dir.File("s.bin")));
  const std::vector<uint32_t> a{1, 2, 3};
  const std::vector<uint32_t> b(70000, 7);  // more than a page
  const std::vector<uint32_t> c{9};
  EXPECT_EQ(store.Reserve(a.size()), 0u);
  EXPECT_EQ(store.Reserve(b.size()), 3u);
  EXPECT_EQ(store.Reserve(c.size()), 70003u);
  EXPECT_EQ(store.size(), 70004u);
  std::thread later([&] { EXPECT_TRUE(store.Overwrite(3, b).ok()); });
  ASSERT_OK(store.Overwrite(70003, c));
  ASSERT_OK(store.Overwrite(0, a));
  later.join();
  ASSERT_OK(store.Seal());
  std::vector<uint32_t> all;
  store.CopyAll(&all);
  std::vector<uint32_t> expected = a;
  expected.insert(expected.end(), b.begin(), b.end());
  expected.insert(expected.end(), c.begin(), c.end());
  EXPECT_EQ(all, expected);
  EXPECT_EQ(store.Get(70003, 1)[0], 9u);
}

TEST(ShingleStoreTest, DroppingResidentPagesKeepsWhatWasRewritten) {
  TempDir dir;
  ShingleStore store;
  ASSERT_OK(store.Create(dir.File("s.bin")));
  std::vector<uint32_t> values(100000);  // many pages
  for (uint32_t i = 0; i < values.size(); ++i) values[i] = i;
  ASSERT_TRUE(store.Append(values).ok());
  ASSERT_OK(store.Seal());
  for (uint32_t& v : values) v *= 3;
  ASSERT_OK(store.Overwrite(0, values));
  store.DropResidentPages(5000, 40000);  // whole pages inside a range
  store.DropResidentPages();             // and everything
  auto got = store.All();
  for (uint32_t i = 0; i < values.size(); ++i) ASSERT_EQ(got[i], 3 * i) << i;
}

TEST(ShingleStoreTest, CopiesReadWhatWasRewritten) {
  TempDir dir;
  ShingleStore store;
  ASSERT_OK(store.Create(dir.File("s.bin")));
  std::vector<uint32_t> values(70000);  // more than one write buffer's pages
  for (uint32_t i = 0; i < values.size(); ++i) values[i] = i;
  ASSERT_TRUE(store.Append(values).ok());
  ASSERT_OK(store.Seal());
  for (uint32_t& v : values) v += 7;
  ASSERT_OK(store.Overwrite(0, values));
  std::vector<uint32_t> copy;
  store.CopyAll(&copy);
  ASSERT_EQ(copy.size(), values.size());
  for (uint32_t i = 0; i < values.size(); ++i) ASSERT_EQ(copy[i], i + 7) << i;
  store.ReadWithoutMap(true);
  std::vector<uint32_t> buffer;
  const std::span<const uint32_t> some = store.Read(65000, 3, &buffer);
  EXPECT_EQ(std::vector<uint32_t>(some.begin(), some.end()),
            (std::vector<uint32_t>{65007, 65008, 65009}));
  EXPECT_EQ(some.data(), buffer.data());  // a copy, not the map
}

TEST(ShingleStoreTest, BlocksCopiedCoverEveryRecordInOrder) {
  TempDir dir;
  ShingleStore store;
  ASSERT_OK(store.Create(dir.File("s.bin")));
  std::vector<uint32_t> values(1000);
  for (uint32_t i = 0; i < values.size(); ++i) values[i] = i * 3;
  ASSERT_TRUE(store.Append(values).ok());
  ASSERT_OK(store.Seal());
  std::vector<uint32_t> seen;
  std::vector<size_t> sizes;
  store.ForEachBlockCopied(
      [&](std::span<const uint32_t> block) {
        sizes.push_back(block.size());
        seen.insert(seen.end(), block.begin(), block.end());
      },
      300);
  EXPECT_EQ(sizes, (std::vector<size_t>{300, 300, 300, 100}));
  EXPECT_EQ(seen, values);
}

TEST(ShingleStoreTest, BoundedIntersectionIsExactWhenItReachesTheNeed) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    // Two sets drawn from a small range, so that they overlap by chance.
    const uint32_t range = 50 + static_cast<uint32_t>(rng() % 2000);
    std::vector<uint32_t> a;
    std::vector<uint32_t> b;
    for (uint32_t v = 0; v < range; ++v) {
      if (rng() % 3 == 0) a.push_back(v);
      if (rng() % 2 == 0) b.push_back(v);
    }
    const uint64_t exact = IntersectionSize(a, b);
    for (uint64_t need : {uint64_t{0}, exact / 2, exact, exact + 1, exact * 2 + 3}) {
      const uint64_t got = IntersectionSizeIfAtLeast(a, b, need);
      if (exact >= need) {
        EXPECT_EQ(got, exact) << "need " << need;
      } else {
        EXPECT_LT(got, need) << "exact " << exact;
      }
    }
  }
}

TEST(SetFilterTest, NeverRejectsAPairThatSharesEnoughAndRejectsMostThatDoNot) {
  std::mt19937_64 rng(13);
  SetFilter filter;
  uint64_t rejected = 0;
  uint64_t could_reject = 0;
  for (int trial = 0; trial < 300; ++trial) {
    // Random 32-bit values, some shared; the filter is reused, as
    // verification reuses it, so a stale value would show.
    std::vector<uint32_t> a;
    std::vector<uint32_t> b;
    const size_t na = 1 + rng() % 3000;
    const size_t nb = 1 + rng() % 600;
    const uint64_t share = rng() % 101;  // percent of b taken from a
    for (size_t i = 0; i < na; ++i) a.push_back(static_cast<uint32_t>(rng()));
    for (size_t i = 0; i < nb; ++i) {
      b.push_back(rng() % 100 < share ? a[rng() % na] : static_cast<uint32_t>(rng()));
    }
    for (auto* set : {&a, &b}) {
      std::sort(set->begin(), set->end());
      set->erase(std::unique(set->begin(), set->end()), set->end());
    }
    filter.Assign(a);
    const uint64_t exact = IntersectionSize(a, b);
    for (uint64_t need : {uint64_t{0}, exact, exact + 1, exact + b.size() / 10 + 1}) {
      const bool may = filter.MayShareAtLeast(b, need);
      if (exact >= need) {
        ASSERT_TRUE(may) << "exact " << exact << " need " << need;
      } else if (need > exact + b.size() / 10) {
        ++could_reject;
        rejected += !may;
      }
    }
  }
  // Values absent from a seldom collide in the table (3000 of 65,536 bits).
  EXPECT_GT(rejected, could_reject * 9 / 10);
}

TEST(ShingleStoreTest, IntersectionCountsWhatSetIntersectionFinds) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 500; ++trial) {
    // Sizes from empty to a few hundred, overlaps from none to nearly all,
    // values up to the top of the range.
    const uint32_t span = 1 + static_cast<uint32_t>(rng() % 3000);
    const uint32_t base = trial % 5 == 0 ? UINT32_MAX - span : static_cast<uint32_t>(rng() % 1000);
    const uint64_t keep_a = 1 + rng() % 8;
    const uint64_t keep_b = 1 + rng() % 8;
    std::vector<uint32_t> a;
    std::vector<uint32_t> b;
    for (uint32_t k = 0; k < span; ++k) {
      if (rng() % keep_a == 0) a.push_back(base + k);
      if (rng() % keep_b == 0) b.push_back(base + k);
    }
    std::vector<uint32_t> common;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
    EXPECT_EQ(IntersectionSize(a, b), common.size());
    EXPECT_EQ(IntersectionSize(b, a), common.size());
  }
}

TEST(ShingleStoreTest, RadixSortSortsAsStdSort) {
  std::mt19937 rng(5);
  std::vector<uint32_t> scratch;
  for (size_t n : {0, 1, 2, 100, 5000}) {
    std::vector<uint32_t> any(n);
    std::vector<uint32_t> low(n);     // one top byte: sorted on 24 bits
    std::vector<uint32_t> narrow(n);  // only the low byte varies: passes skipped
    for (size_t i = 0; i < n; ++i) {
      any[i] = static_cast<uint32_t>(rng());
      low[i] = 0xAB000000u | (static_cast<uint32_t>(rng()) & 0xFFFFFF);
      narrow[i] = 0x12345600u | (static_cast<uint32_t>(rng()) & 0xFF);
    }
    for (auto [values, bits] : {std::pair{any, 32}, std::pair{low, 24}, std::pair{narrow, 32}}) {
      std::vector<uint32_t> expected = values;
      std::sort(expected.begin(), expected.end());
      RadixSort(&values, bits, &scratch);
      EXPECT_EQ(values, expected) << "n " << n << " bits " << bits;
    }
  }
}

TEST(ShingleStoreTest, FrequentValuesAreThoseCountedMoreThanTheLimit) {
  // A bucket's values (top byte 0x5C): a few values many times, some
  // sharing bits 8-23 with a frequent one (their group is large, they are
  // not), and random ones.
  std::mt19937 rng(13);
  std::vector<uint32_t> bucket;
  const uint32_t top = 0x5C000000u;
  for (uint32_t i = 0; i < 40000; ++i) {
    bucket.push_back(top | (static_cast<uint32_t>(rng()) & 0xFFFFFF));
    if (i % 50 == 0) bucket.push_back(top | 0x123456);   // 800 times
    if (i % 80 == 0) bucket.push_back(top | 0x123401);   // 500: the same group
    if (i % 400 == 0) bucket.push_back(top | 0x123402);  // 100
    if (i % 90 == 0) bucket.push_back(top | 0xFFF000);   // 445
  }
  std::shuffle(bucket.begin(), bucket.end(), rng);
  std::map<uint32_t, uint64_t> counts;
  for (uint32_t v : bucket) ++counts[v];
  for (uint64_t max_df : {0, 1, 2, 99, 100, 444, 445, 799, 800, 100000}) {
    std::vector<uint32_t> expected;
    for (const auto& [v, c] : counts) {
      if (c > max_df) expected.push_back(v);
    }
    std::vector<uint32_t> values = bucket;
    std::vector<uint32_t> scratch;
    std::vector<uint32_t> found{7};  // appended to
    FrequentValues(&values, max_df, &scratch, &found);
    expected.insert(expected.begin(), 7);
    EXPECT_EQ(found, expected) << "max_df " << max_df;
  }
}

TEST(ShingleStoreTest, TheFileGoesWithTheStore) {
  TempDir dir;
  {
    ShingleStore store;
    ASSERT_OK(store.Create(dir.File("s.bin")));
    ShingleStore moved = std::move(store);
    ASSERT_OK(moved.Seal());
    EXPECT_TRUE(std::filesystem::exists(dir.File("s.bin")));
  }
  EXPECT_FALSE(std::filesystem::exists(dir.File("s.bin")));
}

TEST(ShingleStoreTest, StoredSetsAreSortedAndUniqueAtEverySize) {
  // Sizes on each side of the paths' limits (a comparison sort below 64,
  // a sort by the top 16 bits then insertion up to 2^14, a full radix
  // sort above), with repeats and with many values whose top 16 bits tie.
  std::mt19937_64 rng(17);
  for (size_t n : {0, 1, 63, 64, 65, 500, 16384, 16385, 100000}) {
    for (int kind = 0; kind < 3; ++kind) {
      std::vector<uint64_t> hashes(n);
      for (uint64_t& h : hashes) {
        h = rng();
        if (kind == 1) h &= 0x00FF'FFFF'FFFF'FFFFULL;  // top 16 bits of 256 kinds
        if (kind == 2) h = (rng() % 50) << 32;         // a few values, repeated
      }
      std::vector<uint32_t> expected;
      for (uint64_t h : hashes) expected.push_back(static_cast<uint32_t>(h >> 32));
      std::sort(expected.begin(), expected.end());
      expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
      std::vector<uint32_t> out{99};  // replaced
      ToStoredSet(hashes, &out);
      ASSERT_EQ(out, expected) << "n " << n << " kind " << kind;
    }
  }
}

TEST(ShingleStoreTest, StoredSetsKeepTheTopHalfOfEachHash) {
  std::vector<uint64_t> set{0x0000000200000000ULL, 0x0000000100000005ULL, 0x0000000100000009ULL,
                            0x0000000200000000ULL};
  std::vector<uint32_t> out;
  ToStoredSet(set, &out);
  EXPECT_EQ(out, (std::vector<uint32_t>{1, 2}));
}

TEST(CommonShinglesTest, FindsValuesInMoreThanTheLimitOfSets) {
  TempDir dir;
  ShingleStore store;
  ASSERT_OK(store.Create(dir.File("s.bin")));
  // 7 is in 4 sets, 0xF0000000 in 3, others in 1 or 2.
  for (std::vector<uint32_t> set : std::vector<std::vector<uint32_t>>{
           {1, 7, 0xF0000000u}, {2, 7, 0xF0000000u}, {7, 9, 0xF0000000u}, {7, 9}}) {
    ASSERT_TRUE(store.Append(set).ok());
  }
  ASSERT_OK(store.Seal());
  auto common = FindCommonShingles(store, 2, dir.File("bucket-"));
  ASSERT_TRUE(common.ok()) << common.status().message();
  EXPECT_EQ(*common, (std::vector<uint32_t>{7, 0xF0000000u}));
  common = FindCommonShingles(store, 3, dir.File("bucket-"));
  EXPECT_EQ(*common, (std::vector<uint32_t>{7}));
  common = FindCommonShingles(store, 0, dir.File("bucket-"));
  EXPECT_TRUE(common->empty());
  // In passes of a few bytes (one per bucket range): the same values.
  common = FindCommonShingles(store, 2, dir.File("bucket-"), /*memory_budget=*/0,
                              /*pass_bytes=*/8);
  EXPECT_EQ(*common, (std::vector<uint32_t>{7, 0xF0000000u}));
  // With a budget too small for even one bucket: one thread counts, the
  // same values.
  common = FindCommonShingles(store, 2, dir.File("bucket-"), /*memory_budget=*/1);
  EXPECT_EQ(*common, (std::vector<uint32_t>{7, 0xF0000000u}));
  // The bucket files are gone.
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1u);
}

}  // namespace
}  // namespace doppel::pipeline
