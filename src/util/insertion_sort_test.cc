#include "util/insertion_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace doppel::util {
namespace {

// Nearly sorted arrays (what it is for), and arbitrary ones (it must still
// be right), with repeats, against std::sort.
TEST(InsertionSortTest, SortsNearlySortedAndArbitraryArrays) {
  std::mt19937 rng(31);
  for (size_t n : {0, 1, 2, 3, 17, 200}) {
    for (int kind = 0; kind < 3; ++kind) {
      std::vector<uint32_t> v(n);
      for (uint32_t& x : v) x = static_cast<uint32_t>(rng() % (kind == 2 ? 5 : 100000));
      if (kind == 0) {  // sorted, then a few neighbours swapped
        std::sort(v.begin(), v.end());
        for (size_t i = 1; i < n; i += 7) std::swap(v[i - 1], v[i]);
      }
      std::vector<uint32_t> expected = v;
      std::sort(expected.begin(), expected.end());
      InsertionSortNearlySorted(std::span<uint32_t>(v));
      EXPECT_EQ(v, expected) << "n " << n << ", kind " << kind;
    }
  }
}

}  // namespace
}  // namespace doppel::util
