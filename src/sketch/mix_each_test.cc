#include "sketch/mix_each.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "doppel/hash.h"

namespace doppel::sketch {
namespace {

TEST(MixEachTest, GivesMix64OfEveryValueAtEveryLength) {
  std::mt19937_64 rng(5);
  std::vector<uint64_t> wide(67);
  std::vector<uint32_t> narrow(67);
  for (size_t i = 0; i < wide.size(); ++i) {
    wide[i] = rng();
    narrow[i] = static_cast<uint32_t>(rng());
  }
  const uint64_t salt = 0xa0761d6478bd642fULL;
  for (size_t n = 0; n <= wide.size(); ++n) {  // every tail the vector loops leave
    std::vector<uint64_t> out(n + 1, 7);
    MixEach(wide.data(), n, salt, out.data());
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], Mix64(wide[i] ^ salt)) << n << " " << i;
    EXPECT_EQ(out[n], 7u);  // nothing written past the end
    MixEach(narrow.data(), n, out.data());
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], Mix64(narrow[i])) << n << " " << i;
    EXPECT_EQ(out[n], 7u);
  }
}

TEST(MixEachTest, MixesInPlace) {
  std::vector<uint64_t> values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ~uint64_t{0}};
  const std::vector<uint64_t> original = values;
  MixEach(values.data(), values.size(), 3, values.data());
  for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(values[i], Mix64(original[i] ^ 3));
}

TEST(MixEachTest, BlocksCoverEveryValueInOrder) {
  for (size_t n : {size_t{0}, size_t{1}, kMixedBlock - 1, kMixedBlock, 2 * kMixedBlock + 5}) {
    std::vector<uint64_t> values(n);
    for (size_t i = 0; i < n; ++i) values[i] = i * 0x9e3779b97f4a7c15ULL;
    std::vector<uint64_t> seen;
    ForEachMixedBlock(values, 9, [&](std::span<const uint64_t> block) {
      EXPECT_LE(block.size(), kMixedBlock);
      EXPECT_FALSE(block.empty());
      seen.insert(seen.end(), block.begin(), block.end());
    });
    ASSERT_EQ(seen.size(), n);
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(seen[i], Mix64(values[i] ^ 9)) << n << " " << i;
  }
}

}  // namespace
}  // namespace doppel::sketch
