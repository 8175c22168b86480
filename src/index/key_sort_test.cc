#include "index/key_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "doppel/hash.h"

namespace doppel::index {
namespace {

using KeyedDoc = std::pair<uint64_t, uint32_t>;

// Sorts a copy both ways and compares.
void ExpectSortsAsStdSort(std::vector<KeyedDoc> items) {
  std::vector<KeyedDoc> expected = items;
  std::sort(expected.begin(), expected.end());
  SortByKey(&items);
  EXPECT_EQ(items, expected);
}

TEST(KeySortTest, SortsHashedKeysAsStdSort) {
  for (size_t n : {0, 1, 2, 255, 256, 1000, 100000}) {
    std::vector<KeyedDoc> items;
    for (size_t i = 0; i < n; ++i) items.emplace_back(Mix64(i), static_cast<uint32_t>(n - i));
    ExpectSortsAsStdSort(items);
  }
}

TEST(KeySortTest, SortsKeysInANarrowRangeOrAllEqual) {
  std::mt19937_64 rng(7);
  std::vector<KeyedDoc> narrow;  // anchors: hashes below a sampling cutoff
  std::vector<KeyedDoc> few;     // a handful of keys, each many times
  std::vector<KeyedDoc> equal;
  for (uint32_t i = 0; i < 50000; ++i) {
    narrow.emplace_back(rng() >> 20, i);
    few.emplace_back(rng() % 5 * 1000003, static_cast<uint32_t>(rng()));
    equal.emplace_back(42, static_cast<uint32_t>(rng()));
  }
  ExpectSortsAsStdSort(narrow);
  ExpectSortsAsStdSort(few);
  ExpectSortsAsStdSort(equal);
}

TEST(KeySortTest, SortsKeysThatDifferOnlyInLowBits) {
  // Keys spread over 42 bits, but only 2 high bits and 16 low ones vary:
  // the radix digits (the top bits of the range) tie for most items, and
  // their order comes from the comparison; at sizes on both sides of the
  // in-cache radix sort's limit.
  std::mt19937_64 rng(11);
  for (size_t n : {300, 20000, 40000, 200000}) {
    std::vector<KeyedDoc> items;
    for (size_t i = 0; i < n; ++i) {
      items.emplace_back((rng() % 4) << 40 | (rng() & 0xFFFF), static_cast<uint32_t>(rng() % 7));
    }
    ExpectSortsAsStdSort(items);
  }
}

TEST(KeySortTest, SortsExtremeKeys) {
  std::vector<KeyedDoc> items;
  for (uint32_t i = 0; i < 3000; ++i) {
    items.emplace_back(i % 3 == 0 ? 0 : i % 3 == 1 ? UINT64_MAX : Mix64(i), i);
  }
  ExpectSortsAsStdSort(items);
}

TEST(KeySortTest, SortsDocumentPairsAsStdSort) {
  std::mt19937 rng(3);
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (int i = 0; i < 20000; ++i) pairs.emplace_back(rng() % 5000, rng() % 5000);
  auto expected = pairs;
  std::sort(expected.begin(), expected.end());
  SortPairs(&pairs);
  EXPECT_EQ(pairs, expected);
}

}  // namespace
}  // namespace doppel::index
