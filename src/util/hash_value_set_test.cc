#include "util/hash_value_set.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace doppel::util {
namespace {

TEST(HashValueSetTest, AnswersExactlyForValuesInAndOut) {
  std::mt19937 rng(7);
  std::vector<uint32_t> values;
  for (int i = 0; i < 5000; ++i) values.push_back(rng());
  // Values that share low bits (one bitmap bit) or high bits with a
  // member, and the value that marks a free slot.
  values.push_back(0);
  values.push_back(0x12345678);
  values.push_back(values.back());  // a repeat
  const HashValueSet<uint32_t> set(values);
  const std::set<uint32_t> members(values.begin(), values.end());
  for (uint32_t v : members) EXPECT_TRUE(set.Contains(v)) << v;
  const uint32_t near[] = {0x02345678, 0x12345679, 0x12340000, 1, 0xFFFFFFFF, 0x80000000};
  for (uint32_t v : near) EXPECT_EQ(set.Contains(v), members.count(v) == 1) << v;
  int checked = 0;
  for (int i = 0; i < 200000; ++i) {
    const uint32_t v = rng();
    if (members.count(v) != 0) continue;
    ASSERT_FALSE(set.Contains(v)) << v;
    ++checked;
  }
  EXPECT_GT(checked, 199000);
}

TEST(HashValueSetTest, SixtyFourBitValuesWithTheirHighBitsZero) {
  // Anchors: hashes below a cutoff (here 2^64 / 8), so their top bits are
  // all zero; the set must still tell them apart, in and out.
  std::mt19937_64 rng(11);
  const uint64_t cutoff = UINT64_MAX / 8;
  std::vector<uint64_t> values;
  for (int i = 0; i < 20000; ++i) values.push_back(rng() % cutoff);
  values.push_back(0);
  const HashValueSet<uint64_t> set(values);
  const std::set<uint64_t> members(values.begin(), values.end());
  for (uint64_t v : members) EXPECT_TRUE(set.Contains(v)) << v;
  for (int i = 0; i < 200000; ++i) {
    const uint64_t v = rng() % cutoff;
    ASSERT_EQ(set.Contains(v), members.count(v) == 1) << v;
  }
  // The same low 32 bits as a member, other high bits.
  const uint64_t member = values.front();
  EXPECT_FALSE(set.Contains(member ^ (uint64_t{1} << 40)));
  EXPECT_FALSE(set.Contains(member | (uint64_t{1} << 63)));
}

TEST(HashValueSetTest, EmptyAndZeroOnlySets) {
  const HashValueSet<uint32_t> none(std::vector<uint32_t>{});
  EXPECT_FALSE(none.Contains(0));
  EXPECT_FALSE(none.Contains(12345));
  const HashValueSet<uint32_t> zero(std::vector<uint32_t>{0});
  EXPECT_TRUE(zero.Contains(0));
  EXPECT_FALSE(zero.Contains(1u << 31));
  EXPECT_FALSE(zero.Contains(4096));  // the same bitmap bit as 0
  EXPECT_TRUE(none.empty());
  EXPECT_FALSE(zero.empty());
  const HashValueSet<uint64_t> none64(std::vector<uint64_t>{});
  EXPECT_FALSE(none64.Contains(0));
  EXPECT_FALSE(none64.Contains(uint64_t{1} << 50));
}

TEST(HashValueSetTest, AFullTableHalfStillFindsEveryMember) {
  // Values in one stretch: long probe runs in the table.
  std::vector<uint32_t> values;
  for (uint32_t i = 1; i <= 64; ++i) values.push_back(i);
  const HashValueSet<uint32_t> set(values);
  for (uint32_t v = 0; v <= 200; ++v) EXPECT_EQ(set.Contains(v), v >= 1 && v <= 64) << v;
}

}  // namespace
}  // namespace doppel::util
