#include "pipeline/common_set.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace doppel::pipeline {
namespace {

TEST(CommonSetTest, AnswersExactlyForValuesInAndOut) {
  std::mt19937 rng(7);
  std::vector<uint32_t> values;
  for (int i = 0; i < 5000; ++i) values.push_back(rng());
  // Values that share low bits (one bitmap bit) or high bits (one table
  // slot) with a member, and the value that marks a free slot.
  values.push_back(0);
  values.push_back(0x12345678);
  values.push_back(values.back());  // a repeat
  const CommonSet set(values);
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

TEST(CommonSetTest, EmptyAndZeroOnlySets) {
  const CommonSet none(std::vector<uint32_t>{});
  EXPECT_FALSE(none.Contains(0));
  EXPECT_FALSE(none.Contains(12345));
  const CommonSet zero(std::vector<uint32_t>{0});
  EXPECT_TRUE(zero.Contains(0));
  EXPECT_FALSE(zero.Contains(1u << 31));
  EXPECT_FALSE(zero.Contains(4096));  // the same bitmap bit as 0
}

TEST(CommonSetTest, AFullTableHalfStillFindsEveryMember) {
  // Every value in one table slot's neighbourhood: a long probe run.
  std::vector<uint32_t> values;
  for (uint32_t i = 1; i <= 64; ++i) values.push_back(i);
  const CommonSet set(values);
  for (uint32_t v = 0; v <= 200; ++v) EXPECT_EQ(set.Contains(v), v >= 1 && v <= 64) << v;
}

}  // namespace
}  // namespace doppel::pipeline
