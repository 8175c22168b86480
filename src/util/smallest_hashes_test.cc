#include "util/smallest_hashes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace doppel::util {
namespace {

// What KeepSmallestSorted promises, by a full comparison sort.
std::vector<uint64_t> Reference(std::vector<uint64_t> values, size_t cap) {
  std::sort(values.begin(), values.end());
  if (cap > 0 && cap < values.size()) values.resize(cap);
  return values;
}

// Sizes on both sides of the bucket path's limit and of the caps, values
// spread evenly (as hashes are), bunched in a few buckets, and repeated;
// under the largest `most` and under small ones.
TEST(SmallestHashesTest, KeepsTheSmallestInOrderWhateverTheValues) {
  std::mt19937_64 rng(23);
  std::vector<uint64_t> scratch;
  for (uint64_t most : {std::numeric_limits<uint64_t>::max(),
                        std::numeric_limits<uint64_t>::max() / 8, uint64_t{1000}, uint64_t{0}}) {
    for (size_t n : {0, 1, 2, 3, 63, 64, 65, 100, 511, 512, 513, 2000}) {
      for (int kind = 0; kind < 3; ++kind) {
        std::vector<uint64_t> values(n);
        for (uint64_t& v : values) {
          const uint64_t r =
              most == std::numeric_limits<uint64_t>::max() ? rng() : rng() % (most + 1);
          if (kind == 0) v = r;                                  // spread
          if (kind == 1) v = most - r % 16;                      // bunched at the top
          if (kind == 2) v = (r % 7) * (most / 7 + (most < 7));  // few values, repeated
          v = std::min(v, most);
        }
        for (size_t cap : {0, 1, 10, 64, 600}) {
          SCOPED_TRACE("most " + std::to_string(most) + ", n " + std::to_string(n) + ", kind " +
                       std::to_string(kind) + ", cap " + std::to_string(cap));
          std::vector<uint64_t> got = values;
          KeepSmallestSorted(&got, most, cap, &scratch);
          EXPECT_EQ(got, Reference(values, cap));
        }
      }
    }
  }
}

}  // namespace
}  // namespace doppel::util
