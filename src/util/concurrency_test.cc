#include "util/concurrency.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

namespace doppel::util {
namespace {

TEST(ConcurrencyTest, FollowsTheGlobalLimit) {
  const int arena = tbb::this_task_arena::max_concurrency();
  EXPECT_EQ(Concurrency(), arena);
  {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    EXPECT_EQ(Concurrency(), 1);
  }
  EXPECT_EQ(Concurrency(), arena);
}

TEST(ConcurrencyTest, FollowsAnArenaSmallerThanTheLimit) {
  tbb::task_arena two(2);
  two.execute([] { EXPECT_EQ(Concurrency(), 2); });
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  two.execute([] { EXPECT_EQ(Concurrency(), 1); });
}

}  // namespace
}  // namespace doppel::util
